package io.cerebro.core.uplift.forest;

import io.cerebro.core.uplift.model.FeatureMatrix;

import java.util.Arrays;
import java.util.Random;
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
    private static final ThreadLocal<int[]> LEAVES = ThreadLocal.withInitial(() -> new int[0]);

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
        FeatureMatrix.Binned bins = x.binned();
        int n = yr.length;
        int p = x.features();
        int mtry = Math.min((int) Math.ceil(Math.sqrt(p) + 20), p);
        int groups = trees / 2;
        Tree[] out = new Tree[trees];
        long[][] half = new long[groups][];
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        IntStream.range(0, groups).parallel().forEach(g -> {
            Random r = new Random(seed * 1_000_003L + g);
            int[] perm = permutation(n, r);
            int h = n / 2;
            long[] bits = new long[(n + 63) / 64];
            for (int k = 0; k < h; k++) {
                bits[perm[k] >>> 6] |= 1L << perm[k];
            }
            half[g] = bits;
            int s = Math.min(h, MAX_TREE_SAMPLE);
            for (int t = 0; t < 2; t++) {
                int[] sub = Arrays.copyOf(perm, h);
                partialShuffle(sub, s, r);
                int grow = s / 2;
                int[] growRows = Arrays.copyOf(sub, grow);
                int[] estRows = Arrays.copyOfRange(sub, grow, s);
                out[2 * g + t] = new TreeBuilder(bins, yr, wr, w, mtry, minNode, r).build(growRows, estRows);
                progress.accept(done.incrementAndGet());
            }
        });
        double[] imp = importance(out, p);
        return new CausalForest(out, half, imp, bins);
    }

    private static int[] permutation(int n, Random r) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        shuffle(a, r);
        return a;
    }

    /** Moves a uniform random sample of {@code s} elements to the front of {@code a}. */
    private static void partialShuffle(int[] a, int s, Random r) {
        for (int i = 0; i < s; i++) {
            int j = i + r.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
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

    /** @return the number of trees. */
    public int trees() {
        return trees.length;
    }

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
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] r = predictRow(columns, i, outOfBag);
            tau[i] = r[0];
            se[i] = r[1];
        });
        return new double[][] {tau, se};
    }

    private double[] predictRow(double[][] c, int i, boolean oob) {
        // each tree's leaf for the row (-1: left out), kept for the variance; a reused buffer, not an allocation per row
        int[] leafOf = LEAVES.get();
        if (leafOf.length < trees.length) {
            leafOf = new int[trees.length];
            LEAVES.set(leafOf);
        }
        double sw = 0;
        double sy = 0;
        double swy = 0;
        double sww = 0;
        int used = 0;
        byte[][] codes = bins.codes();
        for (int g = 0; g < groups; g++) {
            boolean inBag = oob && (halfSample[g][i >>> 6] & (1L << i)) != 0;
            for (int t = 2 * g; t < 2 * g + 2; t++) {
                leafOf[t] = -1;
                if (inBag) {
                    continue;
                }
                // training rows are routed by their bin codes (a byte per value), new rows by their values
                int node = oob ? trees[t].leaf(codes, i) : trees[t].leaf(c, i);
                double[] leaf = trees[t].moments[node];
                if (leaf == null) {
                    continue;
                }
                leafOf[t] = node;
                sw += leaf[0];
                sy += leaf[1];
                swy += leaf[2];
                sww += leaf[3];
                used++;
            }
        }
        if (used == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double mw = sw / used;
        double my = sy / used;
        double hh = sww / used - mw * mw;
        if (!(hh > 1e-12)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double tau = (swy / used - mw * my) / hh;
        double between = 0;
        double total = 0;
        int good = 0;
        for (int g = 0; g < groups; g++) {
            if (leafOf[2 * g] < 0 || leafOf[2 * g + 1] < 0) {
                continue;
            }
            double[] a = trees[2 * g].moments[leafOf[2 * g]];
            double[] b = trees[2 * g + 1].moments[leafOf[2 * g + 1]];
            double pa = psi(a, mw, my, tau);
            double pb = psi(b, mw, my, tau);
            double mean = 0.5 * (pa + pb);
            between += mean * mean;
            total += 0.5 * (pa * pa + pb * pb);
            good++;
        }
        if (good < 2) {
            return new double[] {tau, Double.NaN};
        }
        between /= good;
        total /= good;
        // little bags of two: the within-bag noise is (total - between) / (2 - 1)
        double v = debias(between, total - between, good);
        return new double[] {tau, Math.sqrt(v) / hh};
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

    private static double psi(double[] leaf, double mw, double my, double tau) {
        return leaf[2] - my * leaf[0] - mw * leaf[1] + mw * my - tau * (leaf[3] - 2 * mw * leaf[0] + mw * mw);
    }

    /** One honest tree: internal nodes split on a bin code; leaves hold the estimation rows' mean moments. */
    static final class Tree {
        final int[] feature;
        final int[] bin;
        final int[] left;
        final double[][] edges;
        /** per node: mean W̃, Ỹ, W̃Ỹ, W̃² of its estimation rows, or null for an internal node or a leaf no estimation row reached */
        final double[][] moments;

        Tree(int[] feature, int[] bin, int[] left, double[][] moments, double[][] edges) {
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

        int leaf(byte[][] codes, int i) {
            int node = 0;
            while (left[node] >= 0) {
                node = (codes[feature[node]][i] & 0xFF) <= bin[node] ? left[node] : left[node] + 1;
            }
            return node;
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
