package io.cerebro.core.tune.study;

import io.cerebro.core.tune.space.Parameter;
import io.cerebro.core.tune.space.ParameterSpace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameter importance as a first-order variance decomposition of the trials ("fANOVA-lite"): for
 * each parameter, the trials are grouped by its value (a categorical's choice, a numeric
 * parameter's quintile on the unit scale it is searched on) and the share of the losses' variance
 * explained by the group means is computed, {@code Σ n_g (m_g - m)² / Σ (y - m)²}; the shares are
 * then normalised to sum to 1. Unlike fANOVA proper it uses no surrogate model and no interactions,
 * so it reads the trials as they are: a sampler that concentrated on one region shows little
 * importance for parameters it stopped varying.
 */
public final class Importance {
    private static final int BINS = 5;

    private Importance() {
    }

    /**
     * @param space  the parameter space
     * @param params the configurations
     * @param loss   the losses, one per configuration
     * @return each parameter's share of the explained variance, in declaration order (all 0 with fewer than 3 trials)
     */
    public static Map<String, Double> of(ParameterSpace space, List<Map<String, Object>> params, double[] loss) {
        Map<String, Double> raw = new LinkedHashMap<>();
        int n = loss.length;
        double mean = 0;
        for (double l : loss) {
            mean += l / n;
        }
        double total = 0;
        for (double l : loss) {
            total += (l - mean) * (l - mean);
        }
        double sum = 0;
        for (Parameter p : space.parameters()) {
            int groups = p.discreteChoices() ? p.size() + 1 : BINS + 1; // the last group: trials where it is inactive
            double[] s = new double[groups];
            int[] c = new int[groups];
            for (int i = 0; i < n; i++) {
                Object v = params.get(i).get(p.name());
                int g;
                if (v == null) {
                    g = groups - 1;
                } else if (p.discreteChoices()) {
                    g = Math.max(0, p.indexOf(v));
                } else {
                    g = Math.min(BINS - 1, (int) Math.floor(p.unitOf(v) * BINS));
                }
                s[g] += loss[i];
                c[g]++;
            }
            double between = 0;
            for (int g = 0; g < groups; g++) {
                if (c[g] > 0) {
                    double m = s[g] / c[g];
                    between += c[g] * (m - mean) * (m - mean);
                }
            }
            double share = n >= 3 && total > 0 ? between / total : 0;
            raw.put(p.name(), share);
            sum += share;
        }
        if (sum > 0) {
            for (Map.Entry<String, Double> e : raw.entrySet()) {
                e.setValue(e.getValue() / sum);
            }
        }
        return raw;
    }
}
