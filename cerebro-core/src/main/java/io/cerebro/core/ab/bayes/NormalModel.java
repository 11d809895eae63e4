package io.cerebro.core.ab.bayes;

import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.special.Gamma;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The Normal model of a continuous outcome. Each arm's rows are normal with unknown mean and
 * variance; under the Jeffreys prior {@code p(mu, sigma^2) ∝ 1/sigma^2} the posterior of the arm's
 * mean is a Student t with {@code n - 1} degrees of freedom, centred on the sample mean with scale
 * {@code s / sqrt(n)} (Gelman et al., <i>Bayesian Data Analysis</i>, section 3.2). Unlike a normal
 * posterior with the sample variance plugged in, this carries the uncertainty about the variance, which
 * matters in small arms; for large arms the two agree.
 *
 * <p>The difference of two such posteriors has no closed form (it is the Behrens-Fisher
 * distribution), so P(B &gt; A), the expected loss, the credible bounds and the probability of being
 * best are one-dimensional integrals over one arm's posterior, computed with composite Gauss-Legendre
 * panels placed at each posterior's own scale (out to 10<sup>4</sup> scales, where a t with 3 degrees
 * of freedom has no mass left that matters), and quantiles by Brent's method on that integral.
 */
public final class NormalModel {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    /** Panel edges, in posterior scales either side of a posterior's centre. */
    private static final double[] OFFSETS = {0, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 12, 20, 35, 60, 100, 200, 500, 1_000, 3_000, 10_000};

    /** Fewest rows per arm: below 4 the posterior of the mean has no finite variance. */
    public static final int MIN_ROWS = 4;

    private NormalModel() {
    }

    /**
     * The posterior of one arm's mean: a location-scale Student t.
     *
     * @param mean  the sample mean (the posterior's centre)
     * @param scale {@code s / sqrt(n)}
     * @param df    degrees of freedom, {@code n - 1}
     */
    public record Posterior(double mean, double scale, double df) {
        /** @return the posterior of the mean of {@code n} rows with sample mean and variance (ddof 1) as given. */
        public static Posterior of(double mean, double variance, long n) {
            return new Posterior(mean, Math.sqrt(variance / n), n - 1);
        }

        /** @return the posterior standard deviation, {@code scale sqrt(df / (df - 2))} (infinite for df &lt;= 2). */
        public double sd() {
            return df > 2 ? scale * Math.sqrt(df / (df - 2)) : Double.POSITIVE_INFINITY;
        }

        /** @return the posterior density at x. */
        public double density(double x) {
            return standard().density((x - mean) / scale) / scale;
        }

        /** @return P(mean &lt;= x). */
        public double cdf(double x) {
            return standard().cdf((x - mean) / scale);
        }

        /** @return {@code E[max(x - mean, 0)]} under this posterior, in closed form (finite for df &gt; 1). */
        double partialExpectation(double x) {
            double z = (x - mean) / scale;
            Standard t = standard();
            return scale * (z * t.cdf(z) + (df + z * z) / (df - 1) * t.density(z));
        }

        /** @return how many scales out the tails hold less than 1e-18 (the largest panel edge for heavy tails). */
        double reach() {
            Standard t = standard();
            for (double o : OFFSETS) {
                if (o >= 4 && t.cdf(-o) < 1e-18) {
                    return o;
                }
            }
            return OFFSETS[OFFSETS.length - 1];
        }

        Posterior shifted(double by) {
            return new Posterior(mean + by, scale, df);
        }

        private Standard standard() {
            return Standard.of(df);
        }
    }

    /** The standard t with a cached normalising constant (the density is evaluated thousands of times). */
    private record Standard(double df, double logNorm, TDistribution dist) {
        /** One per degrees of freedom in use: the arms of one analysis alternate between their posteriors. */
        private static final java.util.Map<Double, Standard> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

        static Standard of(double df) {
            Standard s = CACHE.get(df);
            if (s == null) {
                if (CACHE.size() > 256) {
                    CACHE.clear();
                }
                double logNorm = Gamma.logGamma((df + 1) / 2) - Gamma.logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
                s = new Standard(df, logNorm, new TDistribution(df));
                CACHE.put(df, s);
            }
            return s;
        }

        double density(double z) {
            return Math.exp(logNorm - (df + 1) / 2 * Math.log1p(z * z / df));
        }

        double cdf(double z) {
            return dist.cumulativeProbability(z);
        }
    }

    /** @return P(B &gt; A) for the posteriors of the control's mean A and the arm's mean B. */
    public static double probGreater(Posterior a, Posterior b) {
        Posterior a0 = a.shifted(-a.mean());
        Posterior b0 = b.shifted(-a.mean());
        return clamp(integrate(x -> a0.density(x) * (1 - b0.cdf(x)), a0, b0));
    }

    /** @return the expected loss of choosing B, {@code E[max(A - B, 0)]}. */
    public static double expectedLoss(Posterior a, Posterior b) {
        Posterior a0 = a.shifted(-a.mean());
        Posterior b0 = b.shifted(-a.mean());
        return Math.max(0, integrate(x -> a0.density(x) * b0.partialExpectation(x), a0, b0));
    }

    private static double clamp(double p) {
        return Math.max(0, Math.min(1, p));
    }

    /** @return P(B - A &lt;= d). */
    static double differenceCdf(Posterior a, Posterior b, double d) {
        return integrate(x -> a.density(x) * b.cdf(x + d), a, b.shifted(-d));
    }

    /** @return the density of B - A at d. */
    static double differenceDensity(Posterior a, Posterior b, double d) {
        return integrate(x -> a.density(x) * b.density(x + d), a, b.shifted(-d));
    }

    /**
     * @return the {@code prob} quantile of B - A: Newton's method on its distribution function from the
     * normal approximation (three or four integrals), with Brent's method as the fallback
     */
    public static double differenceQuantile(Posterior a, Posterior b, double prob) {
        // the difference does not depend on where both posteriors sit: work near zero, where the panels
        // keep their resolution however large the means are
        return centredQuantile(a.shifted(-a.mean()), b.shifted(-a.mean()), prob);
    }

    private static double centredQuantile(Posterior a, Posterior b, double prob) {
        double centre = b.mean() - a.mean();
        double sd = Math.hypot(a.sd(), b.sd());
        double d = centre + (Double.isFinite(sd) ? sd : Math.hypot(a.scale(), b.scale())) * STANDARD_NORMAL.inverseCumulativeProbability(prob);
        double tolerance = 1e-13 * Math.hypot(a.scale(), b.scale());
        for (int it = 0; it < 20; it++) {
            double step = (differenceCdf(a, b, d) - prob) / differenceDensity(a, b, d);
            if (!Double.isFinite(step)) {
                break;
            }
            d -= step;
            if (Math.abs(step) <= tolerance) {
                return d;
            }
        }
        double step = Math.hypot(a.scale(), b.scale());
        double lo = centre - step;
        double hi = centre + step;
        for (int k = 0; differenceCdf(a, b, lo) > prob; k++) {
            lo = centre - 2 * (centre - lo);
            if (k > 200) {
                throw new IllegalStateException("no bracket for the " + prob + " quantile of the difference");
            }
        }
        for (int k = 0; differenceCdf(a, b, hi) < prob; k++) {
            hi = centre + 2 * (hi - centre);
            if (k > 200) {
                throw new IllegalStateException("no bracket for the " + prob + " quantile of the difference");
            }
        }
        return new BrentSolver(1e-14 * Math.max(1, Math.abs(centre)), 1e-14).solve(200, x -> differenceCdf(a, b, x) - prob, lo, hi);
    }

    /** P(each arm's mean is the highest): the integral of {@code f_i prod_{j != i} F_j}. */
    public static double[] probabilityBest(List<Posterior> given) {
        double centre = given.get(0).mean();
        List<Posterior> arms = given.stream().map(p -> p.shifted(-centre)).toList();
        double[] out = new double[arms.size()];
        Posterior[] all = arms.toArray(new Posterior[0]);
        for (int i = 0; i < arms.size(); i++) {
            Posterior pi = arms.get(i);
            int self = i;
            Posterior[] around = new Posterior[all.length];
            around[0] = pi;
            for (int j = 0, k = 1; j < all.length; j++) {
                if (j != i) {
                    around[k++] = all[j];
                }
            }
            out[i] = clamp(integrate(x -> {
                double v = pi.density(x);
                for (int j = 0; j < all.length && v != 0; j++) {
                    if (j != self) {
                        v *= all[j].cdf(x);
                    }
                }
                return v;
            }, around));
        }
        return out;
    }

    /**
     * The integral of f over the real line, where f carries the density of {@code around[0]} as a
     * factor: only that posterior's support out to where its tails hold less than 1e-18 is
     * integrated, with panel edges at every posterior's own scale.
     */
    private static double integrate(DoubleUnaryOperator f, Posterior... around) {
        Posterior first = around[0];
        double reach = first.reach();
        double lo = first.mean() - reach * first.scale();
        double hi = first.mean() + reach * first.scale();
        List<Double> edges = new ArrayList<>();
        edges.add(lo);
        edges.add(hi);
        for (Posterior p : around) {
            for (double o : OFFSETS) {
                for (double e : new double[]{p.mean() + o * p.scale(), p.mean() - o * p.scale()}) {
                    if (e > lo && e < hi) {
                        edges.add(e);
                    }
                }
            }
        }
        double[] e = edges.stream().mapToDouble(Double::doubleValue).sorted().distinct().toArray();
        double sum = 0;
        for (int k = 0; k + 1 < e.length; k++) {
            sum += Quadrature.integrate(f, e[k], e[k + 1], 1);
        }
        return sum;
    }
}
