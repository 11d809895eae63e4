package io.cerebro.core.stats;

/**
 * Accumulates the cross-product X'WX (lower triangle) and X'Wz of tall row-major data, block by
 * block: a block of rows is copied into column buffers, then the triangle is updated in tiles of
 * four by two entries whose running sums stay in registers across the block.
 *
 * <p>Why: the plain rank-one update per row ({@code xtx[a][b] += w x[a] x[b]}) loads and stores
 * every accumulator once per row, which bounds it by the store port at about one entry per cycle;
 * the tiles load six values per eight products and store nothing inside the block. Every entry is
 * still the sum of the same products ({@code (w_i x_ia) x_ib}) added in row order onto the running
 * total, so the result is bit for bit the one of the per-row update.
 *
 * <p>One instance is one accumulation (not thread-safe); run several for independent blocks.
 */
public final class Gram {
    /** Rows per block: two column buffers of this length per design column stay in L1/L2. */
    static final int BLOCK = 256;
    private final int p;
    private final double[][] xtx;
    private final double[] xtz;
    /** Column buffers of the current block: the regressors, and the regressors times the weight. */
    private final double[][] col;
    private final double[][] wcol;
    private final double[] z;
    private final boolean weighted;
    private int fill;

    /**
     * @param p        number of columns
     * @param weighted whether rows come with weights (otherwise every weight is exactly 1)
     */
    public Gram(int p, boolean weighted) {
        this.p = p;
        this.weighted = weighted;
        this.xtx = new double[p][p];
        this.xtz = new double[p];
        this.col = new double[p][BLOCK];
        this.wcol = weighted ? new double[p][BLOCK] : col;
        this.z = new double[BLOCK];
    }

    /** Adds one unweighted row x (length at least p) with response zi. */
    public void add(double[] x, double zi) {
        int r = fill;
        for (int a = 0; a < p; a++) {
            col[a][r] = x[a];
        }
        z[r] = zi;
        if (++fill == BLOCK) {
            flush();
        }
    }

    /** Adds one row x with weight wi and response zi (the instance must be weighted). */
    public void add(double[] x, double wi, double zi) {
        int r = fill;
        for (int a = 0; a < p; a++) {
            double v = x[a];
            col[a][r] = v;
            wcol[a][r] = wi * v;
        }
        z[r] = zi;
        if (++fill == BLOCK) {
            flush();
        }
    }

    /**
     * Adds one unweighted row given as x with {@code extra} inserted as column {@code at} (the
     * widened row has p entries), without building it.
     */
    public void addWithColumn(double[] x, int at, double extra, double zi) {
        int r = fill;
        for (int a = 0; a < at; a++) {
            col[a][r] = x[a];
        }
        col[at][r] = extra;
        for (int a = at + 1; a < p; a++) {
            col[a][r] = x[a - 1];
        }
        z[r] = zi;
        if (++fill == BLOCK) {
            flush();
        }
    }

    /**
     * @return X'WX with both triangles filled (the accumulator itself: call once, at the end)
     */
    public double[][] xtx() {
        flush();
        for (int a = 0; a < p; a++) {
            for (int b = a + 1; b < p; b++) {
                xtx[a][b] = xtx[b][a];
            }
        }
        return xtx;
    }

    /** @return X'Wz (the accumulator itself; call after {@link #xtx()} or alone at the end). */
    public double[] xtz() {
        flush();
        return xtz;
    }

    private void flush() {
        int n = fill;
        if (n == 0) {
            return;
        }
        fill = 0;
        // four running sums at a time: one sum alone would wait on its own additions
        int q = 0;
        for (; q + 3 < p; q += 4) {
            double[] v0 = wcol[q];
            double[] v1 = wcol[q + 1];
            double[] v2 = wcol[q + 2];
            double[] v3 = wcol[q + 3];
            double s0 = xtz[q], s1 = xtz[q + 1], s2 = xtz[q + 2], s3 = xtz[q + 3];
            for (int r = 0; r < n; r++) {
                double zr = z[r];
                s0 += v0[r] * zr;
                s1 += v1[r] * zr;
                s2 += v2[r] * zr;
                s3 += v3[r] * zr;
            }
            xtz[q] = s0;
            xtz[q + 1] = s1;
            xtz[q + 2] = s2;
            xtz[q + 3] = s3;
        }
        for (; q < p; q++) {
            double[] va = wcol[q];
            double s = xtz[q];
            for (int r = 0; r < n; r++) {
                s += va[r] * z[r];
            }
            xtz[q] = s;
        }
        int a = 0;
        for (; a + 3 < p; a += 4) {
            double[] v0 = wcol[a];
            double[] v1 = wcol[a + 1];
            double[] v2 = wcol[a + 2];
            double[] v3 = wcol[a + 3];
            double[] x0 = xtx[a];
            double[] x1 = xtx[a + 1];
            double[] x2 = xtx[a + 2];
            double[] x3 = xtx[a + 3];
            int b = 0;
            for (; b + 1 <= a + 3; b += 2) {
                double[] c0 = col[b];
                double[] c1 = col[b + 1];
                double s00 = x0[b], s01 = x0[b + 1];
                double s10 = x1[b], s11 = x1[b + 1];
                double s20 = x2[b], s21 = x2[b + 1];
                double s30 = x3[b], s31 = x3[b + 1];
                for (int r = 0; r < n; r++) {
                    double u0 = c0[r];
                    double u1 = c1[r];
                    double w0 = v0[r];
                    double w1 = v1[r];
                    double w2 = v2[r];
                    double w3 = v3[r];
                    s00 += w0 * u0;
                    s01 += w0 * u1;
                    s10 += w1 * u0;
                    s11 += w1 * u1;
                    s20 += w2 * u0;
                    s21 += w2 * u1;
                    s30 += w3 * u0;
                    s31 += w3 * u1;
                }
                // entries above the diagonal are computed too (cheaper than branching) and overwritten
                // from the lower triangle when the matrix is read
                x0[b] = s00;
                x0[b + 1] = s01;
                x1[b] = s10;
                x1[b + 1] = s11;
                x2[b] = s20;
                x2[b + 1] = s21;
                x3[b] = s30;
                x3[b + 1] = s31;
            }
            for (; b <= a + 3; b++) {
                double[] c0 = col[b];
                double s0 = x0[b], s1 = x1[b], s2 = x2[b], s3 = x3[b];
                for (int r = 0; r < n; r++) {
                    double u0 = c0[r];
                    s0 += v0[r] * u0;
                    s1 += v1[r] * u0;
                    s2 += v2[r] * u0;
                    s3 += v3[r] * u0;
                }
                x0[b] = s0;
                x1[b] = s1;
                x2[b] = s2;
                x3[b] = s3;
            }
        }
        for (; a < p; a++) {
            double[] va = wcol[a];
            double[] xa = xtx[a];
            int b = 0;
            for (; b + 3 <= a; b += 4) {
                double[] c0 = col[b];
                double[] c1 = col[b + 1];
                double[] c2 = col[b + 2];
                double[] c3 = col[b + 3];
                double s0 = xa[b], s1 = xa[b + 1], s2 = xa[b + 2], s3 = xa[b + 3];
                for (int r = 0; r < n; r++) {
                    double w = va[r];
                    s0 += w * c0[r];
                    s1 += w * c1[r];
                    s2 += w * c2[r];
                    s3 += w * c3[r];
                }
                xa[b] = s0;
                xa[b + 1] = s1;
                xa[b + 2] = s2;
                xa[b + 3] = s3;
            }
            for (; b <= a; b++) {
                double[] cb = col[b];
                double s = xa[b];
                for (int r = 0; r < n; r++) {
                    s += va[r] * cb[r];
                }
                xa[b] = s;
            }
        }
    }
}
