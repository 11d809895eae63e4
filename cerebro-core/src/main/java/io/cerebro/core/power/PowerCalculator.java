package io.cerebro.core.power;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.Alternative;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Power, sample size and minimum detectable effect of a two-sample comparison.
 *
 * <p>Proportions use Cohen's effect size {@code h = |2 asin(sqrt(p_t)) - 2 asin(sqrt(p_c))|} with
 * the normal approximation, exactly as statsmodels' {@code NormalIndPower}; means use Cohen's
 * {@code d = mde / sd} with the noncentral t distribution on {@code n_c + n_t - 2} degrees of
 * freedom, exactly as statsmodels' {@code TTestIndPower}. The effective size of the two samples is
 * {@code n_c n_t / (n_c + n_t)}. A two-sided power counts rejections in both directions (as
 * statsmodels does); a one-sided test is assumed to look in the direction of the effect.
 *
 * <p>Sample sizes are returned as solved (fractional) for the control arm, with the treatment
 * arm at {@code ratio} times that; round both up to plan an experiment.
 */
public final class PowerCalculator {
    private static final NormalDistribution STD_NORMAL = new NormalDistribution(0, 1);
    private static final double MIN_N = 1.0001;

    private PowerCalculator() {
    }

    // ---- proportions --------------------------------------------------------------------------

    /**
     * Sample size to detect a change of {@code mde} from a baseline conversion rate.
     *
     * @param baseline control conversion rate in (0, 1)
     * @param mde      absolute change, treatment minus control (either sign; for {@link Alternative#LESS}
     *                 a positive value is read as a decrease)
     */
    public static PowerResult proportionsSampleSize(double baseline, double mde, PowerSettings s) {
        double h = cohensH(baseline, mde, s);
        double n = solveN(nc -> normalPower(h, nc, s), s, "proportions");
        return proportions("n", n, normalPower(h, n, s), signed(mde, s), h, baseline, s);
    }

    /** Power to detect a change of {@code mde} from {@code baseline} with {@code nControl} control units. */
    public static PowerResult proportionsPower(double baseline, double mde, double nControl, PowerSettings s) {
        checkN(nControl, s);
        double h = cohensH(baseline, mde, s);
        return proportions("power", nControl, normalPower(h, nControl, s), signed(mde, s), h, baseline, s);
    }

    /**
     * The smallest change from {@code baseline} detectable with the target power: an increase,
     * or a decrease for {@link Alternative#LESS}.
     */
    public static PowerResult proportionsMde(double baseline, double nControl, PowerSettings s) {
        checkBaseline(baseline);
        checkN(nControl, s);
        double h = solveEffect(d -> normalPower(d, nControl, s), s);
        double phi = Math.asin(Math.sqrt(baseline));
        boolean down = s.alternative() == Alternative.LESS;
        double angle = down ? phi - h / 2 : phi + h / 2;
        if (angle <= 0 || angle >= Math.PI / 2) {
            throw new UserInputException("with " + fmt(nControl) + " units in control no " + (down ? "decrease" : "increase")
                    + " from a baseline of " + baseline + " reaches power " + s.power() + "; add units or lower the power");
        }
        double p2 = Math.sin(angle) * Math.sin(angle);
        return proportions("mde", nControl, s.power(), p2 - baseline, h, baseline, s);
    }

    // ---- means ----------------------------------------------------------------------------------

    /** Sample size for a t-test to detect a difference {@code mde} in an outcome with standard deviation {@code sd}. */
    public static PowerResult meansSampleSize(double sd, double mde, PowerSettings s) {
        double d = cohensD(sd, mde);
        double n = solveN(nc -> tTestPower(d, nc, s), s, "means");
        return means("n", n, tTestPower(d, n, s), signed(mde, s), d, sd, s);
    }

    /** Power of a t-test to detect a difference {@code mde} with {@code nControl} control units. */
    public static PowerResult meansPower(double sd, double mde, double nControl, PowerSettings s) {
        checkN(nControl, s);
        double d = cohensD(sd, mde);
        return means("power", nControl, tTestPower(d, nControl, s), signed(mde, s), d, sd, s);
    }

    /** The smallest difference in means detectable with the target power and {@code nControl} control units. */
    public static PowerResult meansMde(double sd, double nControl, PowerSettings s) {
        checkSd(sd);
        checkN(nControl, s);
        double d = solveEffect(e -> tTestPower(e, nControl, s), s);
        double mde = d * sd;
        return means("mde", nControl, s.power(), s.alternative() == Alternative.LESS ? -mde : mde, d, sd, s);
    }

    // ---- standardised effects (statsmodels equivalents) ---------------------------------------

    /**
     * Power of the two-sample z-test for a standardised effect, as statsmodels
     * {@code NormalIndPower().power(effect_size, nobs1=nControl, alpha, ratio, alternative)}.
     */
    public static double normalPower(double effectSize, double nControl, PowerSettings s) {
        double shift = Math.abs(effectSize) * Math.sqrt(effectiveN(nControl, s.ratio()));
        if (s.twoSided()) {
            double crit = STD_NORMAL.inverseCumulativeProbability(1 - s.alpha() / 2);
            return STD_NORMAL.cumulativeProbability(shift - crit) + STD_NORMAL.cumulativeProbability(-crit - shift);
        }
        double crit = STD_NORMAL.inverseCumulativeProbability(1 - s.alpha());
        return STD_NORMAL.cumulativeProbability(shift - crit);
    }

    /**
     * Power of the two-sample t-test for Cohen's d, as statsmodels
     * {@code TTestIndPower().power(effect_size, nobs1=nControl, alpha, ratio, alternative)}.
     */
    public static double tTestPower(double d, double nControl, PowerSettings s) {
        double df = nControl * (1 + s.ratio()) - 2;
        double nc = Math.abs(d) * Math.sqrt(effectiveN(nControl, s.ratio()));
        TDistribution t = new TDistribution(df);
        if (s.twoSided()) {
            double crit = t.inverseCumulativeProbability(1 - s.alpha() / 2);
            return NoncentralT.sf(crit, df, nc) + NoncentralT.cdf(-crit, df, nc);
        }
        double crit = t.inverseCumulativeProbability(1 - s.alpha());
        return NoncentralT.sf(crit, df, nc);
    }

    /** @return Cohen's h between two proportions, {@code |2 asin sqrt(p2) - 2 asin sqrt(p1)|}. */
    public static double cohensH(double p1, double p2) {
        return Math.abs(2 * Math.asin(Math.sqrt(p2)) - 2 * Math.asin(Math.sqrt(p1)));
    }

    // ---- internals -------------------------------------------------------------------------------

    private static double effectiveN(double nControl, double ratio) {
        double nT = nControl * ratio;
        return 1 / (1 / nControl + 1 / nT);
    }

    private static double cohensH(double baseline, double mde, PowerSettings s) {
        checkBaseline(baseline);
        if (!(mde != 0) || Double.isInfinite(mde)) {
            throw new UserInputException("the minimum detectable effect must be a non-zero difference in proportions, got " + mde);
        }
        double p2 = baseline + signed(mde, s);
        if (!(p2 > 0 && p2 < 1)) {
            throw new UserInputException("baseline " + baseline + " with a change of " + signed(mde, s)
                    + " gives a treatment rate of " + p2 + ", outside (0, 1); use a smaller --mde");
        }
        return cohensH(baseline, p2);
    }

    /** For a one-sided "less" test a positive MDE means a decrease. */
    private static double signed(double mde, PowerSettings s) {
        return s.alternative() == Alternative.LESS && mde > 0 ? -mde : mde;
    }

    private static double cohensD(double sd, double mde) {
        checkSd(sd);
        if (!(mde != 0) || Double.isInfinite(mde)) {
            throw new UserInputException("the minimum detectable effect must be a non-zero difference in means, got " + mde);
        }
        return Math.abs(mde) / sd;
    }

    private static void checkBaseline(double baseline) {
        if (!(baseline > 0 && baseline < 1)) {
            throw new UserInputException("baseline conversion rate must be between 0 and 1 (exclusive), got " + baseline
                    + "; e.g. --baseline 0.1 for 10%");
        }
    }

    private static void checkSd(double sd) {
        if (!(sd > 0) || Double.isInfinite(sd)) {
            throw new UserInputException("outcome standard deviation must be positive, got " + sd);
        }
    }

    private static void checkN(double nControl, PowerSettings s) {
        if (!(nControl >= 2) || Double.isInfinite(nControl)) {
            throw new UserInputException("the control sample size must be at least 2, got " + fmt(nControl));
        }
        if (nControl * s.ratio() < 1) {
            throw new UserInputException("with ratio " + s.ratio() + " the treatment arm would have "
                    + fmt(nControl * s.ratio()) + " units; give a larger n or ratio");
        }
    }

    private static double solveN(UnivariateFunction powerAt, PowerSettings s, String what) {
        if (s.power() <= s.alpha()) {
            throw new UserInputException("target power " + s.power() + " must exceed alpha " + s.alpha());
        }
        double lo = Math.max(MIN_N, 2.5 / (1 + s.ratio()));
        if (powerAt.value(lo) >= s.power()) {
            return lo;
        }
        double hi = Math.max(lo * 2, 16);
        while (powerAt.value(hi) < s.power()) {
            hi *= 4;
            if (hi > 1e15) {
                throw new UserInputException("the effect is too small to reach power " + s.power()
                        + " with any sample size in the " + what + " calculation; increase --mde");
            }
        }
        return root(x -> powerAt.value(x) - s.power(), lo, hi);
    }

    private static double solveEffect(UnivariateFunction powerAt, PowerSettings s) {
        if (s.power() <= s.alpha()) {
            throw new UserInputException("target power " + s.power() + " must exceed alpha " + s.alpha());
        }
        double lo = 1e-12;
        double hi = 1;
        while (powerAt.value(hi) < s.power()) {
            hi *= 2;
            if (hi > 1e6) {
                throw new UserInputException("no effect reaches power " + s.power() + " with this sample size; add units");
            }
        }
        return root(x -> powerAt.value(x) - s.power(), lo, hi);
    }

    private static double root(UnivariateFunction f, double lo, double hi) {
        BrentSolver solver = new BrentSolver(1e-14, 1e-14 * lo);
        return solver.solve(1000, f, lo, hi);
    }

    private static PowerResult proportions(String solved, double n, double power, double mde, double h,
                                           double baseline, PowerSettings s) {
        return new PowerResult(solved.equals("mde") ? "power.mde" : "power.proportions", solved, n, n * s.ratio(), power,
                mde, h, baseline, null, s.alpha(), s.ratio(), s.alternative());
    }

    private static PowerResult means(String solved, double n, double power, double mde, double d, double sd,
                                     PowerSettings s) {
        return new PowerResult(solved.equals("mde") ? "power.mde" : "power.means", solved, n, n * s.ratio(), power,
                mde, d, null, sd, s.alpha(), s.ratio(), s.alternative());
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
