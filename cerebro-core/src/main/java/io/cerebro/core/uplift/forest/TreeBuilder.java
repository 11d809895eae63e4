package io.cerebro.core.uplift.forest;

import io.cerebro.core.uplift.model.FeatureMatrix;

import java.util.Arrays;
import java.util.Random;

/** Grows one honest causal tree (see {@link CausalForest} for the criterion). */
final class TreeBuilder {
    /** Below this many rows a node sorts its rows by bin instead of clearing and scanning 255-bin histograms. */
    static final int SMALL_NODE = 256;
    private final FeatureMatrix.Binned bins;
    private final double[] yr;
    private final double[] wr;
    private final double[] w;
    private final int mtry;
    private final int minNode;
    private final Random random;
    private final int p;
    private int[] feature = new int[64];
    private int[] bin = new int[64];
    private int[] left = new int[64];
    private int nodes;
    private int[] rows;
    private double[] rho;
    private int[] tmp;

    TreeBuilder(FeatureMatrix.Binned bins, double[] yr, double[] wr, double[] w, int mtry, int minNode, Random random) {
        this.bins = bins;
        this.yr = yr;
        this.wr = wr;
        this.w = w;
        this.mtry = mtry;
        this.minNode = minNode;
        this.random = random;
        this.p = bins.codes().length;
    }

    CausalForest.Tree build(int[] growRows, int[] estRows) {
        rows = growRows;
        rho = new double[growRows.length];
        tmp = new int[growRows.length];
        nodes = 1;
        left[0] = -1;
        split(0, 0, growRows.length);
        double[][] sums = new double[nodes][];
        int[] count = new int[nodes];
        byte[][] codes = bins.codes();
        for (int i : estRows) {
            int node = 0;
            while (left[node] >= 0) {
                node = (codes[feature[node]][i] & 0xFF) <= bin[node] ? left[node] : left[node] + 1;
            }
            double[] s = sums[node];
            if (s == null) {
                s = sums[node] = new double[4];
            }
            s[0] += wr[i];
            s[1] += yr[i];
            s[2] += wr[i] * yr[i];
            s[3] += wr[i] * wr[i];
            count[node]++;
        }
        for (int k = 0; k < nodes; k++) {
            if (sums[k] != null) {
                for (int j = 0; j < 4; j++) {
                    sums[k][j] /= count[k];
                }
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
        left[id] = -1;
        left[id + 1] = -1;
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
            mw += wr[rows[k]];
            my += yr[rows[k]];
        }
        mw /= n;
        my /= n;
        double a = 0;
        double b = 0;
        for (int k = start; k < end; k++) {
            double dw = wr[rows[k]] - mw;
            a += dw * dw;
            b += dw * (yr[rows[k]] - my);
        }
        if (!(a > 1e-12)) {
            return;
        }
        double tau = b / a;
        double meanA = a / n;
        for (int k = start; k < end; k++) {
            int i = rows[k];
            double dw = wr[i] - mw;
            rho[k] = dw * ((yr[i] - my) - dw * tau) / meanA;
        }
        int[] candidates = sampleFeatures();
        int minChild = Math.max(minNode, (int) Math.ceil(0.05 * n));
        double best = 0;
        int bestF = -1;
        int bestB = -1;
        byte[][] codes = bins.codes();
        double[] hs = new double[FeatureMatrix.MAX_BINS + 1];
        int[] hc = new int[FeatureMatrix.MAX_BINS + 1];
        int[] ht = new int[FeatureMatrix.MAX_BINS + 1];
        int treatedTotal = 0;
        double total = 0;
        for (int k = start; k < end; k++) {
            treatedTotal += w[rows[k]] == 1 ? 1 : 0;
            total += rho[k];
        }
        if (n < SMALL_NODE) {
            int[] keys = new int[n];
            for (int j : candidates) {
                byte[] cj = codes[j];
                for (int k = start; k < end; k++) {
                    // code in the high bits, position in the node below: sorting groups rows by bin
                    keys[k - start] = ((cj[rows[k]] & 0xFF) << 23) | (k - start);
                }
                Arrays.sort(keys);
                double sl = 0;
                int cl = 0;
                int tl = 0;
                for (int q = 0; q < n - 1; q++) {
                    int k = start + (keys[q] & 0x7FFFFF);
                    sl += rho[k];
                    cl++;
                    tl += w[rows[k]] == 1 ? 1 : 0;
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
                ht[c] += w[i] == 1 ? 1 : 0;
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
        int[] perm = new int[p];
        for (int j = 0; j < p; j++) {
            perm[j] = j;
        }
        for (int j = 0; j < mtry; j++) {
            int k = j + random.nextInt(p - j);
            int t = perm[j];
            perm[j] = perm[k];
            perm[k] = t;
        }
        return Arrays.copyOf(perm, mtry);
    }
}
