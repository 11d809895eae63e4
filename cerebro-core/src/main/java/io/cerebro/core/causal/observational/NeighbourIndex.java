package io.cerebro.core.causal.observational;

/**
 * Nearest-neighbour search over a pool of candidate matches, with removal for matching without
 * replacement. Implementations are sub-quadratic: a sorted array for a scalar score, a k-d tree
 * for Mahalanobis distance.
 */
interface NeighbourIndex {
    /**
     * The k nearest live pool members of point {@code q}, plus every further member whose squared
     * distance is within {@code tol} of the k-th squared distance (ties, as in R's Matching), excluding
     * those farther than {@code maxDist}.
     *
     * @return pool indices, nearest first; may be shorter than k (or empty) when the caliper binds
     */
    int[] nearest(double[] q, int k, double tol, double maxDist);

    /** The single nearest live member (lowest pool index among exact ties), or -1 when none within maxDist. */
    int nearestOne(double[] q, double maxDist);

    /** Removes a pool member from future searches. */
    void remove(int poolIndex);

    /** @return the distance between point q and pool member j. */
    double distance(double[] q, int j);
}
