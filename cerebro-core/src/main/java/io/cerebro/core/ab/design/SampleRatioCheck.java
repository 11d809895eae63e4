package io.cerebro.core.ab.design;

import io.cerebro.core.result.Diagnostic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample-ratio-mismatch check: Pearson's chi-square goodness of fit of the arms' row counts to
 * the planned allocation (scipy {@code chisquare(counts, f_exp)}). A mismatch means the assignment
 * or the logging is broken, so every other number in the result is suspect.
 */
public final class SampleRatioCheck {
    /** The conventional threshold: SRM checks run on every experiment, so they use a strict level. */
    public static final double FAIL_BELOW = 0.001;

    private SampleRatioCheck() {
    }

    /**
     * Outcome of the check.
     *
     * @param chi2     Pearson's statistic
     * @param df       arms minus one
     * @param pValue   its p-value
     * @param expected expected share per arm (normalised)
     */
    public record Result(double chi2, int df, double pValue, double[] expected) {
        /** @return whether the mismatch is significant at {@link #FAIL_BELOW}. */
        public boolean failed() {
            return pValue < FAIL_BELOW;
        }
    }

    /**
     * @param counts rows per arm
     * @param shares planned shares per arm in the same order (any positive scale), or null for equal shares
     */
    public static Result test(long[] counts, List<Double> shares) {
        int k = counts.length;
        double total = 0;
        for (long c : counts) {
            total += c;
        }
        double shareSum = shares == null ? k : shares.stream().mapToDouble(Double::doubleValue).sum();
        double[] expected = new double[k];
        double chi2 = 0;
        for (int i = 0; i < k; i++) {
            expected[i] = (shares == null ? 1.0 : shares.get(i)) / shareSum;
            double e = total * expected[i];
            chi2 += (counts[i] - e) * (counts[i] - e) / e;
        }
        double p = io.cerebro.core.ab.frequentist.Inference.chiSquareSf(chi2, k - 1);
        return new Result(chi2, k - 1, p, expected);
    }

    /** @return the {@code srm} diagnostic for a result, {@code fail} when p < 0.001. */
    public static Diagnostic diagnostic(Result r, List<String> arms, long[] counts) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("chi2", r.chi2());
        values.put("p_value", r.pValue());
        values.put("df", (double) r.df());
        StringBuilder observed = new StringBuilder();
        double total = 0;
        for (long c : counts) {
            total += c;
        }
        for (int i = 0; i < arms.size(); i++) {
            observed.append(i == 0 ? "" : ", ").append(arms.get(i)).append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.2f%% (planned %.2f%%)", 100 * counts[i] / total, 100 * r.expected()[i]));
        }
        String msg = r.failed()
                ? String.format(java.util.Locale.ROOT, "sample ratio mismatch: chi2 = %.4g, p = %.3g < %s; arms %s. "
                + "Check assignment and logging before trusting any result", r.chi2(), r.pValue(), FAIL_BELOW, observed)
                : String.format(java.util.Locale.ROOT, "arm sizes match the planned allocation (chi2 = %.4g, p = %.3g): %s",
                r.chi2(), r.pValue(), observed);
        return new Diagnostic("srm", r.failed() ? Diagnostic.Status.FAIL : Diagnostic.Status.PASS, msg, values);
    }
}
