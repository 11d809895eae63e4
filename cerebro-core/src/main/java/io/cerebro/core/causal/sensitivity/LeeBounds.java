package io.cerebro.core.causal.sensitivity;

import io.cerebro.core.error.UserInputException;

import java.util.Arrays;

/**
 * Lee (2009) bounds on the effect among units whose outcome would be observed whatever their arm,
 * when treatment changes who is observed (attrition, survey response, employment for wages).
 *
 * <p>Assuming monotone selection (treatment never makes a unit unobserved that would otherwise be
 * observed, or never the reverse), the arm with the larger observed share {@code p} holds an extra
 * share {@code q = (p_high - p_low) / p_high} of units that would be missing in the other arm. Trimming
 * that share from the top, then from the bottom, of its observed outcomes and comparing the trimmed
 * means with the other arm's observed mean gives the sharp lower and upper bounds. Trimming is exact
 * for a fractional count: the boundary observation enters with its fractional weight.
 *
 * @param lower          lower bound on the effect (treated minus control)
 * @param upper          upper bound
 * @param trimShare      q, the share trimmed from the arm observed more often
 * @param trimmedArm     1 when the treated arm was trimmed, 0 the control arm
 * @param observedTreated share observed in the treated arm
 * @param observedControl share observed in the control arm
 */
public record LeeBounds(double lower, double upper, double trimShare, int trimmedArm, double observedTreated,
                        double observedControl) {

    /**
     * @param treatment 0/1 per unit
     * @param observed  0/1 per unit: whether the outcome was observed
     * @param outcome   outcome per unit (read only where observed)
     * @throws UserInputException when an arm has no observed outcome
     */
    public static LeeBounds of(double[] treatment, double[] observed, double[] outcome) {
        int n1 = 0;
        int n0 = 0;
        int o1 = 0;
        int o0 = 0;
        for (int i = 0; i < treatment.length; i++) {
            boolean obs = observed[i] == 1 && !Double.isNaN(outcome[i]);
            if (treatment[i] == 1) {
                n1++;
                o1 += obs ? 1 : 0;
            } else {
                n0++;
                o0 += obs ? 1 : 0;
            }
        }
        if (o1 == 0 || o0 == 0) {
            throw new UserInputException("Lee bounds need observed outcomes in both arms; the " + (o1 == 0 ? "treated" : "control")
                    + " arm has none: check the --observed column");
        }
        double[] y1 = new double[o1];
        double[] y0 = new double[o0];
        for (int i = 0, a = 0, b = 0; i < treatment.length; i++) {
            if (observed[i] == 1 && !Double.isNaN(outcome[i])) {
                if (treatment[i] == 1) {
                    y1[a++] = outcome[i];
                } else {
                    y0[b++] = outcome[i];
                }
            }
        }
        double p1 = (double) o1 / n1;
        double p0 = (double) o0 / n0;
        if (p1 >= p0) {
            double q = (p1 - p0) / p1;
            double m0 = mean(y0);
            return new LeeBounds(trimmedMean(y1, q, true) - m0, trimmedMean(y1, q, false) - m0, q, 1, p1, p0);
        }
        double q = (p0 - p1) / p0;
        double m1 = mean(y1);
        // trimming the control arm: its largest remaining mean gives the lower bound
        return new LeeBounds(m1 - trimmedMean(y0, q, false), m1 - trimmedMean(y0, q, true), q, 0, p1, p0);
    }

    /** Mean of the values after removing the share {@code q} from the top (or, with {@code top} false, the bottom). */
    static double trimmedMean(double[] values, double q, boolean top) {
        double[] v = values.clone();
        Arrays.sort(v);
        if (!top) {
            for (int i = 0; i < v.length / 2; i++) {
                double tmp = v[i];
                v[i] = v[v.length - 1 - i];
                v[v.length - 1 - i] = tmp;
            }
        }
        double keep = (1 - q) * v.length; // a fractional count of the values kept, from the kept end
        int whole = (int) Math.floor(keep);
        double sum = 0;
        for (int i = 0; i < whole; i++) {
            sum += v[i];
        }
        if (whole < v.length) {
            sum += (keep - whole) * v[whole];
        }
        return sum / keep;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
