package io.cerebro.core.ab.sequential;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.SpendingFunction;
import org.hipparchus.analysis.solvers.BrentSolver;

import java.util.Arrays;

/**
 * A one-sided group-sequential design with Lan-DeMets alpha spending and efficacy boundaries only
 * (no futility stopping): at look {@code k}, with information fraction {@code t_k}, the trial stops
 * and rejects H0 when the standardised statistic {@code Z_k >= b_k}.
 *
 * <p>The boundaries are found look by look so that, under H0, the probability of first crossing at
 * look {@code k} equals the alpha spent between {@code t_{k-1}} and {@code t_k}. That probability
 * is computed by the recursive numerical integration of Armitage, McPherson and Rowe (1969) as
 * described by Jennison and Turnbull (2000, ch. 19) and used by the {@code ldbounds} R package:
 * the score {@code S_k = Z_k sqrt(t_k)} has independent normal increments, so the sub-density of
 * {@code S_k} on the continuation region is the previous sub-density convolved with a normal
 * kernel. Integrals use composite Simpson's rule on a grid of at most a fiftieth of a standard
 * deviation that also resolves the narrowest increment (the tests check the boundaries against an
 * independent multivariate-normal integration to 2e-4 and the published K=5 values to 1e-4).
 *
 * <p>For a two-sided test, use one design at {@code alpha / 2} and reject when {@code |Z_k| >= b_k}.
 */
public final class GroupSequentialDesign {
    private static final double TAIL_SDS = 10.0;
    private static final int MAX_INTERVALS = 40_000;

    private final SpendingFunction spending;
    private final double alpha;
    private final double[] fractions;
    private final double[] boundaries;

    private GroupSequentialDesign(SpendingFunction spending, double alpha, double[] fractions) {
        this.spending = spending;
        this.alpha = alpha;
        this.fractions = fractions;
        this.boundaries = solveBoundaries();
    }

    /**
     * A design with looks at the given information fractions.
     *
     * @param spending  O'Brien-Fleming-type or Pocock-type spending
     * @param alpha     one-sided significance level in (0, 0.5)
     * @param fractions strictly increasing information fractions in (0, 1]; the last is usually 1
     */
    public static GroupSequentialDesign of(SpendingFunction spending, double alpha, double... fractions) {
        if (spending == null) {
            throw new UserInputException("a group-sequential design needs a spending function: obrien_fleming or pocock");
        }
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new UserInputException("one-sided alpha of a group-sequential design must be in (0, 0.5), got " + alpha);
        }
        if (fractions == null || fractions.length == 0) {
            throw new UserInputException("a group-sequential design needs at least one look");
        }
        double prev = 0;
        for (double t : fractions) {
            if (!(t > prev && t <= 1)) {
                throw new UserInputException("information fractions must increase strictly within (0, 1], got "
                        + Arrays.toString(fractions));
            }
            prev = t;
        }
        return new GroupSequentialDesign(spending, alpha, fractions.clone());
    }

    /** A design with {@code looks} equally spaced looks at fractions 1/K, 2/K, ..., 1. */
    public static GroupSequentialDesign equallySpaced(SpendingFunction spending, double alpha, int looks) {
        if (looks < 1) {
            throw new UserInputException("a group-sequential design needs at least one look, got " + looks);
        }
        double[] t = new double[looks];
        for (int k = 0; k < looks; k++) {
            t[k] = (k + 1.0) / looks;
        }
        return of(spending, alpha, t);
    }

    /** @return the spending function family. */
    public SpendingFunction spending() {
        return spending;
    }

    /** @return the one-sided significance level. */
    public double alpha() {
        return alpha;
    }

    /** @return the number of looks. */
    public int looks() {
        return fractions.length;
    }

    /** @return the information fraction of each look. */
    public double[] informationFractions() {
        return fractions.clone();
    }

    /** @return the efficacy boundary on the z scale at each look ({@code +Infinity} where no alpha is spent). */
    public double[] boundaries() {
        return boundaries.clone();
    }

    /** @return the cumulative alpha spent by look {@code k} (1-based). */
    public double alphaSpent(int k) {
        return AlphaSpending.cumulative(spending, alpha, fractions[k - 1]);
    }

    /**
     * The stage-wise ordering p-value of a trial that reached look {@code k} without crossing and
     * observed {@code z} there: the alpha spent before look {@code k} plus the probability under H0
     * of continuing to look {@code k} and then seeing a statistic of at least {@code z}. It is at most
     * alpha exactly when {@code z} crosses the boundary.
     */
    public double stagewisePValue(int k, double z) {
        if (k < 1 || k > looks()) {
            throw new UserInputException("look must be between 1 and " + looks() + ", got " + k);
        }
        Stage prev = null;
        for (int j = 1; j < k; j++) {
            prev = nextStage(prev, j - 1, boundaries[j - 1], 0.0);
        }
        double before = k == 1 ? 0 : AlphaSpending.cumulative(spending, alpha, fractions[k - 2]);
        return Math.min(1.0, before + exitProbability(prev, k - 1, z, 0.0));
    }

    /**
     * @param drift the expected z statistic at full information ({@code t = 1})
     * @return the probability of crossing a boundary at any look when the standardised effect has this drift
     */
    public double rejectionProbability(double drift) {
        double total = 0;
        Stage prev = null;
        for (int k = 0; k < looks(); k++) {
            total += exitProbability(prev, k, boundaries[k], drift);
            prev = nextStage(prev, k, boundaries[k], drift);
        }
        return total;
    }

    /**
     * The inflation factor: the maximum information (sample size) of this design divided by that of a
     * fixed-sample one-sided test at the same alpha and power.
     *
     * @param power target power in (alpha, 1)
     */
    public double inflationFactor(double power) {
        if (!(power > alpha && power < 1)) {
            throw new UserInputException("power must be between alpha and 1, got " + power);
        }
        double fixed = Normal.quantile(1 - alpha) + Normal.quantile(power);
        double hi = fixed;
        while (rejectionProbability(hi) < power) {
            hi *= 1.5;
        }
        BrentSolver solver = new BrentSolver(1e-12, 1e-10);
        double drift = solver.solve(200, d -> rejectionProbability(d) - power, fixed * 0.5, hi);
        return (drift / fixed) * (drift / fixed);
    }

    private double[] solveBoundaries() {
        double[] b = new double[looks()];
        Stage prev = null;
        double spentBefore = 0;
        BrentSolver solver = new BrentSolver(1e-13, 1e-11);
        for (int k = 0; k < looks(); k++) {
            double spent = AlphaSpending.cumulative(spending, alpha, fractions[k]);
            double target = spent - spentBefore;
            if (target <= 1e-15) {
                b[k] = Double.POSITIVE_INFINITY;
            } else {
                final Stage p = prev;
                final int kk = k;
                double lo = -8;
                double hi = 40;
                b[k] = solver.solve(500, c -> exitProbability(p, kk, c, 0.0) - target, lo, hi);
            }
            prev = nextStage(prev, k, b[k], 0.0);
            spentBefore = spent;
        }
        return b;
    }

    /** Sub-density of the score on the continuation region of one look, on a Simpson grid. */
    private record Stage(double[] s, double[] weightedDensity) {
    }

    /** P(continue through looks before k, then Z_k >= c) for look index k (0-based). */
    private double exitProbability(Stage prev, int k, double c, double drift) {
        double tk = fractions[k];
        if (Double.isInfinite(c)) {
            return 0;
        }
        if (prev == null) {
            return Normal.upperTail((c * Math.sqrt(tk) - drift * tk) / Math.sqrt(tk));
        }
        double dt = tk - fractions[k - 1];
        double sd = Math.sqrt(dt);
        double cs = c * Math.sqrt(tk);
        double sum = 0;
        for (int i = 0; i < prev.s.length; i++) {
            sum += prev.weightedDensity[i] * Normal.upperTail((cs - prev.s[i] - drift * dt) / sd);
        }
        return sum;
    }

    /** The sub-density of S_k below boundary b on a grid, times the Simpson weights. */
    private Stage nextStage(Stage prev, int k, double b, double drift) {
        double tk = fractions[k];
        double sdk = Math.sqrt(tk);
        double lower = drift * tk - TAIL_SDS * sdk;
        double upper = Double.isInfinite(b) ? drift * tk + TAIL_SDS * sdk : b * sdk;
        if (upper <= lower) {
            return new Stage(new double[]{lower}, new double[]{0});
        }
        double step = sdk / 50;
        if (k + 1 < looks()) {
            step = Math.min(step, Math.sqrt(fractions[k + 1] - tk) / 8);
        }
        int m = (int) Math.ceil((upper - lower) / step);
        m = Math.min(MAX_INTERVALS, Math.max(2, m + (m % 2)));
        double h = (upper - lower) / m;
        double[] s = new double[m + 1];
        double[] w = new double[m + 1];
        for (int j = 0; j <= m; j++) {
            s[j] = lower + j * h;
            double simpson = (j == 0 || j == m) ? 1 : (j % 2 == 1 ? 4 : 2);
            w[j] = simpson * h / 3 * density(prev, k, s[j], drift);
        }
        return new Stage(s, w);
    }

    private double density(Stage prev, int k, double x, double drift) {
        double tk = fractions[k];
        if (prev == null) {
            double sd = Math.sqrt(tk);
            return Normal.density((x - drift * tk) / sd) / sd;
        }
        double dt = tk - fractions[k - 1];
        double sd = Math.sqrt(dt);
        double sum = 0;
        for (int i = 0; i < prev.s.length; i++) {
            sum += prev.weightedDensity[i] * Normal.density((x - prev.s[i] - drift * dt) / sd);
        }
        return sum / sd;
    }
}
