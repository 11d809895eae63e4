package io.cerebro.core.uplift.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A random forest of regression trees (Breiman 2001; scikit-learn's {@code RandomForestRegressor} scheme):
 * each tree is grown on a bootstrap sample (drawn as per-row multiplicities) to leaves of at least
 * {@code minLeaf} rows, splitting on the binned features ({@link FeatureMatrix.Binned}) that maximise the
 * variance reduction {@code S_L²/W_L + S_R²/W_R} over {@code mtry} features drawn per node. The forest
 * predicts the mean of its trees' leaf means. Log-loss targets (0/1) are fitted by the same squared-error
 * trees, whose leaf means are probabilities (the Gini criterion of a classification forest ranks the same
 * splits as the variance of a 0/1 target).
 */
public final class RandomForestLearner implements BaseLearner {
    private final int trees;
    private final int minLeaf;
    private final double featureShare;
    private final long seed;

    /** 300 trees, leaves of at least 1 row (fully grown), a third of the features per node (Breiman's regression default), seed 42. */
    public RandomForestLearner() {
        this(300, 1, 1.0 / 3, 42L);
    }

    /**
     * @param trees        trees
     * @param minLeaf      rows (bootstrap multiplicities counted) per leaf at least
     * @param featureShare share of the features drawn per node (at least one)
     * @param seed         seed of the bootstrap samples and feature draws
     */
    public RandomForestLearner(int trees, int minLeaf, double featureShare, long seed) {
        this.trees = trees;
        this.minLeaf = minLeaf;
        this.featureShare = featureShare;
        this.seed = seed;
    }

    /** The propensity's forest: leaves of at least 5 rows, so that its probabilities are not 0 or 1 leaf by leaf. */
    @Override
    public BaseLearner forPropensity() {
        return new RandomForestLearner(trees, 5, featureShare, seed);
    }

    @Override
    public String name() {
        return "rf";
    }

    @Override
    public Model fit(FeatureMatrix x, double[] target, double[] weight, int[] rows, Loss loss) {
        FeatureMatrix.Binned bins = x.binned();
        int p = x.features();
        int mtry = Math.max(1, (int) Math.floor(featureShare * p));
        Tree[] out = new Tree[trees];
        long base = seed * 7_919L + rows.length;
        IntStream.range(0, trees).parallel().forEach(t -> {
            SplittableRandom r = new SplittableRandom(base + 104_729L * t);
            double[] mult = new double[rows.length];
            for (int k = 0; k < rows.length; k++) {
                mult[r.nextInt(rows.length)] += 1;
            }
            int used = 0;
            for (double m : mult) {
                used += m > 0 ? 1 : 0;
            }
            int[] pos = new int[used];
            double[] wt = new double[used];
            int c = 0;
            for (int k = 0; k < rows.length; k++) {
                if (mult[k] > 0) {
                    pos[c] = rows[k];
                    wt[c++] = mult[k] * (weight == null ? 1 : weight[rows[k]]);
                }
            }
            out[t] = new Grower(bins, target, pos, wt, mtry, minLeaf, r).grow();
        });
        return new Forest(out);
    }

    /** One tree: internal nodes send a row left when its value is at most {@code threshold}. */
    record Tree(int[] feature, double[] threshold, int[] left, double[] value) {
        double predict(double[][] c, int i) {
            int node = 0;
            while (left[node] >= 0) {
                node = c[feature[node]][i] <= threshold[node] ? left[node] : left[node] + 1;
            }
            return value[node];
        }
    }

    /** The fitted forest: the mean of its trees. */
    record Forest(Tree[] trees) implements Model {
        @Override
        public double predict(double[][] columns, int i) {
            double s = 0;
            for (Tree t : trees) {
                s += t.predict(columns, i);
            }
            return s / trees.length;
        }
    }

    private static final class Grower {
        private final FeatureMatrix.Binned bins;
        private final double[] target;
        private final int[] rows;
        private final double[] wt;
        private final int mtry;
        private final int minLeaf;
        private final SplittableRandom random;
        private final int p;
        private final int[] tmpRows;
        private final double[] tmpWt;
        private final double[] hs = new double[FeatureMatrix.MAX_BINS + 1];
        private final double[] hw = new double[FeatureMatrix.MAX_BINS + 1];
        private final int[] hn = new int[FeatureMatrix.MAX_BINS + 1];
        private int[] feature = new int[64];
        private double[] threshold = new double[64];
        private int[] left = new int[64];
        private double[] value = new double[64];
        private int nodes;

        Grower(FeatureMatrix.Binned bins, double[] target, int[] rows, double[] wt, int mtry, int minLeaf, SplittableRandom random) {
            this.bins = bins;
            this.target = target;
            this.rows = rows;
            this.wt = wt;
            this.mtry = mtry;
            this.minLeaf = minLeaf;
            this.random = random;
            this.p = bins.codes().length;
            this.tmpRows = new int[rows.length];
            this.tmpWt = new double[rows.length];
        }

        Tree grow() {
            nodes = 1;
            left[0] = -1;
            split(0, 0, rows.length);
            return new Tree(Arrays.copyOf(feature, nodes), Arrays.copyOf(threshold, nodes), Arrays.copyOf(left, nodes),
                    Arrays.copyOf(value, nodes));
        }

        private void split(int node, int start, int end) {
            double sw = 0;
            double sy = 0;
            double mass = 0;
            for (int k = start; k < end; k++) {
                sw += wt[k];
                sy += wt[k] * target[rows[k]];
            }
            value[node] = sw > 0 ? sy / sw : 0;
            left[node] = -1;
            for (int k = start; k < end; k++) {
                mass += wt[k] > 0 ? 1 : 0;
            }
            if (end - start < 2) {
                return;
            }
            double parent = sy * sy / sw;
            double best = parent + 1e-12 * Math.abs(parent);
            int bestF = -1;
            int bestB = -1;
            byte[][] codes = bins.codes();
            int[] features = drawFeatures();
            for (int j : features) {
                int nb = bins.edges()[j].length;
                Arrays.fill(hs, 0, nb, 0);
                Arrays.fill(hw, 0, nb, 0);
                Arrays.fill(hn, 0, nb, 0);
                byte[] cj = codes[j];
                for (int k = start; k < end; k++) {
                    int c = cj[rows[k]] & 0xFF;
                    hs[c] += wt[k] * target[rows[k]];
                    hw[c] += wt[k];
                    hn[c] += (int) Math.round(wt[k] > 0 ? Math.max(1, wt[k]) : 0);
                }
                double sl = 0;
                double wl = 0;
                int nl = 0;
                int total = 0;
                for (int c = 0; c < nb; c++) {
                    total += hn[c];
                }
                for (int c = 0; c < nb - 1; c++) {
                    if (hw[c] == 0) {
                        continue;
                    }
                    sl += hs[c];
                    wl += hw[c];
                    nl += hn[c];
                    if (nl < minLeaf) {
                        continue;
                    }
                    if (total - nl < minLeaf) {
                        break;
                    }
                    double wr = sw - wl;
                    if (!(wr > 0)) {
                        break;
                    }
                    double sr = sy - sl;
                    double gain = sl * sl / wl + sr * sr / wr;
                    if (gain > best) {
                        best = gain;
                        bestF = j;
                        bestB = c;
                    }
                }
            }
            if (bestF < 0 || mass < 2) {
                return;
            }
            byte[] cj = codes[bestF];
            int l = start;
            int r = 0;
            for (int k = start; k < end; k++) {
                if ((cj[rows[k]] & 0xFF) <= bestB) {
                    rows[l] = rows[k];
                    wt[l++] = wt[k];
                } else {
                    tmpRows[r] = rows[k];
                    tmpWt[r++] = wt[k];
                }
            }
            System.arraycopy(tmpRows, 0, rows, l, r);
            System.arraycopy(tmpWt, 0, wt, l, r);
            if (nodes + 2 > feature.length) {
                int cap = feature.length * 2;
                feature = Arrays.copyOf(feature, cap);
                threshold = Arrays.copyOf(threshold, cap);
                left = Arrays.copyOf(left, cap);
                value = Arrays.copyOf(value, cap);
            }
            int child = nodes;
            nodes += 2;
            feature[node] = bestF;
            threshold[node] = bins.edges()[bestF][bestB];
            left[node] = child;
            split(child, start, l);
            split(child + 1, l, end);
        }

        private int[] drawFeatures() {
            return FeatureMatrix.drawFeatures(p, mtry, random::nextInt);
        }
    }
}
