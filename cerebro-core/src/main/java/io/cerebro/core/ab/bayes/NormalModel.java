package io.cerebro.core.ab.bayes;

import org.hipparchus.distribution.continuous.NormalDistribution;

import java.util.List;

/**
 * The Normal model of a continuous outcome: with a flat prior on each arm's mean and the sample
 * variance plugged in, the posterior of an arm's mean is N(mean, s^2/n), and a difference of two
 * arms is N(mean_B - mean_A, s_A^2/n_A + s_B^2/n_B). Sound for the sample sizes A/B tests have.
 */
public final class NormalModel {
    private static final NormalDistribution STD = new NormalDistribution(0, 1);

    private NormalModel() {
    }

    /**
     * A normal posterior.
     *
     * @param mean posterior mean
     * @param sd   posterior standard deviation
     */
    public record Posterior(double mean, double sd) {
        double density(double x) {
            return STD.density((x - mean) / sd) / sd;
        }

        double cdf(double x) {
            return STD.cumulativeProbability((x - mean) / sd);
        }
    }

    /** @return P(B > A) = Phi(d / s) for the difference's posterior N(d, s^2). */
    public static double probGreater(double diff, double sd) {
        return STD.cumulativeProbability(diff / sd);
    }

    /** @return E[max(-D, 0)] for D ~ N(d, s^2): the expected loss of choosing B, s phi(d/s) - d Phi(-d/s). */
    public static double expectedLoss(double diff, double sd) {
        double z = diff / sd;
        return sd * STD.density(z) - diff * STD.cumulativeProbability(-z);
    }

    /** @return the {@code prob} quantile of N(d, s^2). */
    public static double quantile(double diff, double sd, double prob) {
        return diff + sd * STD.inverseCumulativeProbability(prob);
    }

    /** P(each arm's mean is the highest), by quadrature of f_i prod_{j != i} F_j. */
    public static double[] probabilityBest(List<Posterior> arms) {
        double[] out = new double[arms.size()];
        for (int i = 0; i < arms.size(); i++) {
            Posterior pi = arms.get(i);
            int self = i;
            out[i] = Quadrature.integrate(x -> {
                double v = pi.density(x);
                for (int j = 0; j < arms.size(); j++) {
                    if (j != self) {
                        v *= arms.get(j).cdf(x);
                    }
                }
                return v;
            }, pi.mean() - 15 * pi.sd(), pi.mean() + 15 * pi.sd(), 256);
        }
        return out;
    }
}
