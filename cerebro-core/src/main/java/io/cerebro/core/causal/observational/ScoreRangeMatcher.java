package io.cerebro.core.causal.observational;

/**
 * Matching with replacement on a scalar score in O(log n) per focal unit, whatever the number of
 * ties. Without removals a unit's match set (its k nearest plus every tie) is a contiguous run of the
 * pool sorted by score, so its mean outcome and its contribution to the Abadie-Imbens sums come from
 * prefix sums, and the times-used counts K and KK from difference arrays.
 */
final class ScoreRangeMatcher {
    private final double[] sorted;
    private final int[] rows;
    private final double[] prefixY;
    private final double[] prefixY2;
    private final double[] diffK;
    private final double[] diffKK;
    private final double center;

    /**
     * @param score pool members' scores
     * @param rows  pool members' row indices
     * @param y     outcomes of all rows
     */
    ScoreRangeMatcher(double[] score, int[] rows, double[] y) {
        int m = score.length;
        int[] ord = ScoreIndex.sortedOrder(score);
        this.sorted = new double[m];
        this.rows = new int[m];
        double c = 0;
        for (int r : rows) {
            c += y[r];
        }
        // centring keeps the prefix sums of squares small relative to their differences
        this.center = m > 0 ? c / m : 0;
        this.prefixY = new double[m + 1];
        this.prefixY2 = new double[m + 1];
        for (int p = 0; p < m; p++) {
            sorted[p] = score[ord[p]];
            this.rows[p] = rows[ord[p]];
            double v = y[this.rows[p]] - center;
            prefixY[p + 1] = prefixY[p] + v;
            prefixY2[p + 1] = prefixY2[p] + v * v;
        }
        this.diffK = new double[m + 1];
        this.diffKK = new double[m + 1];
    }

    private int lowerBound(double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int upperBound(double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Matches a focal unit with score v: the k nearest plus ties (squared distance within tol of the
     * k-th), none farther than maxDist.
     *
     * @return {from, to} sorted positions of the match set (to exclusive), or null when empty
     */
    int[] match(double v, int k, double tol, double maxDist) {
        int n = sorted.length;
        int pos = lowerBound(v);
        int l = pos - 1;
        int r = pos;
        double kth = -1;
        for (int c = 0; c < k && (l >= 0 || r < n); c++) {
            double dl = l >= 0 ? v - sorted[l] : Double.POSITIVE_INFINITY;
            double dr = r < n ? sorted[r] - v : Double.POSITIVE_INFINITY;
            if (dl <= dr) {
                kth = dl;
                l--;
            } else {
                kth = dr;
                r++;
            }
        }
        if (kth < 0) {
            return null;
        }
        double radius = Math.min(Math.sqrt(kth * kth + tol), maxDist);
        if (kth > maxDist) {
            radius = maxDist;
        }
        int from = lowerBound(v - radius);
        int to = upperBound(v + radius);
        // guard the floating-point edges of the window with the exact rule
        while (from < to && !within(v, sorted[from], kth, tol, maxDist)) {
            from++;
        }
        while (to > from && !within(v, sorted[to - 1], kth, tol, maxDist)) {
            to--;
        }
        return from < to ? new int[]{from, to} : null;
    }

    private static boolean within(double v, double s, double kth, double tol, double maxDist) {
        double d = Math.abs(v - s);
        return d <= maxDist && d * d <= kth * kth + tol;
    }

    /** @return the mean outcome over sorted positions [from, to). */
    double meanOutcome(int from, int to) {
        return (prefixY[to] - prefixY[from]) / (to - from) + center;
    }

    /** @return sum over the set of (a - y_j)^2, for a given a. */
    double sumSquaredDifferences(int from, int to, double a) {
        double m = to - from;
        double ac = a - center;
        double s1 = prefixY[to] - prefixY[from];
        double s2 = prefixY2[to] - prefixY2[from];
        return m * ac * ac - 2 * ac * s1 + s2;
    }

    /** Records that each member of [from, to) was used with weight w. */
    void use(int from, int to, double w) {
        diffK[from] += w;
        diffK[to] -= w;
        diffKK[from] += w * w;
        diffKK[to] -= w * w;
    }

    /** Adds the accumulated K and KK counts into per-row arrays. */
    void addCounts(double[] kCount, double[] kkCount) {
        double k = 0;
        double kk = 0;
        for (int p = 0; p < sorted.length; p++) {
            k += diffK[p];
            kk += diffKK[p];
            kCount[rows[p]] += k;
            kkCount[rows[p]] += kk;
        }
    }
}
