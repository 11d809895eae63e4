package io.cerebro.core.stats;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The blocked cross-product must equal the per-row rank-one update bit for bit (the sums the
 * estimators used before it, and that their oracle tests were written against): every width from 1
 * to 25 (every tile remainder), weighted and not, with an inserted column, and row counts that
 * leave a partial last block.
 */
class GramTest {
    @Test
    void equalsThePerRowUpdateExactly() {
        Random r = new Random(7);
        for (int p = 1; p <= 25; p++) {
            for (int n : new int[]{1, 255, 256, 257, 1000}) {
                double[][] x = new double[n][p];
                double[] z = new double[n];
                double[] w = new double[n];
                for (int i = 0; i < n; i++) {
                    for (int a = 0; a < p; a++) {
                        x[i][a] = r.nextGaussian() * (a + 1) + (a == 0 ? 1e3 : 0);
                    }
                    z[i] = r.nextGaussian();
                    w[i] = r.nextDouble();
                }
                for (boolean weighted : new boolean[]{false, true}) {
                    Gram g = new Gram(p, weighted);
                    double[][] ref = new double[p][p];
                    double[] refz = new double[p];
                    for (int i = 0; i < n; i++) {
                        double wi = weighted ? w[i] : 1.0;
                        for (int a = 0; a < p; a++) {
                            double v = wi * x[i][a];
                            refz[a] += v * z[i];
                            for (int b = 0; b <= a; b++) {
                                ref[a][b] += v * x[i][b];
                            }
                        }
                        if (weighted) {
                            g.add(x[i], w[i], z[i]);
                        } else {
                            g.add(x[i], z[i]);
                        }
                    }
                    double[][] got = g.xtx();
                    double[] gotz = g.xtz();
                    for (int a = 0; a < p; a++) {
                        assertEquals(refz[a], gotz[a], 0.0, "xtz p=" + p + " n=" + n + " a=" + a);
                        for (int b = 0; b <= a; b++) {
                            assertEquals(ref[a][b], got[a][b], 0.0, "xtx p=" + p + " n=" + n + " " + a + "," + b);
                            assertEquals(ref[a][b], got[b][a], 0.0, "symmetric p=" + p + " " + a + "," + b);
                        }
                    }
                }
                if (p >= 2) {
                    // column 1 inserted into rows of width p - 1: the same sums as the widened rows
                    Gram g = new Gram(p, false);
                    Gram wide = new Gram(p, false);
                    for (int i = 0; i < n; i++) {
                        double[] narrow = new double[p - 1];
                        narrow[0] = x[i][0];
                        System.arraycopy(x[i], 2, narrow, 1, p - 2);
                        g.addWithColumn(narrow, 1, x[i][1], z[i]);
                        wide.add(x[i], z[i]);
                    }
                    double[][] a1 = g.xtx();
                    double[][] a2 = wide.xtx();
                    for (int a = 0; a < p; a++) {
                        for (int b = 0; b < p; b++) {
                            assertEquals(a2[a][b], a1[a][b], 0.0);
                        }
                    }
                }
            }
        }
    }
}
