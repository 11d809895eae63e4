package io.cerebro.core.uplift.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Histogram gradient-boosted regression trees (the LightGBM / scikit-learn
 * {@code HistGradientBoosting} scheme): features are binned once ({@link FeatureMatrix.Binned}),
 * each tree is grown depth-first on gradient and hessian histograms, the larger child's histogram
 * is the parent's minus the smaller child's, and the split gain is
 * {@code GL²/(HL+λ) + GR²/(HR+λ) − G²/(H+λ)}. Squared loss boosts the mean; log-loss boosts the
 * log-odds from the base rate. Histograms of large nodes are built feature-parallel.
 */
public final class GradientBoosting implements BaseLearner {
    private final int rounds;
    private final double learningRate;
    private final int maxDepth;
    private final int minLeaf;
    private final double l2;
    /** the leaf floor on small fits: min(minLeaf, max(3, rows / rowsPerLeaf)) */
    private final int rowsPerLeaf;
    /** fits of more rows than this stop early on a held-out tenth (scikit-learn's HistGradientBoosting rule: above 10,000) */
    private final int earlyStopAbove;
    /** Rows above which outcome models stop early, as scikit-learn's {@code early_stopping='auto'}. */
    static final int EARLY_STOPPING_ROWS = 10_000;
    /** Rounds without a held-out improvement before boosting stops (scikit-learn's n_iter_no_change). */
    static final int PATIENCE = 10;

    /** 100 rounds, learning rate 0.1, depth 3, at least 20 rows per leaf (fewer, down to 3, on fits of under 800 rows), L2 penalty 1 (shallower than scikit-learn's HistGradientBoosting default of 31 leaves: effects are differences of two fits, and deep trees add their noise). */
    public GradientBoosting() {
        this(100, 0.1, 3, 20, 1.0, 40, Integer.MAX_VALUE);
    }

    /**
     * The propensity's boosting: the default trees, stopped early on a held-out tenth of the rows (log-loss
     * not improved for {@value #PATIENCE} rounds) at every size. Inverse propensities divide the AIPW
     * scores, so a propensity boosted past its held-out optimum (sharper than the data support)
     * inflates the ATE's error; on IHDP 100 fixed rounds gave a mean |ATE error| of 0.15.
     *
     * @return the boosting for the propensity
     */
    @Override
    public BaseLearner forPropensity() {
        return new GradientBoosting(rounds, learningRate, maxDepth, minLeaf, l2, rowsPerLeaf, 0);
    }

    /**
     * The outcome models' boosting (the T-learner's arms and every learner's nuisances): 200 rounds, and leaves
     * of at least 20 rows only on arms of over 3,200 rows (down to 3 on IHDP-sized arms of a few hundred).
     * Outcome models fit the signal, not a noisy pseudo-outcome, so they can afford finer trees than the
     * second stages; on IHDP this moved the T-learner's in-sample sqrt-PEHE from 1.33 to 1.19.
     *
     * @return the boosting for outcome models
     */
    @Override
    public BaseLearner forOutcomes() {
        return new GradientBoosting(200, learningRate, maxDepth, minLeaf, l2, 160, EARLY_STOPPING_ROWS);
    }

    public GradientBoosting(int rounds, double learningRate, int maxDepth, int minLeaf, double l2) {
        this(rounds, learningRate, maxDepth, minLeaf, l2, 40, Integer.MAX_VALUE);
    }

    private GradientBoosting(int rounds, double learningRate, int maxDepth, int minLeaf, double l2, int rowsPerLeaf, int earlyStopAbove) {
        this.rowsPerLeaf = rowsPerLeaf;
        this.earlyStopAbove = earlyStopAbove;
        this.rounds = rounds;
        this.learningRate = learningRate;
        this.maxDepth = maxDepth;
        this.minLeaf = minLeaf;
        this.l2 = l2;
    }

    @Override
    public String name() {
        return "gbm";
    }

    @Override
    public Model fit(FeatureMatrix x, double[] target, double[] weight, int[] all, Loss loss) {
        FeatureMatrix.Binned bins = x.binned();
        int[] rows = all;
        int[] held = new int[0];
        if (all.length > earlyStopAbove && all.length >= 50) {
            // a seeded tenth held out to pick the number of rounds; the trees are grown on the rest
            int[] shuffled = all.clone();
            java.util.Random r = new java.util.Random(all.length * 31L + 7);
            for (int k = shuffled.length - 1; k > 0; k--) {
                int j = r.nextInt(k + 1);
                int t = shuffled[k];
                shuffled[k] = shuffled[j];
                shuffled[j] = t;
            }
            int v = Math.max(5, shuffled.length / 10);
            held = Arrays.copyOf(shuffled, v);
            rows = Arrays.copyOfRange(shuffled, v, shuffled.length);
            // back in row order: nodes keep their rows in this order, so histograms read the columns front to back
            Arrays.sort(held);
            Arrays.sort(rows);
        }
        int n = rows.length;
        // small arms (a few hundred rows) would hardly split with 20-row leaves: scale the floor down with the rows
        int leaf = Math.min(minLeaf, Math.max(3, n / rowsPerLeaf));
        double wsum = 0;
        double ysum = 0;
        for (int i : rows) {
            double w = weight == null ? 1 : weight[i];
            wsum += w;
            ysum += w * target[i];
        }
        double mean = ysum / wsum;
        double init = loss == Loss.SQUARED ? mean : logit(Math.min(1 - 1e-6, Math.max(1e-6, mean)));
        double[] f = new double[n];
        Arrays.fill(f, init);
        double[] g = new double[n];
        double[] h = new double[n];
        List<Tree> trees = new ArrayList<>(rounds);
        int[] order = new int[n];
        // squared loss without weights has every hessian 1: a bin's hessian sum is its count (sums of ones are exact)
        boolean unitHessian = loss == Loss.SQUARED && weight == null;
        Grower grower = new Grower(bins, rows, g, h, order, leaf, unitHessian);
        double[] fh = new double[held.length];
        Arrays.fill(fh, init);
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestRounds = 0;
        byte[][] codes = bins.codes();
        for (int t = 0; t < rounds; t++) {
            for (int k = 0; k < n; k++) {
                int i = rows[k];
                double w = weight == null ? 1 : weight[i];
                if (loss == Loss.SQUARED) {
                    g[k] = w * (f[k] - target[i]);
                    h[k] = w;
                } else {
                    double pr = 1 / (1 + Math.exp(-f[k]));
                    g[k] = w * (pr - target[i]);
                    h[k] = w * Math.max(pr * (1 - pr), 1e-6);
                }
                order[k] = k;
            }
            Tree tree = grower.grow();
            trees.add(tree);
            // update the training predictions from the leaf each position landed in
            for (int k = 0; k < n; k++) {
                f[k] += tree.value[grower.leafOf[k]];
            }
            if (held.length > 0) {
                double lossNow = 0;
                for (int k = 0; k < held.length; k++) {
                    int i = held[k];
                    fh[k] += tree.predict(codes, i);
                    double w = weight == null ? 1 : weight[i];
                    if (loss == Loss.SQUARED) {
                        lossNow += w * (fh[k] - target[i]) * (fh[k] - target[i]);
                    } else {
                        // log-loss from the log-odds: log(1 + e^f) - y f, computed stably
                        double z = fh[k];
                        lossNow += w * ((z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - target[i] * z);
                    }
                }
                // the first round always counts: against an infinite best, inf - 1e-7 * inf is NaN and no round would
                // ever have been kept (every early-stopped fit then ended with no trees, a constant)
                if (bestRounds == 0 || lossNow < bestLoss - 1e-7 * Math.abs(bestLoss)) {
                    bestLoss = lossNow;
                    bestRounds = t + 1;
                } else if (t + 1 - bestRounds >= PATIENCE) {
                    break;
                }
            }
        }
        if (held.length > 0) {
            trees = trees.subList(0, bestRounds);
        }
        return new Ensemble(init, trees.toArray(new Tree[0]), loss == Loss.LOGISTIC, bins.edges());
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    /**
     * One regression tree in arrays; node 0 is the root. Internal nodes send a row left when its
     * value is at most {@code threshold} (the upper edge of bin {@code bin}).
     */
    record Tree(int[] feature, int[] bin, double[] threshold, int[] left, int[] right, double[] value) {
        /** @return the leaf value of training row {@code i}, routed by its bin codes */
        double predict(byte[][] codes, int i) {
            int node = 0;
            while (left[node] >= 0) {
                node = (codes[feature[node]][i] & 0xFF) <= bin[node] ? left[node] : right[node];
            }
            return value[node];
        }

        double predict(double[][] c, int i) {
            int node = 0;
            while (left[node] >= 0) {
                node = c[feature[node]][i] <= threshold[node] ? left[node] : right[node];
            }
            return value[node];
        }
    }

    /** A fitted ensemble: the initial score plus the trees' leaf values, on the mean or log-odds scale. */
    record Ensemble(double init, Tree[] trees, boolean logistic, double[][] edges) implements Model {
        @Override
        public double predict(double[][] columns, int i) {
            double s = init;
            for (Tree t : trees) {
                s += t.predict(columns, i);
            }
            return logistic ? 1 / (1 + Math.exp(-s)) : s;
        }

        /**
         * Rows of the matrix whose binning the trees were grown on are routed by their codes: a value is at most the
         * edge of bin b exactly when its code is at most b (edges never decrease), so the numbers are those of
         * {@link #predict}.
         */
        @Override
        public double[] predictRows(FeatureMatrix x, int[] rows) {
            FeatureMatrix.Binned b = x.binnedIfComputed();
            if (b == null || b.edges() != edges) {
                return Model.super.predictRows(x, rows);
            }
            byte[][] codes = b.codes();
            double[] out = new double[rows.length];
            for (int k = 0; k < rows.length; k++) {
                int i = rows[k];
                double s = init;
                for (Tree t : trees) {
                    s += t.predict(codes, i);
                }
                out[k] = logistic ? 1 / (1 + Math.exp(-s)) : s;
            }
            return out;
        }
    }

    /** Grows one tree on the current gradients; reusable across rounds (its buffers are sized once). */
    private final class Grower {
        private final FeatureMatrix.Binned bins;
        private final int[] rows;
        private final double[] g;
        private final double[] h;
        private final int[] order;
        final int[] leafOf;
        private final int p;
        private final int[] nb;
        private final int[] tmp;
        // growing tree
        private int[] feature;
        private int[] bin;
        private double[] threshold;
        private int[] left;
        private int[] right;
        private double[] value;
        private int nodes;

        private final int minLeaf;

        Grower(FeatureMatrix.Binned bins, int[] rows, double[] g, double[] h, int[] order, int minLeaf, boolean unitHessian) {
            this.minLeaf = minLeaf;
            this.bins = bins;
            this.rows = rows;
            this.g = g;
            this.h = h;
            this.order = order;
            this.unitHessian = unitHessian;
            this.leafOf = new int[rows.length];
            this.p = bins.codes().length;
            this.nb = new int[p];
            for (int j = 0; j < p; j++) {
                nb[j] = bins.edges()[j].length;
            }
            this.tmp = new int[rows.length];
            // the fit's rows' codes gathered once, by position: every round's histograms then read a compact
            // column per feature instead of the full column at the rows' indices
            int n = rows.length;
            this.local = new byte[p][n];
            byte[][] codes = bins.codes();
            java.util.stream.IntStream.range(0, p).parallel().forEach(j -> {
                byte[] cj = codes[j];
                byte[] lj = local[j];
                for (int k = 0; k < n; k++) {
                    lj[k] = cj[rows[k]];
                }
            });
        }

        /** the fit's codes {@code [feature][position]} (position k is row {@code rows[k]}) */
        private final byte[][] local;
        private final boolean unitHessian;

        Tree grow() {
            int cap = (1 << (maxDepth + 1));
            feature = new int[cap];
            bin = new int[cap];
            threshold = new double[cap];
            left = new int[cap];
            right = new int[cap];
            value = new double[cap];
            nodes = 0;
            double[][] hist = histogram(0, rows.length);
            node(0, rows.length, 0, hist);
            return new Tree(Arrays.copyOf(feature, nodes), Arrays.copyOf(bin, nodes), Arrays.copyOf(threshold, nodes),
                    Arrays.copyOf(left, nodes), Arrays.copyOf(right, nodes), Arrays.copyOf(value, nodes));
        }

        /** @return per feature, {gradient sums, hessian sums, counts} by bin, concatenated: [j][3*bin + k]. */
        private double[][] histogram(int start, int end) {
            double[][] hist = new double[p][];
            IntStream features = IntStream.range(0, p);
            if (end - start > 20_000) {
                features = features.parallel();
            }
            features.forEach(j -> {
                double[] hj = new double[3 * nb[j]];
                byte[] codes = local[j];
                if (unitHessian) {
                    for (int k = start; k < end; k++) {
                        int pos = order[k];
                        int b = 3 * (codes[pos] & 0xFF);
                        hj[b] += g[pos];
                        hj[b + 2] += 1;
                    }
                    for (int b = 0; b < hj.length; b += 3) {
                        hj[b + 1] = hj[b + 2];
                    }
                } else {
                    for (int k = start; k < end; k++) {
                        int pos = order[k];
                        int b = 3 * (codes[pos] & 0xFF);
                        hj[b] += g[pos];
                        hj[b + 1] += h[pos];
                        hj[b + 2] += 1;
                    }
                }
                hist[j] = hj;
            });
            return hist;
        }

        private int node(int start, int end, int depth, double[][] hist) {
            int id = nodes++;
            double gs = 0;
            double hs = 0;
            double[] h0 = hist[0];
            for (int b = 0; b < h0.length; b += 3) {
                gs += h0[b];
                hs += h0[b + 1];
            }
            left[id] = -1;
            right[id] = -1;
            value[id] = -learningRate * gs / (hs + l2);
            int count = end - start;
            if (depth >= maxDepth || count < 2 * minLeaf) {
                markLeaf(id, start, end);
                return id;
            }
            double parent = gs * gs / (hs + l2);
            double bestGain = 1e-12;
            int bestF = -1;
            int bestB = -1;
            for (int j = 0; j < p; j++) {
                double[] hj = hist[j];
                double gl = 0;
                double hl = 0;
                double cl = 0;
                for (int b = 0; b < nb[j] - 1; b++) {
                    gl += hj[3 * b];
                    hl += hj[3 * b + 1];
                    cl += hj[3 * b + 2];
                    if (cl < minLeaf) {
                        continue;
                    }
                    if (count - cl < minLeaf) {
                        break;
                    }
                    double gr = gs - gl;
                    double hr = hs - hl;
                    double gain = gl * gl / (hl + l2) + gr * gr / (hr + l2) - parent;
                    if (gain > bestGain) {
                        bestGain = gain;
                        bestF = j;
                        bestB = b;
                    }
                }
            }
            if (bestF < 0) {
                markLeaf(id, start, end);
                return id;
            }
            // partition order[start, end) by the split, stably
            byte[] codes = local[bestF];
            int l = start;
            int r = 0;
            for (int k = start; k < end; k++) {
                int pos = order[k];
                if ((codes[pos] & 0xFF) <= bestB) {
                    order[l++] = pos;
                } else {
                    tmp[r++] = pos;
                }
            }
            System.arraycopy(tmp, 0, order, l, r);
            int mid = l;
            feature[id] = bestF;
            bin[id] = bestB;
            threshold[id] = bins.edges()[bestF][bestB];
            boolean leftSmaller = mid - start <= end - mid;
            double[][] small = leftSmaller ? histogram(start, mid) : histogram(mid, end);
            double[][] large = new double[p][];
            for (int j = 0; j < p; j++) {
                double[] lj = hist[j];
                double[] sj = small[j];
                for (int b = 0; b < lj.length; b++) {
                    lj[b] -= sj[b];
                }
                large[j] = lj;
            }
            int li = node(start, mid, depth + 1, leftSmaller ? small : large);
            int ri = node(mid, end, depth + 1, leftSmaller ? large : small);
            left[id] = li;
            right[id] = ri;
            return id;
        }

        private void markLeaf(int id, int start, int end) {
            for (int k = start; k < end; k++) {
                leafOf[order[k]] = id;
            }
        }
    }
}
