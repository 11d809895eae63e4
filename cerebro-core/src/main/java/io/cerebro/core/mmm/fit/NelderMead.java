package io.cerebro.core.mmm.fit;

import java.util.function.ToDoubleFunction;

/**
 * A bounded Nelder-Mead minimiser on the unit cube: points are clamped into [0, 1]^d before the
 * objective sees them, the simplex starts at the given point with steps of 0.1 into the cube, and
 * the best point seen is returned when the evaluation budget runs out (rather than an exception),
 * so a bootstrap replicate always ends with an answer. Deterministic: no randomness at all.
 */
public final class NelderMead {
    private NelderMead() {
    }

    /**
     * The best point found.
     *
     * @param point       in [0, 1]^d
     * @param value       the objective there
     * @param evaluations evaluations spent
     */
    public record Minimum(double[] point, double value, int evaluations) {
    }

    /** Minimises {@code f} from {@code start} with at most {@code maxEvaluations} evaluations. */
    public static Minimum minimise(ToDoubleFunction<double[]> f, double[] start, int maxEvaluations) {
        int d = start.length;
        double[][] simplex = new double[d + 1][];
        double[] value = new double[d + 1];
        simplex[0] = clamp(start);
        for (int i = 0; i < d; i++) {
            double[] p = simplex[0].clone();
            p[i] = p[i] + 0.1 <= 1 ? p[i] + 0.1 : p[i] - 0.1;
            simplex[i + 1] = p;
        }
        int evals = 0;
        for (int i = 0; i <= d; i++) {
            value[i] = f.applyAsDouble(simplex[i]);
            evals++;
        }
        while (evals < maxEvaluations) {
            sort(simplex, value);
            double spread = value[d] - value[0];
            if (spread <= 1e-12 * Math.max(1e-30, Math.abs(value[0])) && size(simplex) < 1e-7) {
                break;
            }
            double[] centroid = new double[d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    centroid[j] += simplex[i][j] / d;
                }
            }
            double[] reflected = clamp(along(centroid, simplex[d], -1));
            double fr = f.applyAsDouble(reflected);
            evals++;
            if (fr < value[0]) {
                double[] expanded = clamp(along(centroid, simplex[d], -2));
                double fe = f.applyAsDouble(expanded);
                evals++;
                if (fe < fr) {
                    simplex[d] = expanded;
                    value[d] = fe;
                } else {
                    simplex[d] = reflected;
                    value[d] = fr;
                }
            } else if (fr < value[d - 1]) {
                simplex[d] = reflected;
                value[d] = fr;
            } else {
                boolean outside = fr < value[d];
                double[] contracted = clamp(outside ? along(centroid, simplex[d], -0.5) : along(centroid, simplex[d], 0.5));
                double fc = f.applyAsDouble(contracted);
                evals++;
                if (fc < Math.min(fr, value[d])) {
                    simplex[d] = contracted;
                    value[d] = fc;
                } else {
                    for (int i = 1; i <= d && evals < maxEvaluations; i++) {
                        simplex[i] = along(simplex[0], simplex[i], 0.5);
                        value[i] = f.applyAsDouble(simplex[i]);
                        evals++;
                    }
                }
            }
        }
        sort(simplex, value);
        return new Minimum(simplex[0], value[0], evals);
    }

    /** @return {@code c + t (p - c)}. */
    private static double[] along(double[] c, double[] p, double t) {
        double[] out = new double[c.length];
        for (int j = 0; j < c.length; j++) {
            out[j] = c[j] + t * (p[j] - c[j]);
        }
        return out;
    }

    static double[] clamp(double[] p) {
        double[] out = new double[p.length];
        for (int j = 0; j < p.length; j++) {
            out[j] = Math.min(1, Math.max(0, p[j]));
        }
        return out;
    }

    private static double size(double[][] s) {
        double m = 0;
        for (int i = 1; i < s.length; i++) {
            for (int j = 0; j < s[0].length; j++) {
                m = Math.max(m, Math.abs(s[i][j] - s[0][j]));
            }
        }
        return m;
    }

    /** Insertion sort by value, stable, so ties keep their order and runs repeat exactly. */
    private static void sort(double[][] s, double[] v) {
        for (int i = 1; i < v.length; i++) {
            double key = v[i];
            double[] p = s[i];
            int j = i - 1;
            while (j >= 0 && v[j] > key) {
                v[j + 1] = v[j];
                s[j + 1] = s[j];
                j--;
            }
            v[j + 1] = key;
            s[j + 1] = p;
        }
    }
}
