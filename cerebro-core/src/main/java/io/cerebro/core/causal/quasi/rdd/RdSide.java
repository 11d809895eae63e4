package io.cerebro.core.causal.quasi.rdd;

/**
 * The observations on one side of the cutoff, sorted by the running variable, with the outcome
 * columns used by the local fits: {@code cols[0]} the outcome, then the treatment take-up for a fuzzy
 * design, then the covariates. {@code dups[i]} counts the observations sharing {@code x[i]} and
 * {@code dupsId[i]} is i's 1-based rank within them (rdrobust's nearest-neighbour bookkeeping).
 */
final class RdSide {
    /** Nearest neighbours used by the {@code nn} variance, rdrobust's default 3. */
    static final int NN_MATCHES = 3;

    final double[] x;
    final double[][] cols;
    final int[] dups;
    final int[] dupsId;

    private RdSide(double[] x, double[][] cols) {
        this.x = x;
        this.cols = cols;
        int n = x.length;
        dups = new int[n];
        dupsId = new int[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && x[j + 1] == x[i]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                dups[k] = j - i + 1;
                dupsId[k] = k - i + 1;
            }
            i = j + 1;
        }
    }

    /** Selects rows with {@code keep}, sorts them by x (stably) and indexes ties. */
    static RdSide of(double[] x, double[][] cols, boolean[] keep) {
        int n = 0;
        for (boolean k : keep) {
            n += k ? 1 : 0;
        }
        long[] key = new long[n];
        double[][] sc = new double[cols.length][n];
        int j = 0;
        for (int i = 0; i < x.length; i++) {
            if (keep[i]) {
                key[j] = sortable(x[i]);
                for (int c = 0; c < cols.length; c++) {
                    sc[c][j] = cols[c][i];
                }
                j++;
            }
        }
        key = radixSort(key, sc);
        double[] sx = new double[n];
        for (int i = 0; i < n; i++) {
            sx[i] = unsortable(key[i]);
        }
        return new RdSide(sx, sc);
    }

    /** An order-preserving 64-bit image of a double (with -0.0 folded into 0.0). */
    private static long sortable(double v) {
        long bits = Double.doubleToLongBits(v == 0.0 ? 0.0 : v);
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    private static double unsortable(long k) {
        return Double.longBitsToDouble(k < 0 ? k ^ Long.MIN_VALUE : ~k);
    }

    /**
     * Stable least-significant-digit radix sort of the keys in 11-bit digits (so each pass's buckets
     * stay in cache), moving the payload columns along with them (in place in {@code cols}); passes
     * whose digit is the same for every key are skipped.
     *
     * @return the sorted keys
     */
    private static long[] radixSort(long[] k, double[][] cols) {
        int n = k.length;
        if (n < 2) {
            return k;
        }
        long[] k2 = new long[n];
        double[][] c2 = new double[cols.length][n];
        double[][] cur = new double[cols.length][];
        for (int c = 0; c < cols.length; c++) {
            cur[c] = cols[c];
        }
        int[] count = new int[1 << 11];
        for (int shift = 0; shift < 64; shift += 11) {
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) ((k[i] >>> shift) & 0x7FF)]++;
            }
            if (count[(int) ((k[0] >>> shift) & 0x7FF)] == n) {
                continue;
            }
            int sum = 0;
            for (int d = 0; d < count.length; d++) {
                int cnt = count[d];
                count[d] = sum;
                sum += cnt;
            }
            for (int i = 0; i < n; i++) {
                int pos = count[(int) ((k[i] >>> shift) & 0x7FF)]++;
                k2[pos] = k[i];
                for (int c = 0; c < cur.length; c++) {
                    c2[c][pos] = cur[c][i];
                }
            }
            long[] tk = k;
            k = k2;
            k2 = tk;
            for (int c = 0; c < cur.length; c++) {
                double[] t = cur[c];
                cur[c] = c2[c];
                c2[c] = t;
            }
        }
        for (int c = 0; c < cols.length; c++) {
            if (cur[c] != cols[c]) {
                System.arraycopy(cur[c], 0, cols[c], 0, n);
            }
        }
        return k;
    }

    private int[] nnLow;
    private int[] nnHigh;

    /** Per row, the first index of its nearest-neighbour set on the whole side (computed once). */
    int[] nnLow() {
        if (nnLow == null) {
            int n = n();
            nnLow = new int[n];
            nnHigh = new int[n];
            int[] r = new int[2];
            for (int pos = 0; pos < n; pos++) {
                nnRange(x, dups, dupsId, 0, n, pos, r);
                nnLow[pos] = r[0];
                nnHigh[pos] = r[1];
            }
        }
        return nnLow;
    }

    /** Per row, the last index of its nearest-neighbour set on the whole side. */
    int[] nnHigh() {
        nnLow();
        return nnHigh;
    }

    /**
     * rdrobust_res's search: from row {@code pos} of the block [from, to), widen the neighbour set
     * towards the closer side (both on a tie, whole groups of tied x) until it holds at least
     * {@code min(3, size - 1)} others. Writes the block-relative first and last index to {@code out}.
     */
    static void nnRange(double[] x, int[] dups, int[] dupsId, int from, int to, int pos, int[] out) {
        int n = to - from;
        int limit = Math.min(NN_MATCHES, n - 1);
        int g = from + pos;
        int rpos = dups[g] - dupsId[g];
        int lpos = dupsId[g] - 1;
        while (lpos + rpos < limit) {
            int li = pos - lpos - 1;
            int ri = pos + rpos + 1;
            if (li < 0) {
                rpos += dups[from + ri];
            } else if (ri > n - 1) {
                lpos += dups[from + li];
            } else {
                double dl = x[g] - x[from + li];
                double dr = x[from + ri] - x[g];
                if (dl > dr) {
                    rpos += dups[from + ri];
                } else if (dl < dr) {
                    lpos += dups[from + li];
                } else {
                    rpos += dups[from + ri];
                    lpos += dups[from + li];
                }
            }
        }
        out[0] = Math.max(0, pos - lpos);
        out[1] = Math.min(n - 1, pos + rpos);
    }

    int n() {
        return x.length;
    }

    /** The number of distinct running-variable values on this side. */
    int distinct() {
        int m = 0;
        for (int id : dupsId) {
            m += id == 1 ? 1 : 0;
        }
        return m;
    }

    /**
     * The distance from the cutoff c to the k-th closest distinct value on this side (k is capped at
     * the number of distinct values): the largest value on the left side counts first, the smallest on
     * the right. This is rdrobust's {@code abs(X_uniq - c)[bwcheck]}.
     */
    double distinctDistance(double c, int k, boolean leftSide) {
        int left = Math.max(1, Math.min(k, distinct()));
        int i = leftSide ? n() - 1 : 0;
        while (true) {
            // i is the closest row of the current group of tied values
            if (--left == 0) {
                return Math.abs(x[i] - c);
            }
            i += leftSide ? -dups[i] : dups[i];
        }
    }

    /** The number of distinct values among rows [from, to) (tied values are never split by a window). */
    int distinctIn(int from, int to) {
        int m = 0;
        for (int i = from; i < to; i++) {
            m += i == from || x[i] != x[i - 1] ? 1 : 0;
        }
        return m;
    }

    int width() {
        return cols.length;
    }
}
