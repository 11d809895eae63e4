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
        mergeSort(key, order);
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

    /** Stable bottom-up merge sort of keys, carrying the row indices along. */
    private static void mergeSort(double[] key, int[] idx) {
        int n = key.length;
        double[] k2 = new double[n];
        int[] i2 = new int[n];
        double[] ka = key;
        int[] ia = idx;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int a = lo;
                int b = mid;
                int o = lo;
                while (a < mid && b < hi) {
                    if (ka[b] < ka[a]) {
                        k2[o] = ka[b];
                        i2[o++] = ia[b++];
                    } else {
                        k2[o] = ka[a];
                        i2[o++] = ia[a++];
                    }
                }
                while (a < mid) {
                    k2[o] = ka[a];
                    i2[o++] = ia[a++];
                }
                while (b < hi) {
                    k2[o] = ka[b];
                    i2[o++] = ia[b++];
                }
            }
            double[] tk = ka;
            ka = k2;
            k2 = tk;
            int[] ti = ia;
            ia = i2;
            i2 = ti;
        }
        if (ka != key) {
            System.arraycopy(ka, 0, key, 0, n);
            System.arraycopy(ia, 0, idx, 0, n);
        }
    }

    int n() {
        return x.length;
    }

    int width() {
        return cols.length;
    }
}
