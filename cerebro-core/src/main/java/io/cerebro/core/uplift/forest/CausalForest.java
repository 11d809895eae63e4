package io.cerebro.core.uplift.forest;

import io.cerebro.core.uplift.model.FeatureMatrix;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * An honest causal forest on residualised data {@code Ỹ = Y − m(X)}, {@code W̃ = W − e(X)}.
 *
 * <p>Trees come in little bags of two: each bag draws a half-sample of the rows without
 * replacement, each of its trees draws min(n/2, {@value #MAX_TREE_SAMPLE}) rows of it and splits them at random into a growing half and an
 * estimation half (honesty). A node with rows R is split with GRF's gradient criterion: with
 * {@code τ_R} the node's residual-on-residual slope and {@code A_R} the node's mean of
 * {@code (W̃ − W̄)²}, the pseudo-outcomes {@code ρ_i = (W̃_i − W̄)((Ỹ_i − Ȳ) − (W̃_i − W̄)τ_R) / A_R} are split
 * as in a regression tree, maximising {@code Σ_children (Σρ)² / n_child}, over {@code mtry} features
 * drawn per node, with at least {@code minNode} rows and two rows of each arm per child. Leaves keep
 * the estimation half's moments only; a leaf no estimation row reached is left out of that tree's vote.
 *
 * <p>At a point x, with {@code M} the average over trees of the leaf means of (W̃, Ỹ, W̃Ỹ, W̃²),
 * {@code τ(x) = (M_wy − M_w·M_y) / (M_ww − M_w²)}. Its variance is the bag-level variance of the
 * score {@code ψ_b = m_b,wy − M_y m_b,w − M_w m_b,y + M_w M_y − τ(m_b,ww − 2 M_w m_b,w + M_w²)}
 * corrected for the within-bag noise (Sexton and Laake's little bags, as in GRF), divided by
 * {@code (M_ww − M_w²)²}, after GRF's objective Bayes debiasing ({@link #debias}), which keeps it positive.
 */
public final class CausalForest {
    /**
     * Rows a tree draws from its bag's half-sample at most (GRF's sample.fraction, capped): below
     * 2·{@value} rows a tree uses the whole half-sample; above, subsamples of fixed size keep a
     * tree's cost flat in n, as GRF's theory allows (subsample size s = o(n)).
     */
    static final int MAX_TREE_SAMPLE = 50_000;
    private final Tree[] trees;
    private final long[][] halfSample;
    private final int groups;
    private final double[] importance;

    private final FeatureMatrix.Binned bins;

    private CausalForest(Tree[] trees, long[][] halfSample, double[] importance, FeatureMatrix.Binned bins) {
        this.bins = bins;
        this.trees = trees;
        this.halfSample = halfSample;
        this.groups = trees.length / 2;
        this.importance = importance;
    }

    /**
     * Grows the forest.
     *
     * @param x        the features (binned)
     * @param yr       the residualised outcome
     * @param wr       the residualised treatment
     * @param w        the raw treatment (for the per-child arm counts)
     * @param trees    number of trees, even
     * @param minNode  minimum growing rows per child
     * @param seed     the seed
     * @param progress called with the number of trees grown so far
     */
    public static CausalForest grow(FeatureMatrix x, double[] yr, double[] wr, double[] w, int trees, int minNode, long seed,
                                    java.util.function.IntConsumer progress) {
        return grow(x, new double[][] {yr}, wr, w, trees, minNode, seed, progress)[0];
    }

    /**
     * Grows one forest per residualised outcome in {@code yrs} in one pass: every forest gets the same bags, subsamples
     * and honest halves (they come from the seed alone), so each tree's rows are drawn and gathered once for all of
     * them, and each forest is the one {@link #grow(FeatureMatrix, double[], double[], double[], int, int, long,
     * java.util.function.IntConsumer)} grows on its outcome alone, to the bit.
     *
     * @param progress called with the number of trees grown so far, over all forests
     * @return the forests, in the order of {@code yrs}
     */
    public static CausalForest[] grow(FeatureMatrix x, double[][] yrs, double[] wr, double[] w, int trees, int minNode, long seed,
                                      java.util.function.IntConsumer progress) {
        FeatureMatrix.Binned bins = x.binned();
        int forests = yrs.length;
        int n = wr.length;
        int p = x.features();
        int mtry = Math.min((int) Math.ceil(Math.sqrt(p) + 20), p);
        int groups = trees / 2;
        Tree[][] out = new Tree[forests][trees];
        long[][] half = new long[groups][];
        byte[] rowMajor = rowMajor(bins, n);
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        IntStream.range(0, groups).parallel().forEach(g -> {
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed * 1_000_003L + g);
            int h = n / 2;
            long[] bits = new long[(n + 63) / 64];
            int[] halfRows = choose(n, h, null, r, bits);
            half[g] = bits;
            int s = Math.min(h, MAX_TREE_SAMPLE);
            TreeBuilder builder = new TreeBuilder(bins, rowMajor, yrs, wr, w, mtry, minNode, r.nextLong());
            for (int t = 0; t < 2; t++) {
                int[] sub = s == h ? halfRows : choose(h, s, halfRows, r, null);
                // honesty: a random half of the tree's rows grows it, the other half estimates its leaves;
                // both lists stay in row order, so every pass over the columns reads them front to back
                int grow = s / 2;
                int[] growRows = new int[grow];
                int[] estRows = new int[s - grow];
                int gi = 0;
                int ei = 0;
                int needed = grow;
                for (int k = 0; k < s; k++) {
                    if (r.nextInt(s - k) < needed) {
                        growRows[gi++] = sub[k];
                        needed--;
                    } else {
                        estRows[ei++] = sub[k];
                    }
                }
                Tree[] grown = builder.build(growRows, estRows);
                for (int f = 0; f < forests; f++) {
                    out[f][2 * g + t] = grown[f];
                }
                progress.accept(done.addAndGet(forests));
            }
        });
        CausalForest[] result = new CausalForest[forests];
        for (int f = 0; f < forests; f++) {
            result[f] = new CausalForest(out[f], half, importance(out[f], p), bins);
        }
        return result;
    }

    /**
     * The codes row by row, so that gathering a subsample's codes reads one cache line per row; null when
     * rows × features exceed an array's size (the builder then gathers column by column).
     */
    private static byte[] rowMajor(FeatureMatrix.Binned bins, int n) {
        byte[][] codes = bins.codes();
        int p = codes.length;
        if ((long) n * p > Integer.MAX_VALUE - 8) {
            return null;
        }
        byte[] out = new byte[n * p];
        IntStream.range(0, p).parallel().forEach(j -> {
            byte[] cj = codes[j];
            for (int i = 0; i < n; i++) {
                out[i * p + j] = cj[i];
            }
        });
        return out;
    }

    /**
     * Selection sampling (Knuth's algorithm S): {@code k} of {@code n} items without replacement, in their
     * original order, in one pass and without a permutation of all {@code n}.
     *
     * @param from  the items (null: 0 to n − 1)
     * @param bits  set to the chosen items' bitmap when not null
     */
    private static int[] choose(int n, int k, int[] from, java.util.SplittableRandom r, long[] bits) {
        int[] out = new int[k];
        int c = 0;
        for (int i = 0; i < n && c < k; i++) {
            if (r.nextInt(n - i) < k - c) {
                int v = from == null ? i : from[i];
                out[c++] = v;
                if (bits != null) {
                    bits[v >>> 6] |= 1L << v;
                }
            }
        }
        return out;
    }

    /** GRF's variable importance: split counts by depth (1 to 4), each depth's shares weighted by depth^-2. */
    private static double[] importance(Tree[] trees, int p) {
        int maxDepth = 4;
        double[][] counts = new double[maxDepth][p];
        for (Tree t : trees) {
            t.countSplits(0, 0, maxDepth, counts);
        }
        double[] imp = new double[p];
        double norm = 0;
        for (int d = 0; d < maxDepth; d++) {
            double total = Arrays.stream(counts[d]).sum();
            double weight = Math.pow(d + 1, -2);
            if (total == 0) {
                continue;
            }
            norm += weight;
            for (int j = 0; j < p; j++) {
                imp[j] += weight * counts[d][j] / total;
            }
        }
        for (int j = 0; j < p; j++) {
            imp[j] = norm > 0 ? imp[j] / norm : 0;
        }
        return imp;
    }

    /** @return each feature's importance (shares summing to 1). */
    public double[] importance() {
        return importance.clone();
    }

    /** @return the trees (for the package's tests and benchmarks). */
    Tree[] treesArray() {
        return trees;
    }

    /** @return the number of trees. */
    public int trees() {
        return trees.length;
    }

    /** Rows predicted together: each tree routes the whole block while it is in cache. */
    static final int BLOCK = 1024;

    /**
     * Effects and standard errors of every row of {@code columns}.
     *
     * @param columns   feature-major rows
     * @param outOfBag  whether the rows are the training rows (the columns the forest was grown on), each then predicted only by the bags whose half-sample left it out
     * @return {effects, standard errors}
     */
    public double[][] predict(double[][] columns, boolean outOfBag) {
        int n = columns.length == 0 ? 0 : columns[0].length;
        double[] tau = new double[n];
        double[] se = new double[n];
        int blocks = (n + BLOCK - 1) / BLOCK;
        IntStream.range(0, blocks).parallel().forEach(k -> predictBlock(columns, outOfBag, k * BLOCK, Math.min(n, (k + 1) * BLOCK), tau, se));
        return new double[][] {tau, se};
    }

    /**
     * Rows {@code [from, to)}, tree by tree (a forest is far larger than a cache; a block of rows is not):
     * first every tree's leaf of every row and the forest's mean moments, then the bags' scores.
     */
    private void predictBlock(double[][] c, boolean oob, int from, int to, double[] tauOut, double[] seOut) {
        int m = to - from;
        int[] leafOf = new int[trees.length * m];
        double[] sw = new double[m];
        double[] sy = new double[m];
        double[] swy = new double[m];
        double[] sww = new double[m];
        int[] used = new int[m];
        int[] rowsOut = new int[m];
        int[] nodeOf = new int[m];
        byte[][] codes = bins.codes();
        for (int g = 0; g < groups; g++) {
            long[] bag = halfSample[g];
            // the block's rows this bag left out (all of them for new data)
            int count = 0;
            for (int q = 0; q < m; q++) {
                int i = from + q;
                if (!oob || (bag[i >>> 6] & (1L << i)) == 0) {
                    rowsOut[count++] = i;
                }
            }
            for (int t = 2 * g; t < 2 * g + 2; t++) {
                Tree tree = trees[t];
                double[] mom = tree.moments;
                int base = t * m;
                java.util.Arrays.fill(leafOf, base, base + m, -1);
                // training rows are routed by their bin codes (a byte per value), new rows by their values
                if (oob) {
                    tree.route(codes, rowsOut, count, nodeOf);
                } else {
                    for (int k = 0; k < count; k++) {
                        nodeOf[k] = tree.leaf(c, rowsOut[k]);
                    }
                }
                for (int k = 0; k < count; k++) {
                    int q = rowsOut[k] - from;
                    int node = nodeOf[k];
                    int b = 4 * node;
                    if (Double.isNaN(mom[b])) {
                        leafOf[base + q] = -1;
                        continue;
                    }
                    leafOf[base + q] = node;
                    sw[q] += mom[b];
                    sy[q] += mom[b + 1];
                    swy[q] += mom[b + 2];
                    sww[q] += mom[b + 3];
                    used[q]++;
                }
            }
        }
        double[] mw = new double[m];
        double[] my = new double[m];
        double[] tau = new double[m];
        double[] hh = new double[m];
        for (int q = 0; q < m; q++) {
            if (used[q] == 0) {
                tau[q] = Double.NaN;
                continue;
            }
            mw[q] = sw[q] / used[q];
            my[q] = sy[q] / used[q];
            hh[q] = sww[q] / used[q] - mw[q] * mw[q];
            tau[q] = hh[q] > 1e-12 ? (swy[q] / used[q] - mw[q] * my[q]) / hh[q] : Double.NaN;
        }
        double[] between = new double[m];
        double[] total = new double[m];
        int[] good = new int[m];
        for (int g = 0; g < groups; g++) {
            double[] ma = trees[2 * g].moments;
            double[] mb = trees[2 * g + 1].moments;
            int la = 2 * g * m;
            int lb = la + m;
            for (int q = 0; q < m; q++) {
                int a = leafOf[la + q];
                int b = leafOf[lb + q];
                if (a < 0 || b < 0 || Double.isNaN(tau[q])) {
                    continue;
                }
                double pa = psi(ma, 4 * a, mw[q], my[q], tau[q]);
                double pb = psi(mb, 4 * b, mw[q], my[q], tau[q]);
                double mean = 0.5 * (pa + pb);
                between[q] += mean * mean;
                total[q] += 0.5 * (pa * pa + pb * pb);
                good[q]++;
            }
        }
        for (int q = 0; q < m; q++) {
            tauOut[from + q] = tau[q];
            if (Double.isNaN(tau[q]) || good[q] < 2) {
                seOut[from + q] = Double.NaN;
                continue;
            }
            double bw = between[q] / good[q];
            double tot = total[q] / good[q];
            // little bags of two: the within-bag noise is (total - between) / (2 - 1)
            double v = debias(bw, tot - bw, good[q]);
            seOut[from + q] = Math.sqrt(v) / hh[q];
        }
    }

    /**
     * GRF's objective Bayes debiasing of the little-bags variance: with a flat prior on the true
     * between-bag variance S > 0 and {@code between − noise} normal around S with standard error
     * {@code max(between, noise)·√(2/bags)}, the posterior mean of S, a truncated normal's mean
     * {@code μ + σ φ(μ/σ)/Φ(μ/σ)}; it stays positive where the plain difference can go negative.
     */
    static double debias(double between, double noise, int bags) {
        double initial = between - noise;
        double se = Math.max(between, noise) * Math.sqrt(2.0 / bags);
        if (!(se > 0)) {
            return Math.max(initial, 0);
        }
        double ratio = initial / se;
        double density = Math.exp(-ratio * ratio / 2) / Math.sqrt(2 * Math.PI);
        double cdf = NORMAL.cumulativeProbability(ratio);
        return cdf > 0 ? initial + se * density / cdf : se * 1e-6;
    }

    private static final org.hipparchus.distribution.continuous.NormalDistribution NORMAL =
            new org.hipparchus.distribution.continuous.NormalDistribution(0, 1);

    private static double psi(double[] mom, int b, double mw, double my, double tau) {
        return mom[b + 2] - my * mom[b] - mw * mom[b + 1] + mw * my - tau * (mom[b + 3] - 2 * mw * mom[b] + mw * mw);
    }

    /** One honest tree: internal nodes split on a bin code; leaves hold the estimation rows' mean moments. */
    static final class Tree {
        final int[] feature;
        final int[] bin;
        final int[] left;
        final double[][] edges;
        /** per node {@code k} at {@code 4k}: mean W̃, Ỹ, W̃Ỹ, W̃² of its estimation rows, or NaN for an internal node or a leaf no estimation row reached */
        final double[] moments;

        /** per node, its step (see {@link #next}) */
        final long[] step;
        /** the deepest leaf's depth (the root's is 0) */
        final int depth;

        Tree(int[] feature, int[] bin, int[] left, double[] moments, double[][] edges) {
            int nodes = left.length;
            step = new long[nodes];
            int[] depthOf = new int[nodes];
            int deepest = 0;
            for (int k = 0; k < nodes; k++) {
                if (left[k] >= 0) {
                    step[k] = ((long) left[k] << 32) | ((long) feature[k] << 8) | bin[k];
                    // children come after their parent (nodes are appended in pairs as they split)
                    depthOf[left[k]] = depthOf[k] + 1;
                    depthOf[left[k] + 1] = depthOf[k] + 1;
                } else {
                    step[k] = ((long) k << 32) | 0xFF;
                    deepest = Math.max(deepest, depthOf[k]);
                }
            }
            depth = deepest;
            this.feature = feature;
            this.bin = bin;
            this.left = left;
            this.moments = moments;
            this.edges = edges;
        }

        int leaf(double[][] c, int i) {
            int node = 0;
            while (left[node] >= 0) {
                int j = feature[node];
                node = c[j][i] <= edges[j][bin[node]] ? left[node] : left[node] + 1;
            }
            return node;
        }

        /**
         * The leaves of rows {@code rows[0, count)} by their bin codes, into {@code out}: four rows at a time,
         * each taking {@link #depth} steps without a branch (a leaf steps to itself), so that the four
         * chains of dependent loads overlap instead of waiting on each other and on mispredicted branches.
         */
        void route(byte[][] codes, int[] rows, int count, int[] out) {
            long[] st = step;
            int k = 0;
            for (; k + 4 <= count; k += 4) {
                int i0 = rows[k];
                int i1 = rows[k + 1];
                int i2 = rows[k + 2];
                int i3 = rows[k + 3];
                int n0 = 0;
                int n1 = 0;
                int n2 = 0;
                int n3 = 0;
                for (int d = 0; d < depth; d++) {
                    n0 = next(st[n0], codes, i0);
                    n1 = next(st[n1], codes, i1);
                    n2 = next(st[n2], codes, i2);
                    n3 = next(st[n3], codes, i3);
                }
                out[k] = n0;
                out[k + 1] = n1;
                out[k + 2] = n2;
                out[k + 3] = n3;
            }
            for (; k < count; k++) {
                int node = 0;
                for (int d = 0; d < depth; d++) {
                    node = next(st[node], codes, rows[k]);
                }
                out[k] = node;
            }
        }

        /** One step: bits 32-63 hold the left child (a leaf: itself), 8-31 the feature, 0-7 the bin (a leaf: 255, so it stays). */
        private static int next(long s, byte[][] codes, int i) {
            int bin = (int) s & 0xFF;
            int code = codes[((int) s) >>> 8][i] & 0xFF;
            // left child when code <= bin, else the next node: the sign bit of bin - code
            return (int) (s >> 32) + ((bin - code) >>> 31);
        }

        void countSplits(int node, int depth, int maxDepth, double[][] counts) {
            if (depth >= maxDepth || left[node] < 0) {
                return;
            }
            counts[depth][feature[node]]++;
            countSplits(left[node], depth + 1, maxDepth, counts);
            countSplits(left[node] + 1, depth + 1, maxDepth, counts);
        }
    }
}
