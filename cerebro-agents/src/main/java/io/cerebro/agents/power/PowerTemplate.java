package io.cerebro.agents.power;

import io.cerebro.core.spec.PowerSpec;
import io.cerebro.core.spec.SpecReader;

/**
 * The offline template of a power pipeline: a standalone program (Commons Math 3 for the normal and
 * t distributions and the incomplete beta function) that reads the design table given as
 * {@code args[0]}, solves the same design as {@link io.cerebro.core.power.PowerCalculator} and prints
 * the result JSON. It does not depend on the spec beyond its header comment: every parameter comes
 * from the table, so the validator's perturbed second design exercises all of them. The noncentral t
 * CDF is summed term by term as Lenth's Poisson mixture of incomplete beta functions (AS 243),
 * each term computed directly rather than by the engine's recurrences.
 */
final class PowerTemplate {
    private PowerTemplate() {
    }

    /** @return the program for {@code spec} (its design in the header comment). */
    static String program(PowerSpec spec) {
        String design = SpecReader.toTree(spec).toString().replace("*/", "* /");
        return """
                import org.apache.commons.math3.distribution.NormalDistribution;
                import org.apache.commons.math3.distribution.TDistribution;
                import org.apache.commons.math3.special.Beta;
                import org.apache.commons.math3.special.Gamma;

                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.util.ArrayList;
                import java.util.HashMap;
                import java.util.List;
                import java.util.Map;

                /**
                 * Power, sample size or minimum detectable effect of a two-arm test, for the design table in args[0]
                 * (header outcome,baseline,sd,mde,n,alpha,power,ratio,alternative and one row; empty cells are not given).
                 * Written for the design @DESIGN@
                 *
                 * Proportions: Cohen's h with the normal approximation. Means: Cohen's d = |mde| / sd with the
                 * noncentral t on n_c + n_t - 2 degrees of freedom. Effective size n_c n_t / (n_c + n_t).
                 */
                public class Pipeline {
                    static final NormalDistribution Z = new NormalDistribution(0, 1);

                    public static void main(String[] args) throws Exception {
                        if (args.length != 1) {
                            System.err.println("usage: java Pipeline.java DESIGN.csv");
                            return;
                        }
                        List<String> lines = new ArrayList<>();
                        for (String l : Files.readAllLines(Path.of(args[0]))) {
                            if (!l.isBlank()) {
                                lines.add(l.strip());
                            }
                        }
                        String[] header = lines.get(0).split(",", -1);
                        String[] row = lines.get(1).split(",", -1);
                        Map<String, String> d = new HashMap<>();
                        for (int i = 0; i < header.length; i++) {
                            d.put(header[i], row[i]);
                        }
                        boolean props = d.get("outcome").equals("proportions");
                        Double baseline = num(d.get("baseline"));
                        Double sd = num(d.get("sd"));
                        Double mde = num(d.get("mde"));
                        Double n = num(d.get("n"));
                        double alpha = num(d.get("alpha"));
                        double target = num(d.get("power"));
                        double ratio = num(d.get("ratio"));
                        boolean twoSided = d.get("alternative").equals("two_sided");
                        boolean less = d.get("alternative").equals("less");
                        Test test = new Test(props, alpha, ratio, twoSided);

                        double nControl;
                        double power;
                        double effect;
                        double diff;
                        String method;
                        String solved;
                        if (mde != null) {
                            // a one-sided "less" test reads a positive mde as a decrease
                            diff = less && mde > 0 ? -mde : mde;
                            effect = props ? Math.abs(2 * Math.asin(Math.sqrt(baseline + diff)) - 2 * Math.asin(Math.sqrt(baseline)))
                                    : Math.abs(diff) / sd;
                            nControl = n != null ? n : solveN(test, effect, target);
                            power = test.power(effect, nControl);
                            method = props ? "power.proportions" : "power.means";
                            solved = n != null ? "power" : "n";
                        } else {
                            nControl = n;
                            effect = solveEffect(test, nControl, target);
                            if (props) {
                                double phi = Math.asin(Math.sqrt(baseline));
                                double angle = less ? phi - effect / 2 : phi + effect / 2;
                                diff = Math.sin(angle) * Math.sin(angle) - baseline;
                            } else {
                                diff = less ? -effect * sd : effect * sd;
                            }
                            power = target;
                            method = "power.mde";
                            solved = "mde";
                        }
                        double nTreatment = nControl * ratio;

                        Map<String, String> rows = new java.util.LinkedHashMap<>();
                        rows.put("n", estimate("control-arm sample size", method, nControl));
                        rows.put("treatment", estimate("treatment-arm sample size", method, nTreatment));
                        rows.put("power", estimate("power", method, power));
                        rows.put("mde", estimate("minimum detectable effect", method, diff));
                        rows.put("effect", estimate(props ? "effect size (Cohen's h)" : "effect size (Cohen's d)", method, effect));
                        List<String> estimates = new ArrayList<>();
                        estimates.add(rows.remove(solved));
                        estimates.addAll(rows.values());
                        long c = (long) Math.ceil(nControl - 1e-9);
                        long t = (long) Math.ceil(nTreatment - 1e-9);
                        System.out.println("{" + q("schema") + ": " + q("cerebro.result/1") + ", " + q("family") + ": " + q("power")
                                + ", " + q("method") + ": " + q(method) + ", " + q("sampleSizes") + ": {" + q("control") + ": " + c
                                + ", " + q("treatment") + ": " + t + ", " + q("total") + ": " + (c + t) + "}, "
                                + q("estimates") + ": [" + String.join(", ", estimates) + "]}");
                    }

                    /** The two-sample test whose power is computed. */
                    record Test(boolean props, double alpha, double ratio, boolean twoSided) {
                        double power(double effect, double nControl) {
                            double nT = nControl * ratio;
                            double shift = Math.abs(effect) * Math.sqrt(nControl * nT / (nControl + nT));
                            if (props) {
                                if (twoSided) {
                                    double crit = Z.inverseCumulativeProbability(1 - alpha / 2);
                                    return Z.cumulativeProbability(shift - crit) + Z.cumulativeProbability(-crit - shift);
                                }
                                return Z.cumulativeProbability(shift - Z.inverseCumulativeProbability(1 - alpha));
                            }
                            double df = nControl + nT - 2;
                            TDistribution tDist = new TDistribution(df);
                            if (twoSided) {
                                double crit = tDist.inverseCumulativeProbability(1 - alpha / 2);
                                return 1 - noncentralTCdf(crit, df, shift) + noncentralTCdf(-crit, df, shift);
                            }
                            return 1 - noncentralTCdf(tDist.inverseCumulativeProbability(1 - alpha), df, shift);
                        }
                    }

                    /** The control size at which the power reaches the target: bracket, then bisect on the log scale. */
                    static double solveN(Test test, double effect, double target) {
                        double lo = Math.max(1.0001, 2.5 / (1 + test.ratio()));
                        if (test.power(effect, lo) >= target) {
                            return lo;
                        }
                        double hi = Math.max(2 * lo, 16);
                        while (test.power(effect, hi) < target) {
                            lo = hi;
                            hi *= 4;
                        }
                        for (int i = 0; i < 300 && hi / lo - 1 > 1e-14; i++) {
                            double mid = Math.sqrt(lo * hi);
                            if (test.power(effect, mid) < target) {
                                lo = mid;
                            } else {
                                hi = mid;
                            }
                        }
                        return Math.sqrt(lo * hi);
                    }

                    /** The standardised effect at which the power reaches the target with nControl control units. */
                    static double solveEffect(Test test, double nControl, double target) {
                        double lo = 1e-12;
                        double hi = 1;
                        while (test.power(hi, nControl) < target) {
                            lo = hi;
                            hi *= 2;
                        }
                        for (int i = 0; i < 400 && hi - lo > 1e-15 * hi; i++) {
                            double mid = 0.5 * (lo + hi);
                            if (test.power(mid, nControl) < target) {
                                lo = mid;
                            } else {
                                hi = mid;
                            }
                        }
                        return 0.5 * (lo + hi);
                    }

                    /**
                     * P(T <= t) for the noncentral t with df degrees of freedom and noncentrality delta (Lenth 1989):
                     * Phi(-delta) + 1/2 sum_j [p_j I_x(j + 1/2, df/2) + q_j I_x(j + 1, df/2)], x = t^2 / (t^2 + df), with
                     * Poisson weights p_j = e^-L L^j / j! and q_j = delta e^-L L^j / (sqrt 2 Gamma(j + 3/2)), L = delta^2 / 2;
                     * for t < 0, 1 - P(T' <= -t) with noncentrality -delta.
                     */
                    static double noncentralTCdf(double t, double df, double delta) {
                        if (t < 0) {
                            return 1 - noncentralTCdf(-t, df, -delta);
                        }
                        double x = t * t / (t * t + df);
                        double lambda = delta * delta / 2;
                        double sum = 0;
                        if (x > 0) {
                            // the Poisson weights outside lambda +- 12 sd (and a margin) are below 1e-30
                            int from = lambda == 0 ? 0 : (int) Math.max(0, Math.floor(lambda - 12 * Math.sqrt(lambda) - 20));
                            int to = lambda == 0 ? 0 : (int) Math.ceil(lambda + 12 * Math.sqrt(lambda) + 30);
                            for (int j = from; j <= to; j++) {
                                double logPower = lambda == 0 ? 0 : j * Math.log(lambda);
                                double p = Math.exp(-lambda + logPower - Gamma.logGamma(j + 1));
                                double q = delta == 0 ? 0 : Math.signum(delta)
                                        * Math.exp(Math.log(Math.abs(delta)) - lambda + logPower - 0.5 * Math.log(2) - Gamma.logGamma(j + 1.5));
                                sum += p * Beta.regularizedBeta(x, j + 0.5, df / 2) + q * Beta.regularizedBeta(x, j + 1, df / 2);
                            }
                        }
                        double cdf = Z.cumulativeProbability(-delta) + 0.5 * sum;
                        return Math.min(1, Math.max(0, cdf));
                    }

                    static String estimate(String label, String method, double value) {
                        return "{" + q("label") + ": " + q(label) + ", " + q("method") + ": " + q(method) + ", " + q("estimate") + ": "
                                + value + "}";
                    }

                    static Double num(String cell) {
                        return cell == null || cell.isBlank() ? null : Double.valueOf(cell);
                    }

                    static String q(String s) {
                        char quote = (char) 34;
                        return quote + s + quote;
                    }
                }
                """.replace("@DESIGN@", design);
    }
}
