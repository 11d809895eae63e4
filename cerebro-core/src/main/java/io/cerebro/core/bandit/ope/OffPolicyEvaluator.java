package io.cerebro.core.bandit.ope;

import io.cerebro.core.error.UserInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Values a deterministic target policy (the arm it would choose on each logged row) from logged
 * feedback. With w_i = 1[target_i = action_i] / propensity_i:
 * <ul>
 *   <li>IPS = mean(w r), standard error sd(w r)/√n;</li>
 *   <li>SNIPS = Σ w r / Σ w, standard error by the delta method sqrt(Σ w² (r - SNIPS)²) / Σ w;</li>
 *   <li>DR = mean(q̂(x, target) + w (r - q̂(x, action))), standard error sd/√n, where q̂ is a per-arm
 *       least-squares regression of reward on the context (with intercept; the arm mean without
 *       context).</li>
 * </ul>
 * Intervals are value ± 1.96 SE.
 */
public final class OffPolicyEvaluator {
    static final double Z95 = 1.959963984540054;

    /** The estimators, with the method ids the result schema uses. */
    public enum Estimator {
        IPS("ope.ips"), SNIPS("ope.snips"), DR("ope.dr");

        private final String methodId;
        Estimator(String methodId) { this.methodId = methodId; }
        public String methodId() { return methodId; }
    }

    /**
     * Everything an evaluation reports.
     * @param estimates one per estimator asked for, in IPS, SNIPS, DR order
     * @param loggingValue mean logged reward (the logging policy's own value)
     * @param loggingStandardError its standard error
     * @param effectiveSampleSize (Σ w)² / Σ w²
     * @param matchedRows rows where the target agrees with the logged arm
     * @param largestWeights the largest importance weights, descending (at most five)
     */
    public record Evaluation(List<OpeEstimate> estimates, double loggingValue, double loggingStandardError,
                             double effectiveSampleSize, int matchedRows, double[] largestWeights) {
        public OpeEstimate get(Estimator e) {
            return estimates.stream().filter(x -> x.estimator() == e).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(e + " was not computed"));
        }
    }

    private OffPolicyEvaluator() { }

    /** All three estimators. */
    public static Evaluation evaluate(LoggedFeedback log, int[] target) {
        return evaluate(log, target, EnumSet.allOf(Estimator.class));
    }

    public static Evaluation evaluate(LoggedFeedback log, int[] target, Set<Estimator> estimators) {
        int n = log.size();
        if (target.length != n) throw new IllegalArgumentException("target needs one arm per logged row");
        boolean[] logged = new boolean[log.arms()];
        for (int a : log.actions()) logged[a] = true;
        for (int i = 0; i < n; i++) {
            int t = target[i];
            if (t < 0 || t >= log.arms() || !logged[t]) {
                throw new UserInputException("the target policy chooses an arm the log never took (row " + (i + 1)
                        + "); off-policy estimates need every target arm to appear in the log");
            }
        }
        double[] w = new double[n];
        double sumW = 0, sumW2 = 0, sumWr = 0, sumR = 0, sumR2 = 0;
        int matched = 0;
        for (int i = 0; i < n; i++) {
            if (target[i] == log.actions()[i]) {
                w[i] = 1 / log.propensities()[i];
                matched++;
            }
            double r = log.rewards()[i];
            sumW += w[i];
            sumW2 += w[i] * w[i];
            sumWr += w[i] * r;
            sumR += r;
            sumR2 += r * r;
        }
        List<OpeEstimate> out = new ArrayList<>();
        if (estimators.contains(Estimator.IPS)) {
            double[] terms = new double[n];
            for (int i = 0; i < n; i++) terms[i] = w[i] * log.rewards()[i];
            out.add(meanWithError(Estimator.IPS, terms));
        }
        if (estimators.contains(Estimator.SNIPS)) {
            if (sumW == 0) throw new UserInputException("the target policy agrees with no logged row; SNIPS needs at least one match");
            double v = sumWr / sumW;
            double s = 0;
            for (int i = 0; i < n; i++) {
                double d = w[i] * (log.rewards()[i] - v);
                s += d * d;
            }
            out.add(OpeEstimate.of(Estimator.SNIPS, v, Math.sqrt(s) / sumW));
        }
        if (estimators.contains(Estimator.DR)) {
            RewardModel q = RewardModel.fit(log);
            double[] terms = new double[n];
            for (int i = 0; i < n; i++) {
                double[] x = log.contexts() == null ? null : log.contexts()[i];
                terms[i] = q.predict(target[i], x) + w[i] * (log.rewards()[i] - q.predict(log.actions()[i], x));
            }
            out.add(meanWithError(Estimator.DR, terms));
        }
        double mean = sumR / n;
        double var = n > 1 ? Math.max(0, (sumR2 - n * mean * mean) / (n - 1)) : 0;
        double[] sorted = w.clone();
        Arrays.sort(sorted);
        int top = Math.min(5, n);
        double[] largest = new double[top];
        for (int i = 0; i < top; i++) largest[i] = sorted[n - 1 - i];
        double ess = sumW2 > 0 ? sumW * sumW / sumW2 : 0;
        return new Evaluation(List.copyOf(out), mean, Math.sqrt(var / n), ess, matched, largest);
    }

    private static OpeEstimate meanWithError(Estimator e, double[] terms) {
        int n = terms.length;
        double s = 0;
        for (double t : terms) s += t;
        double m = s / n;
        double ss = 0;
        for (double t : terms) ss += (t - m) * (t - m);
        double se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0;
        return OpeEstimate.of(e, m, se);
    }
}
