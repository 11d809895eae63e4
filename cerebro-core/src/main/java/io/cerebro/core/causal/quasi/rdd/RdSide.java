package io.cerebro.core.causal.quasi.rdd;

/**
 * The observations on one side of the cutoff, sorted by the running variable, with the outcome
 * columns used by the local fits: {@code cols[0]} the outcome, then the treatment take-up for a fuzzy
 * design, then the covariates. {@code dups[i]} counts the observations sharing {@code x[i]} and
 * {@code dupsId[i]} is i's 1-based rank within them (rdrobust's nearest-neighbour bookkeeping).
 */
final class RdSide {
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
        int[] order = new int[n];
        double[] key = new double[n];
        int j = 0;
        for (int i = 0; i < x.length; i++) {
            if (keep[i]) {
                key[j] = x[i];
                order[j++] = i;
            }
        }
        radixSort(key, order);
        double[] sx = new double[n];
        double[][] sc = new double[cols.length][n];
        for (int i = 0; i < n; i++) {
            sx[i] = x[order[i]];
            for (int c = 0; c < cols.length; c++) {
                sc[c][i] = cols[c][order[i]];
            }
        }
        return new RdSide(sx, sc);
    }

    /**
     * Stable least-significant-digit radix sort of the keys (11-bit digits of their order-preserving
     * 64-bit image, so each pass's buckets stay in cache), carrying the row indices along; passes whose
     * digit is the same for every key are skipped.
     */
    private static void radixSort(double[] key, int[] idx) {
        int n = key.length;
        if (n < 2) {
            return;
        }
        long[] k = new long[n];
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToLongBits(key[i] == 0.0 ? 0.0 : key[i]);
            k[i] = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
        }
        long[] k2 = new long[n];
        int[] i2 = new int[n];
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
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int pos = count[(int) ((k[i] >>> shift) & 0x7FF)]++;
                k2[pos] = k[i];
                i2[pos] = idx[i];
            }
            long[] tk = k;
            k = k2;
            k2 = tk;
            System.arraycopy(i2, 0, idx, 0, n);
        }
    }

    int n() {
        return x.length;
    }

    int width() {
        return cols.length;
    }
}
