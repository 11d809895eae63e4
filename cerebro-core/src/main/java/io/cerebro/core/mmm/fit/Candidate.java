package io.cerebro.core.mmm.fit;

/**
 * One evaluated hyperparameter vector.
 *
 * @param index      its position in the search (candidates first, then refinements)
 * @param theta      the transform parameters
 * @param nrmse      NRMSE over the training weeks
 * @param decompRssd DECOMP.RSSD over the training weeks
 */
public record Candidate(int index, double[] theta, double nrmse, double decompRssd) {
    /** @return whether this candidate is at least as good on both objectives and better on one. */
    public boolean dominates(Candidate o) {
        return nrmse <= o.nrmse && decompRssd <= o.decompRssd && (nrmse < o.nrmse || decompRssd < o.decompRssd);
    }
}
