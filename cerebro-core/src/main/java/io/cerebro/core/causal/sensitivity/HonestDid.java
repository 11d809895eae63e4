package io.cerebro.core.causal.sensitivity;

import io.cerebro.core.error.UserInputException;
import org.hipparchus.distribution.continuous.NormalDistribution;

import java.util.ArrayList;
import java.util.List;

/**
 * Sensitivity of event-study effects to violations of parallel trends, after Rambachan and Roth
 * (2023). The event-study coefficient at event time e is beta_e = tau_e + delta_e, where delta is the
 * trend gap between treated and controls (delta_{-1} = 0, the reference; before treatment tau = 0,
 * so the leads estimate delta). Two restrictions on the post-period delta give a set for tau_e:
 *
 * <ul>
 *   <li><b>Relative magnitudes</b>, Delta^RM(Mbar): each post-period change of delta is at most Mbar
 *       times G, the largest change between consecutive pre-periods. After h = e + 1 steps from the
 *       reference, |delta_e| &le; h Mbar G, so the identified set is beta_e &plusmn; h Mbar G.</li>
 *   <li><b>Smoothness</b>, Delta^SD(M): the slope of delta changes by at most M per period. Continuing
 *       the last pre-period slope (delta_{-1} - delta_{-2} = -beta_{-2}), delta_e = -h beta_{-2} plus at most
 *       M h(h+1)/2, so the identified set is beta_e + h beta_{-2} &plusmn; M h(h+1)/2.</li>
 * </ul>
 *
 * <p>Inference differs from the HonestDiD package, whose relative-magnitudes sets use the
 * conditional-hybrid test of Andrews, Roth and Pakes and whose smoothness sets use the optimal
 * fixed-length interval over all affine estimators. Here the relative-magnitudes set is a Bonferroni
 * projection (alpha/2 for an upper confidence bound on G over the pre-period changes, alpha/2 for
 * beta_e; with Mbar = 0 the ordinary interval), and the smoothness set is the fixed-length interval
 * (Armstrong and Kolesar) of the one affine estimator beta_e + h beta_{-2}: estimate &plusmn; cv(b / sd) sd with
 * b = M h(h+1)/2 its worst-case bias and cv(t) the 1 - alpha quantile of |N(t, 1)|. Both cover tau_e
 * with probability at least 1 - alpha under their restriction; both are wider than HonestDiD's. The
 * breakdown value is the smallest Mbar (or M) at which the set includes zero.
 */
public final class HonestDid {
    private static final NormalDistribution NORMAL = new NormalDistribution();

    private HonestDid() {
    }

    /**
     * The sets for one post-period effect.
     *
     * @param eventTime       e (0 is the first treated period)
     * @param estimate        beta_e
     * @param standardError   its standard error
     * @param preMaxChange    G-hat, the largest absolute change of the leads between consecutive periods
     * @param preMaxChangeUpper upper confidence bound on G used by the robust set
     * @param rmIdentified    relative-magnitudes identified set at the estimates {lower, upper}
     * @param rmRobust        relative-magnitudes robust confidence set {lower, upper}
     * @param breakdownMbar   smallest Mbar whose robust set includes zero (0 when even Mbar = 0 does)
     * @param sdEstimate      beta_e + h beta_{-2}, the effect after continuing the last pre-period slope
     * @param sdStandardError its standard error
     * @param sdIdentified    smoothness identified set at the estimates
     * @param sdRobust        smoothness fixed-length confidence interval
     * @param breakdownM      smallest M whose interval includes zero
     */
    public record PostPeriod(int eventTime, double estimate, double standardError, double preMaxChange,
                             double preMaxChangeUpper, double[] rmIdentified, double[] rmRobust, double breakdownMbar,
                             double sdEstimate, double sdStandardError, double[] sdIdentified, double[] sdRobust,
                             double breakdownM) {
    }

    /**
     * @param eventTimes the event times of {@code beta}, sorted, without the reference -1; the leads must run
     *                   without a gap up to -2
     * @param beta       event-study coefficients
     * @param cov        their covariance
     * @param mbar       relative-magnitudes bound
     * @param m          smoothness bound
     * @param alpha      1 minus the coverage
     * @return one entry per post-period event time (e &ge; 0)
     * @throws UserInputException when there is no lead at event time -2
     */
    public static List<PostPeriod> of(int[] eventTimes, double[] beta, double[][] cov, double mbar, double m, double alpha) {
        int ref2 = indexOf(eventTimes, -2);
        if (ref2 < 0) {
            throw new UserInputException("honest DiD needs the pre-period: the event study has no lead at event time -2; widen --leads");
        }
        // consecutive pre-period changes delta_{s+1} - delta_s for s = first lead .. -2 (delta_{-1} = 0)
        List<double[]> changes = new ArrayList<>(); // {estimate, standard error}
        for (int s = eventTimes[0]; s <= -2; s++) {
            int a = indexOf(eventTimes, s);
            int b = s + 1 == -1 ? -1 : indexOf(eventTimes, s + 1);
            if (a < 0 || (s + 1 != -1 && b < 0)) {
                throw new UserInputException("honest DiD needs consecutive leads; event time " + (a < 0 ? s : s + 1) + " is missing");
            }
            double est = (b < 0 ? 0 : beta[b]) - beta[a];
            double var = cov[a][a] + (b < 0 ? 0 : cov[b][b] - 2 * cov[a][b]);
            changes.add(new double[]{est, Math.sqrt(Math.max(0, var))});
        }
        int count = changes.size();
        double zPre = NORMAL.inverseCumulativeProbability(1 - alpha / (4.0 * count));
        double zPost = NORMAL.inverseCumulativeProbability(1 - alpha / 4);
        double z = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
        double g = 0;
        double gUp = 0;
        for (double[] c : changes) {
            g = Math.max(g, Math.abs(c[0]));
            gUp = Math.max(gUp, Math.abs(c[0]) + zPre * c[1]);
        }
        List<PostPeriod> out = new ArrayList<>();
        for (int j = 0; j < eventTimes.length; j++) {
            int e = eventTimes[j];
            if (e < 0) {
                continue;
            }
            int h = e + 1;
            double b = beta[j];
            double se = Math.sqrt(cov[j][j]);
            double[] rmId = {b - h * mbar * g, b + h * mbar * g};
            double[] rmCs = mbar == 0 ? new double[]{b - z * se, b + z * se}
                    : new double[]{b - zPost * se - h * mbar * gUp, b + zPost * se + h * mbar * gUp};
            double breakdown = Math.abs(b) - z * se <= 0 || gUp == 0 ? 0 : Math.max(0, (Math.abs(b) - zPost * se) / (h * gUp));
            double sdEst = b + h * beta[ref2];
            double sdVar = cov[j][j] + h * h * cov[ref2][ref2] + 2 * h * cov[j][ref2];
            double sdSe = Math.sqrt(Math.max(0, sdVar));
            double bias = m * h * (h + 1) / 2.0;
            double half = foldedNormalCritical(sdSe == 0 ? 0 : bias / sdSe, alpha) * sdSe;
            double[] sdId = {sdEst - bias, sdEst + bias};
            double[] sdCs = {sdEst - Math.max(half, bias), sdEst + Math.max(half, bias)};
            out.add(new PostPeriod(e, b, se, g, gUp, rmId, rmCs, breakdown, sdEst, sdSe, sdId, sdCs,
                    smoothnessBreakdown(sdEst, sdSe, h, alpha)));
        }
        return out;
    }

    /** The 1 - alpha quantile of |N(t, 1)|: c with Phi(c - t) - Phi(-c - t) = 1 - alpha. */
    static double foldedNormalCritical(double t, double alpha) {
        double lo = 0;
        double hi = Math.abs(t) + NORMAL.inverseCumulativeProbability(1 - alpha / 2) + 1;
        while (hi - lo > 1e-13 * hi) {
            double mid = (lo + hi) / 2;
            if (NORMAL.cumulativeProbability(mid - t) - NORMAL.cumulativeProbability(-mid - t) < 1 - alpha) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** The smallest M at which the fixed-length interval includes zero (bisection: the half-length grows with M). */
    private static double smoothnessBreakdown(double est, double se, int h, double alpha) {
        double steps = h * (h + 1) / 2.0;
        if (se == 0) {
            return Math.abs(est) / steps;
        }
        if (Math.abs(est) <= foldedNormalCritical(0, alpha) * se) {
            return 0;
        }
        double lo = 0;
        double hi = Math.abs(est) / steps;
        while (hi - lo > 1e-11 * hi) {
            double mid = (lo + hi) / 2;
            if (foldedNormalCritical(mid * steps / se, alpha) * se < Math.abs(est)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private static int indexOf(int[] v, int x) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
