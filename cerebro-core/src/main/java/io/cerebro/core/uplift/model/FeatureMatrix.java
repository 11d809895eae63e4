package io.cerebro.core.uplift.model;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Features as feature-major primitive columns, with a quantile binning (at most 255 bins per
 * feature, codes stored as bytes) computed once and shared by every tree fitted on them.
 */
public final class FeatureMatrix {
    /** Values sampled per feature to place the bin edges. */
    static final int EDGE_SAMPLE = 200_000;
    /** Bins per feature at most (codes are unsigned bytes). */
    public static final int MAX_BINS = 255;

    private final List<String> names;
    private final double[][] columns;
    private final int rows;
    private volatile Binned binned;

    public FeatureMatrix(List<String> names, double[][] columns) {
        this.names = List.copyOf(names);
        this.columns = columns;
        this.rows = columns.length == 0 ? 0 : columns[0].length;
    }

    public List<String> names() {
        return names;
    }

    /** @return the columns, {@code [feature][row]} (not copied: do not change them). */
    public double[][] columns() {
        return columns;
    }

    public int features() {
        return columns.length;
    }

    public int rows() {
        return rows;
    }

    /** @return the binned features, computed on first use. */
    public Binned binned() {
        Binned b = binned;
        if (b == null) {
            synchronized (this) {
                if (binned == null) {
                    binned = Binned.of(columns, rows);
                }
                b = binned;
            }
        }
        return b;
    }

    /** @return the binned features if they have been computed, else null (never computes them). */
    public Binned binnedIfComputed() {
        return binned;
    }

    /**
     * Quantile-binned features: a value {@code v} of feature {@code j} has code {@code b}, the first
     * bin with {@code v <= edges[j][b]}; the last edge is +infinity.
     *
     * @param codes {@code [feature][row]} bin codes as unsigned bytes
     * @param edges {@code [feature][bin]} upper edges
     */
    public record Binned(byte[][] codes, double[][] edges) {
        static Binned of(double[][] columns, int n) {
            int p = columns.length;
            byte[][] codes = new byte[p][];
            double[][] edges = new double[p][];
            java.util.stream.IntStream.range(0, p).parallel().forEach(j -> {
                edges[j] = edges(columns[j], n, j);
                codes[j] = new byte[n];
                double[] e = edges[j];
                for (int i = 0; i < n; i++) {
                    codes[j][i] = (byte) code(e, columns[j][i]);
                }
            });
            return new Binned(codes, edges);
        }

        /** @return the code of value {@code v} against edges {@code e} (binary search). */
        static int code(double[] e, double v) {
            int lo = 0;
            int hi = e.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (v <= e[mid]) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }

        private static double[] edges(double[] col, int n, int salt) {
            double[] sample;
            if (n <= EDGE_SAMPLE) {
                sample = Arrays.copyOf(col, n);
            } else {
                Random r = new Random(977L * salt + 13);
                sample = new double[EDGE_SAMPLE];
                for (int i = 0; i < sample.length; i++) {
                    sample[i] = col[r.nextInt(n)];
                }
            }
            Arrays.sort(sample);
            int distinct = 0;
            for (int i = 0; i < sample.length; i++) {
                if (i == 0 || sample[i] != sample[i - 1]) {
                    sample[distinct++] = sample[i];
                }
            }
            double[] out;
            if (distinct <= MAX_BINS) {
                // one bin per distinct value, edges halfway between neighbours
                out = new double[distinct];
                for (int b = 0; b < distinct - 1; b++) {
                    out[b] = 0.5 * (sample[b] + sample[b + 1]);
                }
            } else {
                double[] q = new double[MAX_BINS];
                int m = 0;
                for (int b = 1; b < MAX_BINS; b++) {
                    double v = sample[(int) ((long) b * distinct / MAX_BINS)];
                    if (m == 0 || v > q[m - 1]) {
                        q[m++] = v;
                    }
                }
                out = new double[m + 1];
                System.arraycopy(q, 0, out, 0, m);
            }
            out[out.length - 1] = Double.POSITIVE_INFINITY;
            return out;
        }
    }

    /**
     * The candidate features of one split: the first {@code mtry} of a partial Fisher-Yates shuffle of
     * {@code 0..p-1} (each {@code mtry}-subset equally likely, in random order), drawing
     * {@code nextInt.applyAsInt(bound)} for bounds {@code p, p-1, ...}. Trees of every forest draw
     * them this way, so the same generator state gives the same features whichever forest asks.
     */
    public static int[] drawFeatures(int p, int mtry, java.util.function.IntUnaryOperator nextInt) {
        int[] perm = new int[p];
        for (int j = 0; j < p; j++) {
            perm[j] = j;
        }
        for (int j = 0; j < mtry; j++) {
            int k = j + nextInt.applyAsInt(p - j);
            int t = perm[j];
            perm[j] = perm[k];
            perm[k] = t;
        }
        return java.util.Arrays.copyOf(perm, mtry);
    }
}
