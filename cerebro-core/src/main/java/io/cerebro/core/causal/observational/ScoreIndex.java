package io.cerebro.core.causal.observational;

import java.util.Arrays;

/**
 * Nearest neighbours on a scalar score (the propensity score) by sorting once and binary search:
 * O(n log n) to build and O(log n + k) per query. Removal (matching without replacement) uses
 * path-compressed "next live neighbour" links, so greedy matching stays O(n log n).
 */
final class ScoreIndex implements NeighbourIndex {
    private final double[] values;
    private final double[] sorted;
    private final int[] order;
    private final int[] positionOf;
    private final int[] left;
    private final int[] right;

    private ScoreIndex(double[] score) {
        this.values = score;
        int n = score.length;
        int[] idx = sortedOrder(score);
        sorted = new double[n];
        order = new int[n];
        positionOf = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = idx[i];
            sorted[i] = score[idx[i]];
            positionOf[idx[i]] = i;
        }
        // left[p]: largest live position <= p (or -1); right[p]: smallest live position >= p (or n)
        left = new int[n + 1];
        right = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            left[i] = i;
            right[i] = i;
        }
    }

    /** Row indices ordered by score, then by row (a stable merge sort on primitives: no boxing). */
    static int[] sortedOrder(double[] score) {
        int n = score.length;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    b[k++] = score[a[j]] < score[a[i]] ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] tmp = a;
            a = b;
            b = tmp;
        }
        return a;
    }

    private int liveLeft(int p) {
        // positions are shifted by one so that -1 maps to 0
        int q = p + 1;
        int r = q;
        while (left[r] != r) {
            r = left[r];
        }
        while (left[q] != r) {
            int nx = left[q];
            left[q] = r;
            q = nx;
        }
        return r - 1;
    }

    private int liveRight(int p) {
        int q = p;
        int r = q;
        while (right[r] != r) {
            r = right[r];
        }
        while (right[q] != r) {
            int nx = right[q];
            right[q] = r;
            q = nx;
        }
        return r;
    }

    private int lowerBound(double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public int[] nearest(double[] q, int k, double tol, double maxDist) {
        double v = q[0];
        int pos = lowerBound(v);
        int l = liveLeft(pos - 1);
        int r = liveRight(pos);
        int n = sorted.length;
        int[] out = new int[Math.max(4, k * 2)];
        int count = 0;
        double kth = Double.POSITIVE_INFINITY;
        while (l >= 0 || r < n) {
            double dl = l >= 0 ? v - sorted[l] : Double.POSITIVE_INFINITY;
            double dr = r < n ? sorted[r] - v : Double.POSITIVE_INFINITY;
            boolean takeLeft = dl < dr || (dl == dr && order[l] < order[r]);
            double d = takeLeft ? dl : dr;
            if (d > maxDist || (count >= k && d * d > kth * kth + tol)) {
                break;
            }
            if (count == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            if (takeLeft) {
                out[count++] = order[l];
                l = liveLeft(l - 1);
            } else {
                out[count++] = order[r];
                r = liveRight(r + 1);
            }
            if (count == k) {
                kth = d;
            }
        }
        return Arrays.copyOf(out, count);
    }

    @Override
    public int nearestOne(double[] q, double maxDist) {
        int[] one = nearest(q, 1, 0, maxDist);
        if (one.length == 0) {
            return -1;
        }
        // among exact ties keep the lowest pool index (data order)
        double d = Math.abs(q[0] - sortedValue(one[0]));
        int[] ties = nearest(q, 1, 0.0, d);
        int best = one[0];
        for (int j : ties) {
            if (Math.abs(q[0] - sortedValue(j)) == d && j < best) {
                best = j;
            }
        }
        return best;
    }

    private double sortedValue(int poolIndex) {
        return values[poolIndex];
    }

    @Override
    public void remove(int poolIndex) {
        int pos = positionOf[poolIndex];
        left[pos + 1] = pos;
        right[pos] = pos + 1;
    }

    @Override
    public double distance(double[] q, int j) {
        return Math.abs(q[0] - values[j]);
    }

    /** Builds an index over the given pool scores. */
    static ScoreIndex of(double[] score) {
        return new ScoreIndex(score);
    }
}
