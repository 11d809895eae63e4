package io.cerebro.core.causal.sensitivity;

import org.hipparchus.distribution.continuous.NormalDistribution;

import java.util.Arrays;

/**
 * Rosenbaum bounds for Wilcoxon's signed-rank test on matched-pair differences (Rosenbaum 2002,
 * ch. 4): under a hidden bias that multiplies the odds of treatment within a pair by at most
 * gamma, the upper bound of the one-sided p-value, by the normal approximation with mid-ranks for
 * ties. {@link #criticalGamma} is the gamma at which the effect stops being significant.
 */
public final class RosenbaumBounds {
    private static final NormalDistribution N = new NormalDistribution();
    private final double statistic;
    private final double sumRanks;
    private final double sumRanks2;
    private final boolean positive;

    /**
     * @param differences treated-minus-control outcome differences, one per matched pair (zeros are dropped)
     */
    public RosenbaumBounds(double[] differences) {
        double[] d = Arrays.stream(differences).filter(v -> v != 0).toArray();
        int n = d.length;
        if (n == 0) {
            throw new IllegalArgumentException("every pair difference is zero");
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(Math.abs(d[a]), Math.abs(d[b])));
        double[] rank = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && Math.abs(d[idx[j + 1]]) == Math.abs(d[idx[i]])) {
                j++;
            }
            double mid = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[idx[k]] = mid;
            }
            i = j + 1;
        }
        double tPos = 0;
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            if (d[i] > 0) {
                tPos += rank[i];
            }
            s += rank[i];
            s2 += rank[i] * rank[i];
        }
        // test in the direction of the observed effect
        this.positive = tPos >= s / 2;
        this.statistic = positive ? tPos : s - tPos;
        this.sumRanks = s;
        this.sumRanks2 = s2;
    }

    /** @return the signed-rank statistic (sum of ranks of differences in the observed effect's direction). */
    public double statistic() {
        return statistic;
    }

    /** @return whether the observed effect is positive (treated above control). */
    public boolean positive() {
        return positive;
    }

    /** @return the upper bound of the one-sided p-value at hidden bias gamma (1 = no bias). */
    public double upperPValue(double gamma) {
        double p = gamma / (1 + gamma);
        double mu = p * sumRanks;
        double v = p * (1 - p) * sumRanks2;
        return 1 - N.cumulativeProbability((statistic - mu) / Math.sqrt(v));
    }

    /**
     * @return the smallest gamma at which the upper p-value reaches alpha (1 when the effect is not
     *         significant even without bias; capped at 1000)
     */
    public double criticalGamma(double alpha) {
        if (upperPValue(1) >= alpha) {
            return 1;
        }
        double lo = 1;
        double hi = 2;
        while (upperPValue(hi) < alpha && hi < 1000) {
            lo = hi;
            hi *= 2;
        }
        if (upperPValue(hi) < alpha) {
            return 1000;
        }
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            if (upperPValue(mid) < alpha) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
