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
        int[] row = new int[n];
        int j = 0;
        for (int i = 0; i < x.length; i++) {
            if (keep[i]) {
                key[j] = sortable(x[i]);
                row[j++] = i;
            }
        }
        sort(key, row, new long[n], new int[n], 0, n);
        double[] sx = new double[n];
        for (int i = 0; i < n; i++) {
            sx[i] = unsortable(key[i]);
        }
        double[][] sc = new double[cols.length][n];
        for (int c = 0; c < cols.length; c++) {
            double[] from = cols[c];
            double[] to = sc[c];
            for (int i = 0; i < n; i++) {
                to[i] = from[row[i]];
            }
        }
        return new RdSide(sx, sc);
    }

    /** An order-preserving 64-bit image of a double (with -0.0 folded into 0.0), compared unsigned. */
    private static long sortable(double v) {
        long bits = Double.doubleToLongBits(v == 0.0 ? 0.0 : v);
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    private static double unsortable(long k) {
        return Double.longBitsToDouble(k < 0 ? k ^ Long.MIN_VALUE : ~k);
    }

    /** Below this many keys a block is finished by insertion sort. */
    private static final int SMALL = 24;

    /**
     * Stable most-significant-digit radix sort of the unsigned keys in [lo, hi), carrying the row
     * numbers along. Each pass takes the digit just below the bits all keys of the block share, with
     * about log2(size) bits, so a block of n keys spreads into buckets of a handful that stay in cache;
     * a block of equal keys (a mass point) is left as it is. Ties keep their input order.
     */
    private static void sort(long[] k, int[] r, long[] tk, int[] tr, int lo, int hi) {
        int n = hi - lo;
        if (n <= SMALL) {
            insertion(k, r, lo, hi);
            return;
        }
        long first = k[lo];
        long diff = 0;
        for (int i = lo + 1; i < hi; i++) {
            diff |= k[i] ^ first;
        }
        if (diff == 0) {
            return;
        }
        int top = 63 - Long.numberOfLeadingZeros(diff);
        int bits = Math.max(4, Math.min(11, 31 - Integer.numberOfLeadingZeros(n)));
        int shift = Math.max(0, top - bits + 1);
        int mask = (1 << (top - shift + 1)) - 1;
        int[] count = new int[mask + 2];
        for (int i = lo; i < hi; i++) {
            count[(int) (k[i] >>> shift) & mask]++;
        }
        int sum = lo;
        for (int d = 0; d <= mask; d++) {
            int cnt = count[d];
            count[d] = sum;
            sum += cnt;
        }
        count[mask + 1] = hi;
        int[] start = count.clone();
        for (int i = lo; i < hi; i++) {
            int pos = count[(int) (k[i] >>> shift) & mask]++;
            tk[pos] = k[i];
            tr[pos] = r[i];
        }
        System.arraycopy(tk, lo, k, lo, n);
        System.arraycopy(tr, lo, r, lo, n);
        if (shift == 0) {
            return;
        }
        for (int d = 0; d <= mask; d++) {
            if (start[d + 1] - start[d] > 1) {
                sort(k, r, tk, tr, start[d], start[d + 1]);
            }
        }
    }

    /** Stable insertion sort of the unsigned keys in [lo, hi). */
    private static void insertion(long[] k, int[] r, int lo, int hi) {
        for (int i = lo + 1; i < hi; i++) {
            long key = k[i];
            int row = r[i];
            int j = i - 1;
            while (j >= lo && Long.compareUnsigned(k[j], key) > 0) {
                k[j + 1] = k[j];
                r[j + 1] = r[j];
                j--;
            }
            k[j + 1] = key;
            r[j + 1] = row;
        }
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
