package io.cerebro.core.bandit;

import java.util.ArrayDeque;

/**
 * Per-arm reward counts, sums and sums of squares that index policies decide by. Three flavours:
 * {@link #cumulative} (every reward counts once), {@link #discounted} (all weights shrink by
 * gamma at every pull, so old rewards fade) and {@link #slidingWindow} (only the last w pulls
 * count); the last two track arms whose reward rate drifts.
 */
public abstract class ArmStatistics {
    protected final double[] count;
    protected final double[] sum;
    protected final double[] sumSquares;

    private ArmStatistics(int arms) {
        if (arms < 1) throw new IllegalArgumentException("a bandit needs at least one arm");
        count = new double[arms];
        sum = new double[arms];
        sumSquares = new double[arms];
    }

    /** Every reward weighs 1 for ever. */
    public static ArmStatistics cumulative(int arms) {
        return new ArmStatistics(arms) {
            @Override public void add(int arm, double reward) { accumulate(arm, reward, 1.0); }
        };
    }

    /** At every pull all past weights are multiplied by {@code gamma} in (0, 1]. */
    public static ArmStatistics discounted(int arms, double gamma) {
        if (!(gamma > 0 && gamma <= 1)) throw new IllegalArgumentException("discount must be in (0, 1], got " + gamma);
        return new ArmStatistics(arms) {
            @Override public void add(int arm, double reward) {
                for (int a = 0; a < count.length; a++) {
                    count[a] *= gamma;
                    sum[a] *= gamma;
                    sumSquares[a] *= gamma;
                }
                accumulate(arm, reward, 1.0);
            }
        };
    }

    /** Only the last {@code window} pulls (over all arms) count. */
    public static ArmStatistics slidingWindow(int arms, int window) {
        if (window < 1) throw new IllegalArgumentException("window must be at least 1, got " + window);
        return new ArmStatistics(arms) {
            private final ArrayDeque<double[]> recent = new ArrayDeque<>();
            @Override public void add(int arm, double reward) {
                recent.addLast(new double[] {arm, reward});
                accumulate(arm, reward, 1.0);
                if (recent.size() > window) {
                    double[] old = recent.removeFirst();
                    accumulate((int) old[0], old[1], -1.0);
                }
            }
        };
    }

    /** Records one reward of {@code arm}. */
    public abstract void add(int arm, double reward);

    /**
     * Sets an arm's totals as saved from earlier pulls (for example in a store), so a policy rebuilt
     * from them continues where it left off.
     */
    public void restore(int arm, double count, double sum, double sumSquares) {
        if (!(count >= 0)) throw new IllegalArgumentException("an arm's count must be at least 0, got " + count);
        this.count[arm] = count;
        this.sum[arm] = sum;
        this.sumSquares[arm] = sumSquares;
    }

    protected final void accumulate(int arm, double reward, double weight) {
        count[arm] += weight;
        sum[arm] += weight * reward;
        sumSquares[arm] += weight * reward * reward;
    }

    public int arms() { return count.length; }

    /** Effective number of pulls of the arm (a fraction under discounting). */
    public double count(int arm) { return count[arm]; }

    /** Weighted reward total of the arm. */
    public double sum(int arm) { return sum[arm]; }

    /** Effective number of pulls over all arms. */
    public double total() {
        double t = 0;
        for (double c : count) t += c;
        return t;
    }

    /** Mean reward of the arm, NaN before its first pull. */
    public double mean(int arm) { return count[arm] > 0 ? sum[arm] / count[arm] : Double.NaN; }

    /** Population variance of the arm's rewards (0 before two pulls). */
    public double variance(int arm) {
        if (count[arm] <= 0) return 0;
        double m = mean(arm);
        return Math.max(0, sumSquares[arm] / count[arm] - m * m);
    }
}
