package io.cerebro.core.uplift.forest;

import io.cerebro.core.uplift.model.FeatureMatrix;

import java.util.Arrays;
import java.util.Random;

/** Grows one honest causal tree (see {@link CausalForest} for the criterion). */
final class TreeBuilder {
    /** Below this many rows a node sorts its rows by bin instead of clearing and scanning 255-bin histograms. */
    static final int SMALL_NODE = 256;
    private final FeatureMatrix.Binned bins;
    /** the residualised outcomes, one per forest grown together */
    private final double[][] targets;
    private final double[] wr;
    private final double[] w;
    private final int mtry;
    private final int minNode;
    /** one generator per target, seeded alike: each forest's trees draw the features they would draw grown alone */
    private final Random[] randoms;
    private Random random;
    private final int p;
    private int[] feature = new int[64];
    private int[] bin = new int[64];
    private int[] left = new int[64];
    private int nodes;
    /** the node-ordered positions (into the local arrays below) of the growing rows */
    private int[] rows;
    /** the growing rows' codes {@code [feature][position]}, W̃, Ỹ and treatment (0/1), gathered once per tree */
    private byte[][] lc;
    private double[] lw;
    private double[] ly;
    private int[] lt;
    /** the training codes row-major ({@code [row * p + feature]}), or null: then gathered column by column */
    private final byte[] rowMajor;
    private double[] rho;
    private int[] tmp;
    private final double[] hs = new double[FeatureMatrix.MAX_BINS + 1];
    private final int[] hc = new int[FeatureMatrix.MAX_BINS + 1];
    private final int[] ht = new int[FeatureMatrix.MAX_BINS + 1];
    private int[] keys = new int[SMALL_NODE];

    /**
     * @param targets the residualised outcomes: one tree per target is grown on each call of {@link #build}
     * @param seed    the seed of every target's feature draws
     */
    TreeBuilder(FeatureMatrix.Binned bins, byte[] rowMajor, double[][] targets, double[] wr, double[] w, int mtry, int minNode, long seed) {
        this.bins = bins;
        this.rowMajor = rowMajor;
        this.targets = targets;
        this.wr = wr;
        this.w = w;
        this.mtry = mtry;
        this.minNode = minNode;
        this.randoms = new Random[targets.length];
        for (int t = 0; t < targets.length; t++) {
            randoms[t] = new Random(seed);
        }
        this.p = bins.codes().length;
    }

    /**
     * Grows one tree per target on {@code growRows} and estimates its leaves on {@code estRows}; both lists in row
     * order (partitions keep that order, so the columns are read front to back). The rows' codes, W̃ and arms are
     * gathered once for all targets: trees of forests grown together on the same rows differ only in the outcome.
     * A builder grows its trees one after another, reusing its buffers.
     *
     * @return the trees, in the order of the targets
     */
    CausalForest.Tree[] build(int[] growRows, int[] estRows) {
        int g = growRows.length;
        if (rho == null || rho.length < g) {
            rho = new double[g];
            tmp = new int[g];
            rows = new int[g];
            lc = new byte[p][g];
            lw = new double[g];
            ly = new double[g];
            lt = new int[g];
        }
        // the growing rows gathered into compact arrays: a subsample is a few percent of the rows, and
        // reading the full columns at its rows would miss the cache at every row of every node
        byte[][] codes = bins.codes();
        for (int k = 0; k < g; k++) {
            int i = growRows[k];
            lw[k] = wr[i];
            lt[k] = w[i] == 1 ? 1 : 0;
            if (rowMajor != null) {
                int base = i * p;
                for (int j = 0; j < p; j++) {
                    lc[j][k] = rowMajor[base + j];
                }
            }
        }
        if (rowMajor == null) {
            for (int j = 0; j < p; j++) {
                byte[] cj = codes[j];
                byte[] lj = lc[j];
                for (int k = 0; k < g; k++) {
                    lj[k] = cj[growRows[k]];
                }
            }
        }
        CausalForest.Tree[] out = new CausalForest.Tree[targets.length];
        for (int t = 0; t < targets.length; t++) {
            double[] yr = targets[t];
            random = randoms[t];
            for (int k = 0; k < g; k++) {
                rows[k] = k;
                ly[k] = yr[growRows[k]];
            }
            out[t] = grow(g, estRows, yr, codes);
        }
        return out;
    }

    private CausalForest.Tree grow(int g, int[] estRows, double[] yr, byte[][] codes) {
        nodes = 1;
        left[0] = -1;
        feature[0] = 0;
        bin[0] = 0;
        split(0, 0, g);
        // per node: mean W~, Y~, W~Y~, W~^2 of its estimation rows; NaN where none (internal nodes, empty leaves)
        double[] sums = new double[4 * nodes];
        int[] count = new int[nodes];
        for (int i : estRows) {
            int node = 0;
            while (left[node] >= 0) {
                node = (codes[feature[node]][i] & 0xFF) <= bin[node] ? left[node] : left[node] + 1;
            }
            int b = 4 * node;
            sums[b] += wr[i];
            sums[b + 1] += yr[i];
            sums[b + 2] += wr[i] * yr[i];
            sums[b + 3] += wr[i] * wr[i];
            count[node]++;
        }
        for (int k = 0; k < nodes; k++) {
            for (int j = 0; j < 4; j++) {
                sums[4 * k + j] = count[k] > 0 ? sums[4 * k + j] / count[k] : Double.NaN;
            }
        }
        return new CausalForest.Tree(Arrays.copyOf(feature, nodes), Arrays.copyOf(bin, nodes), Arrays.copyOf(left, nodes), sums,
                bins.edges());
    }

    private int newPair() {
        if (nodes + 2 > feature.length) {
            int cap = feature.length * 2;
            feature = Arrays.copyOf(feature, cap);
            bin = Arrays.copyOf(bin, cap);
            left = Arrays.copyOf(left, cap);
        }
        int id = nodes;
        nodes += 2;
        // a leaf's feature and bin are never read; cleared so that a tree does not carry values of the builder's last tree
        for (int k = id; k < id + 2; k++) {
            left[k] = -1;
            feature[k] = 0;
            bin[k] = 0;
        }
        return id;
    }

    private void split(int node, int start, int end) {
        int n = end - start;
        if (n < 2 * minNode) {
            return;
        }
        double mw = 0;
        double my = 0;
        for (int k = start; k < end; k++) {
            mw += lw[rows[k]];
            my += ly[rows[k]];
        }
        mw /= n;
        my /= n;
        double a = 0;
        double b = 0;
        for (int k = start; k < end; k++) {
            double dw = lw[rows[k]] - mw;
            a += dw * dw;
            b += dw * (ly[rows[k]] - my);
        }
        if (!(a > 1e-12)) {
            return;
        }
        double tau = b / a;
        double meanA = a / n;
        for (int k = start; k < end; k++) {
            int i = rows[k];
            double dw = lw[i] - mw;
            rho[k] = dw * ((ly[i] - my) - dw * tau) / meanA;
        }
        int[] candidates = sampleFeatures();
        int minChild = Math.max(minNode, (int) Math.ceil(0.05 * n));
        double best = 0;
        int bestF = -1;
        int bestB = -1;
        byte[][] codes = lc;
        int treatedTotal = 0;
        double total = 0;
        for (int k = start; k < end; k++) {
            treatedTotal += lt[rows[k]];
            total += rho[k];
        }
        if (n < SMALL_NODE) {
            for (int j : candidates) {
                byte[] cj = codes[j];
                for (int k = start; k < end; k++) {
                    // code in the high bits, position in the node below: sorting groups rows by bin
                    keys[k - start] = ((cj[rows[k]] & 0xFF) << 23) | (k - start);
                }
                Arrays.sort(keys, 0, n);
                double sl = 0;
                int cl = 0;
                int tl = 0;
                for (int q = 0; q < n - 1; q++) {
                    int k = start + (keys[q] & 0x7FFFFF);
                    sl += rho[k];
                    cl++;
                    tl += lt[rows[k]];
                    int code = keys[q] >>> 23;
                    if ((keys[q + 1] >>> 23) == code || cl < minChild) {
                        continue;
                    }
                    int cr = n - cl;
                    if (cr < minChild) {
                        break;
                    }
                    int tr = treatedTotal - tl;
                    if (tl < 2 || cl - tl < 2 || tr < 2 || cr - tr < 2) {
                        continue;
                    }
                    double sr = total - sl;
                    double gain = sl * sl / cl + sr * sr / cr;
                    if (gain > best) {
                        best = gain;
                        bestF = j;
                        bestB = code;
                    }
                }
            }
            candidates = new int[0];
        }
        for (int j : candidates) {
            int nb = bins.edges()[j].length;
            Arrays.fill(hs, 0, nb, 0);
            Arrays.fill(hc, 0, nb, 0);
            Arrays.fill(ht, 0, nb, 0);
            byte[] cj = codes[j];
            for (int k = start; k < end; k++) {
                int i = rows[k];
                int c = cj[i] & 0xFF;
                hs[c] += rho[k];
                hc[c]++;
                ht[c] += lt[i];
            }
            double sl = 0;
            int cl = 0;
            int tl = 0;
            for (int c = 0; c < nb - 1; c++) {
                sl += hs[c];
                cl += hc[c];
                tl += ht[c];
                if (hc[c] == 0 || cl < minChild) {
                    continue;
                }
                int cr = n - cl;
                if (cr < minChild) {
                    break;
                }
                int tr = treatedTotal - tl;
                if (tl < 2 || cl - tl < 2 || tr < 2 || cr - tr < 2) {
                    continue;
                }
                double sr = total - sl;
                double gain = sl * sl / cl + sr * sr / cr;
                if (gain > best) {
                    best = gain;
                    bestF = j;
                    bestB = c;
                }
            }
        }
        if (bestF < 0) {
            return;
        }
        byte[] cj = codes[bestF];
        int l = start;
        int r = 0;
        for (int k = start; k < end; k++) {
            int i = rows[k];
            if ((cj[i] & 0xFF) <= bestB) {
                rows[l++] = i;
            } else {
                tmp[r++] = i;
            }
        }
        System.arraycopy(tmp, 0, rows, l, r);
        int child = newPair();
        feature[node] = bestF;
        bin[node] = bestB;
        left[node] = child;
        split(child, start, l);
        split(child + 1, l, end);
    }

    private int[] sampleFeatures() {
        if (mtry >= p) {
            int[] all = new int[p];
            for (int j = 0; j < p; j++) {
                all[j] = j;
            }
            return all;
        }
        return FeatureMatrix.drawFeatures(p, mtry, random::nextInt);
    }
}
