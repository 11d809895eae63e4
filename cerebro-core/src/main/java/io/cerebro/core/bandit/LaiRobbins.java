package io.cerebro.core.bandit;

/**
 * The Lai-Robbins (1985) asymptotic lower bound on the expected regret of any consistent policy on
 * Bernoulli arms: {@code sum over suboptimal arms of (mu* - mu_i) / KL(mu_i, mu*) * ln T}. For
 * Gaussian arms with known standard deviations sigma_i, KL(N(mu_i, sigma_i^2), N(mu*, sigma_i^2))
 * = (mu* - mu_i)^2 / (2 sigma_i^2), so the constant is {@code sum 2 sigma_i^2 / (mu* - mu_i)}.
 */
public final class LaiRobbins {
    private LaiRobbins() { }

    /** Bernoulli Kullback-Leibler divergence KL(p, q), with 0 log 0 = 0 and q clamped off 0 and 1. */
    public static double bernoulliKl(double p, double q) {
        double eps = 1e-15;
        q = Math.min(Math.max(q, eps), 1 - eps);
        double kl = 0;
        if (p > 0) kl += p * Math.log(p / q);
        if (p < 1) kl += (1 - p) * Math.log((1 - p) / (1 - q));
        return kl;
    }

    /** The constant multiplying ln T. */
    public static double constant(double[] means) {
        double best = Double.NEGATIVE_INFINITY;
        for (double m : means) best = Math.max(best, m);
        double c = 0;
        for (double m : means) if (m < best) c += (best - m) / bernoulliKl(m, best);
        return c;
    }

    /** The constant multiplying ln T for Gaussian arms with standard deviations {@code sds}. */
    public static double gaussianConstant(double[] means, double[] sds) {
        double best = Double.NEGATIVE_INFINITY;
        for (double m : means) best = Math.max(best, m);
        double c = 0;
        for (int i = 0; i < means.length; i++) if (means[i] < best) c += 2 * sds[i] * sds[i] / (best - means[i]);
        return c;
    }

    /** The bound at horizon {@code t}. */
    public static double bound(double[] means, double t) {
        return t <= 1 ? 0 : constant(means) * Math.log(t);
    }
}
