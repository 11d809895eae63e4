package io.cerebro.core.causal.observational;

import java.util.Arrays;

/**
 * A k-d tree for Euclidean nearest neighbours in a few dimensions (covariates already whitened, so
 * Euclidean distance is Mahalanobis distance). Built in O(n log n) by median splits on the widest
 * dimension; queries prune by the distance to each cell's bounding box. Removed points are skipped
 * and whole subtrees are pruned once empty, which keeps greedy matching without replacement fast.
 */
final class KdTree implements NeighbourIndex {
    private static final int LEAF = 16;
    private final double[][] pts;
    private final int[] perm;
    private final boolean[] removed;
    private final int dim;
    // node arrays: range [lo, hi) of perm, children, live count, bounding box
    private int[] lo = new int[64];
    private int[] hi = new int[64];
    private int[] leftChild = new int[64];
    private int[] rightChild = new int[64];
    private int[] live = new int[64];
    private double[][] boxMin = new double[64][];
    private double[][] boxMax = new double[64][];
    private int[] parent = new int[64];
    private int[] leafOf;
    private int nodes;

    KdTree(double[][] points) {
        this.pts = points;
        this.dim = points.length == 0 ? 0 : points[0].length;
        this.perm = new int[points.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        this.removed = new boolean[points.length];
        this.leafOf = new int[points.length];
        if (points.length > 0) {
            build(0, points.length, -1);
        }
    }

    private int newNode() {
        if (nodes == lo.length) {
            int c = nodes * 2;
            lo = Arrays.copyOf(lo, c);
            hi = Arrays.copyOf(hi, c);
            leftChild = Arrays.copyOf(leftChild, c);
            rightChild = Arrays.copyOf(rightChild, c);
            live = Arrays.copyOf(live, c);
            boxMin = Arrays.copyOf(boxMin, c);
            boxMax = Arrays.copyOf(boxMax, c);
            parent = Arrays.copyOf(parent, c);
        }
        return nodes++;
    }

    private int build(int from, int to, int par) {
        int node = newNode();
        lo[node] = from;
        hi[node] = to;
        live[node] = to - from;
        parent[node] = par;
        double[] mn = new double[dim];
        double[] mx = new double[dim];
        Arrays.fill(mn, Double.POSITIVE_INFINITY);
        Arrays.fill(mx, Double.NEGATIVE_INFINITY);
        for (int i = from; i < to; i++) {
            double[] p = pts[perm[i]];
            for (int d = 0; d < dim; d++) {
                mn[d] = Math.min(mn[d], p[d]);
                mx[d] = Math.max(mx[d], p[d]);
            }
        }
        boxMin[node] = mn;
        boxMax[node] = mx;
        if (to - from <= LEAF) {
            leftChild[node] = -1;
            rightChild[node] = -1;
            for (int i = from; i < to; i++) {
                leafOf[perm[i]] = node;
            }
            return node;
        }
        int split = 0;
        for (int d = 1; d < dim; d++) {
            if (mx[d] - mn[d] > mx[split] - mn[split]) {
                split = d;
            }
        }
        int mid = (from + to) >>> 1;
        select(from, to - 1, mid, split);
        int l = build(from, mid, node);
        int r = build(mid, to, node);
        leftChild[node] = l;
        rightChild[node] = r;
        return node;
    }

    private void select(int left, int right, int k, int d) {
        while (right > left) {
            double pivot = pts[perm[(left + right) >>> 1]][d];
            int i = left;
            int j = right;
            while (i <= j) {
                while (pts[perm[i]][d] < pivot) {
                    i++;
                }
                while (pts[perm[j]][d] > pivot) {
                    j--;
                }
                if (i <= j) {
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                return;
            }
        }
    }

    private double boxDist2(int node, double[] q) {
        double s = 0;
        double[] mn = boxMin[node];
        double[] mx = boxMax[node];
        for (int d = 0; d < dim; d++) {
            double v = q[d];
            double e = v < mn[d] ? mn[d] - v : (v > mx[d] ? v - mx[d] : 0);
            s += e * e;
        }
        return s;
    }

    private double dist2(double[] q, int j) {
        double s = 0;
        double[] p = pts[j];
        for (int d = 0; d < dim; d++) {
            double e = q[d] - p[d];
            s += e * e;
        }
        return s;
    }

    /** Bounded max-heap of candidates (squared distances). */
    private static final class Heap {
        final double[] d;
        final int[] idx;
        int size;

        Heap(int k) {
            d = new double[k];
            idx = new int[k];
        }

        double worst() {
            return size < d.length ? Double.POSITIVE_INFINITY : d[0];
        }

        void offer(double dist, int j) {
            if (size < d.length) {
                int i = size++;
                d[i] = dist;
                idx[i] = j;
                while (i > 0) {
                    int p = (i - 1) / 2;
                    if (d[p] >= d[i]) {
                        break;
                    }
                    swap(p, i);
                    i = p;
                }
            } else if (dist < d[0]) {
                d[0] = dist;
                idx[0] = j;
                int i = 0;
                while (true) {
                    int l = 2 * i + 1;
                    int r = l + 1;
                    int m = i;
                    if (l < size && d[l] > d[m]) {
                        m = l;
                    }
                    if (r < size && d[r] > d[m]) {
                        m = r;
                    }
                    if (m == i) {
                        break;
                    }
                    swap(m, i);
                    i = m;
                }
            }
        }

        private void swap(int a, int b) {
            double t = d[a];
            d[a] = d[b];
            d[b] = t;
            int u = idx[a];
            idx[a] = idx[b];
            idx[b] = u;
        }
    }

    private void knn(int node, double[] q, Heap h) {
        if (live[node] == 0 || boxDist2(node, q) > h.worst()) {
            return;
        }
        if (leftChild[node] < 0) {
            for (int i = lo[node]; i < hi[node]; i++) {
                int j = perm[i];
                if (!removed[j]) {
                    h.offer(dist2(q, j), j);
                }
            }
            return;
        }
        int a = leftChild[node];
        int b = rightChild[node];
        if (boxDist2(b, q) < boxDist2(a, q)) {
            int t = a;
            a = b;
            b = t;
        }
        knn(a, q, h);
        knn(b, q, h);
    }

    private int radius(int node, double[] q, double r2, int[][] buf, int count) {
        if (live[node] == 0 || boxDist2(node, q) > r2) {
            return count;
        }
        if (leftChild[node] < 0) {
            for (int i = lo[node]; i < hi[node]; i++) {
                int j = perm[i];
                if (!removed[j] && dist2(q, j) <= r2) {
                    if (count == buf[0].length) {
                        buf[0] = Arrays.copyOf(buf[0], count * 2);
                    }
                    buf[0][count++] = j;
                }
            }
            return count;
        }
        count = radius(leftChild[node], q, r2, buf, count);
        return radius(rightChild[node], q, r2, buf, count);
    }

    @Override
    public int[] nearest(double[] q, int k, double tol, double maxDist) {
        if (nodes == 0) {
            return new int[0];
        }
        Heap h = new Heap(k);
        knn(0, q, h);
        if (h.size == 0) {
            return new int[0];
        }
        double kth = 0;
        for (int i = 0; i < h.size; i++) {
            kth = Math.max(kth, h.d[i]);
        }
        double r = Math.min(Math.sqrt(kth + tol), maxDist);
        int[][] buf = {new int[Math.max(4, 2 * k)]};
        int count = radius(0, q, r * r * (1 + 1e-15), buf, 0);
        Integer[] found = new Integer[count];
        for (int i = 0; i < count; i++) {
            found[i] = buf[0][i];
        }
        Arrays.sort(found, (a, b) -> {
            int c = Double.compare(dist2(q, a), dist2(q, b));
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = found[i];
        }
        return out;
    }

    @Override
    public int nearestOne(double[] q, double maxDist) {
        int[] r = nearest(q, 1, 0, maxDist);
        return r.length == 0 ? -1 : r[0];
    }

    @Override
    public void remove(int j) {
        if (removed[j]) {
            return;
        }
        removed[j] = true;
        for (int node = leafOf[j]; node >= 0; node = parent[node]) {
            live[node]--;
        }
    }

    @Override
    public double distance(double[] q, int j) {
        return Math.sqrt(dist2(q, j));
    }
}
