package io.cerebro.core.bandit;

import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Runs a policy many times on arms with known means and records pseudo-regret (the sum of the gaps
 * of the arms pulled, which has less noise than realised regret) and the share of pulls on the best
 * arm at checkpoints. Each run gets its own generator split from the seed, so results do not depend
 * on anything but the seed.
 */
public final class RegretSimulator {
    /** How a pull of an arm with mean {@code mu} produces a reward. */
    public enum RewardModel {
        /** 0/1 reward, 1 with probability mu. */
        BERNOULLI,
        /** Normal reward with mean mu and the arm's standard deviation (1 unless given). */
        GAUSSIAN
    }

    /**
     * Regret curves across runs.
     * @param checkpoints pull counts at which the curves are recorded (1-based, ascending)
     * @param meanRegret mean cumulative pseudo-regret over runs at each checkpoint
     * @param regretSd standard deviation of cumulative pseudo-regret over runs at each checkpoint
     * @param bestArmShare mean fraction of pulls so far on the best arm
     * @param armShare mean fraction of the pulls of a whole run on each arm
     * @param runs number of runs
     */
    public record Curves(long[] checkpoints, double[] meanRegret, double[] regretSd, double[] bestArmShare, double[] armShare, int runs) {
        /** Standard error of the mean regret at checkpoint {@code i}. */
        public double regretStandardError(int i) { return regretSd[i] / Math.sqrt(runs); }

        /** Mean regret at the last checkpoint. */
        public double finalRegret() { return meanRegret[meanRegret.length - 1]; }
    }

    private final double[] means;
    private final RewardModel model;
    /** Per-arm reward standard deviations of Gaussian arms; null for Bernoulli arms. */
    private final double[] sds;

    /** Bernoulli arms, or Gaussian arms with standard deviation 1. */
    public RegretSimulator(double[] means, RewardModel model) {
        this(means, model, model == RewardModel.GAUSSIAN ? filled(means.length, 1.0) : null);
    }

    /** Gaussian arms with these means and standard deviations. */
    public RegretSimulator(double[] means, double[] sds) {
        this(means, RewardModel.GAUSSIAN, sds);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private RegretSimulator(double[] means, RewardModel model, double[] sds) {
        if (means.length < 2) throw new IllegalArgumentException("simulation needs at least two arms");
        if (model == RewardModel.BERNOULLI) {
            for (double m : means) {
                if (!(m >= 0 && m <= 1)) throw new IllegalArgumentException("Bernoulli arm means must be in [0, 1], got " + m);
            }
        }
        if (sds != null) {
            if (sds.length != means.length) throw new IllegalArgumentException("need one standard deviation per arm");
            for (double sd : sds) if (!(sd >= 0) || Double.isInfinite(sd)) throw new IllegalArgumentException("arm standard deviations must be finite and >= 0, got " + sd);
        }
        this.means = means.clone();
        this.model = model;
        this.sds = sds == null ? null : sds.clone();
    }

    /** Checkpoints spread evenly on a log scale from 1 to horizon (at most {@code points}). */
    public static long[] logCheckpoints(long horizon, int points) {
        long[] raw = new long[points];
        int n = 0;
        long last = 0;
        for (int i = 0; i < points; i++) {
            long t = Math.round(Math.exp(Math.log(horizon) * (i + 1) / points));
            t = Math.max(1, Math.min(horizon, t));
            if (t > last) raw[n++] = last = t;
        }
        if (last != horizon) raw[n++] = horizon;
        return java.util.Arrays.copyOf(raw, n);
    }

    /**
     * Simulates {@code runs} runs of {@code horizon} pulls each.
     * @param policyForRun builds a fresh policy for a run from that run's generator
     */
    public Curves run(Function<SplittableRandom, BanditPolicy> policyForRun, long horizon, int runs,
                      long[] checkpoints, long seed) {
        double best = Double.NEGATIVE_INFINITY;
        for (double m : means) best = Math.max(best, m);
        int c = checkpoints.length;
        double[] sum = new double[c];
        double[] sumSq = new double[c];
        double[] share = new double[c];
        double[] armShare = new double[means.length];
        SplittableRandom root = new SplittableRandom(seed);
        for (int r = 0; r < runs; r++) {
            SplittableRandom policyRng = root.split();
            SplittableRandom rewardRng = root.split();
            BanditPolicy policy = policyForRun.apply(policyRng);
            double regret = 0;
            long bestPulls = 0;
            int next = 0;
            long[] pulls = new long[means.length];
            for (long t = 1; t <= horizon && next < c; t++) {
                int arm = policy.select(null);
                pulls[arm]++;
                double mu = means[arm];
                regret += best - mu;
                if (mu == best) bestPulls++;
                double reward = model == RewardModel.BERNOULLI
                        ? (rewardRng.nextDouble() < mu ? 1.0 : 0.0)
                        : mu + sds[arm] * rewardRng.nextGaussian();
                policy.update(arm, null, reward);
                while (next < c && checkpoints[next] == t) {
                    sum[next] += regret;
                    sumSq[next] += regret * regret;
                    share[next] += (double) bestPulls / t;
                    next++;
                }
            }
            for (int a = 0; a < pulls.length; a++) armShare[a] += (double) pulls[a] / horizon;
        }
        double[] mean = new double[c];
        double[] sd = new double[c];
        for (int i = 0; i < c; i++) {
            mean[i] = sum[i] / runs;
            sd[i] = runs > 1 ? Math.sqrt(Math.max(0, (sumSq[i] - runs * mean[i] * mean[i]) / (runs - 1))) : 0;
            share[i] /= runs;
        }
        for (int a = 0; a < armShare.length; a++) armShare[a] /= runs;
        return new Curves(checkpoints.clone(), mean, sd, share, armShare, runs);
    }
}
