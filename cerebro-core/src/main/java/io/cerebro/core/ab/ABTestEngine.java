package io.cerebro.core.ab;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.ReferenceEngine;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.ArmSummary;
import io.cerebro.core.result.Chart;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Interval;
import io.cerebro.core.result.Series;
import io.cerebro.core.result.Statistic;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.Alternative;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TDistribution;

import java.util.ArrayList;
import java.util.List;

/**
 * The A/B reference engine: compares each arm with control on a binary or continuous outcome.
 * All per-arm aggregation happens inside DuckDB.
 */
public final class ABTestEngine implements ReferenceEngine<ABTestSpec> {
    private static final NormalDistribution STD_NORMAL = new NormalDistribution(0, 1);

    @Override
    public AnalysisResult run(ABTestSpec spec, Dataset data) {
        ABData d = ABData.load(spec, data);
        String method = d.binary() ? "ab.z_proportions" : "ab.welch";
        AnalysisResult.Builder r = AnalysisResult.builder("ab", method);
        for (ArmStats a : d.all()) {
            r.sampleSize(a.arm(), a.n());
            r.arm(new ArmSummary(a.arm(), a.n(), a.mean(), a.sd(), meanInterval(a, d.binary(), spec.alpha())));
        }
        r.sampleSize("total", d.all().stream().mapToLong(ArmStats::n).sum());
        for (ArmStats t : d.treatments()) {
            r.estimate(d.binary() ? zTest(d.control(), t, spec) : welch(d.control(), t, spec));
        }
        r.chart(armsChart(d, spec));
        return r.provenance(spec, data, ABTestEngine.class, spec.seed()).build();
    }

    static Estimate welch(ArmStats c, ArmStats t, ABTestSpec spec) {
        double vc = c.variance() / c.n();
        double vt = t.variance() / t.n();
        double se = Math.sqrt(vc + vt);
        double diff = t.mean() - c.mean();
        double df = (vc + vt) * (vc + vt) / (vc * vc / (c.n() - 1) + vt * vt / (t.n() - 1));
        double stat = diff / se;
        TDistribution dist = new TDistribution(df);
        double p = pValue(stat, spec.alternative(), dist::cumulativeProbability);
        double q = quantile(spec.alpha(), spec.alternative(), dist::inverseCumulativeProbability);
        return Estimate.builder(t.arm() + " vs " + c.arm(), "ab.welch")
                .estimand("difference in means (" + t.arm() + " - " + c.arm() + ")")
                .estimate(diff).standardError(se)
                .interval(interval(diff, se, q, spec))
                .pValue(p).statistic(Statistic.of("t", stat, df)).build();
    }

    static Estimate zTest(ArmStats c, ArmStats t, ABTestSpec spec) {
        double pc = c.sum() / c.n();
        double pt = t.sum() / t.n();
        double pooled = (c.sum() + t.sum()) / (c.n() + t.n());
        double sePooled = Math.sqrt(pooled * (1 - pooled) * (1.0 / c.n() + 1.0 / t.n()));
        double diff = pt - pc;
        double z = diff / sePooled;
        double seWald = Math.sqrt(pc * (1 - pc) / c.n() + pt * (1 - pt) / t.n());
        double p = pValue(z, spec.alternative(), STD_NORMAL::cumulativeProbability);
        double q = quantile(spec.alpha(), spec.alternative(), STD_NORMAL::inverseCumulativeProbability);
        return Estimate.builder(t.arm() + " vs " + c.arm(), "ab.z_proportions")
                .estimand("difference in proportions (" + t.arm() + " - " + c.arm() + ")")
                .estimate(diff).standardError(seWald)
                .interval(interval(diff, seWald, q, spec))
                .pValue(p).statistic(Statistic.of("z", z)).build();
    }

    private static Interval interval(double est, double se, double q, ABTestSpec spec) {
        double level = 1 - spec.alpha();
        return switch (spec.alternative()) {
            case TWO_SIDED -> Interval.confidence(est - q * se, est + q * se, level);
            case GREATER -> Interval.confidence(est - q * se, Double.POSITIVE_INFINITY, level);
            case LESS -> Interval.confidence(Double.NEGATIVE_INFINITY, est + q * se, level);
        };
    }

    /** @return the p-value of a statistic whose null distribution has the given CDF. */
    static double pValue(double stat, Alternative alt, java.util.function.DoubleUnaryOperator cdf) {
        return switch (alt) {
            case TWO_SIDED -> Math.min(1.0, 2 * cdf.applyAsDouble(-Math.abs(stat)));
            case GREATER -> cdf.applyAsDouble(-stat);
            case LESS -> cdf.applyAsDouble(stat);
        };
    }

    /** @return the critical value for an interval at level 1 - alpha. */
    static double quantile(double alpha, Alternative alt, java.util.function.DoubleUnaryOperator inv) {
        return alt == Alternative.TWO_SIDED ? inv.applyAsDouble(1 - alpha / 2) : inv.applyAsDouble(1 - alpha);
    }

    static Interval meanInterval(ArmStats a, boolean binary, double alpha) {
        if (binary) {
            // Wilson score interval: well-behaved near 0 and 1, unlike the Wald interval
            double z = STD_NORMAL.inverseCumulativeProbability(1 - alpha / 2);
            double n = a.n();
            double p = a.mean();
            double denom = 1 + z * z / n;
            double centre = (p + z * z / (2 * n)) / denom;
            double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom;
            return Interval.confidence(centre - half, centre + half, 1 - alpha);
        }
        double q = new TDistribution(a.n() - 1).inverseCumulativeProbability(1 - alpha / 2);
        double se = a.sd() / Math.sqrt(a.n());
        return Interval.confidence(a.mean() - q * se, a.mean() + q * se, 1 - alpha);
    }

    private static Chart armsChart(ABData d, ABTestSpec spec) {
        List<ArmStats> arms = d.all();
        List<String> names = new ArrayList<>();
        double[] x = new double[arms.size()];
        double[] y = new double[arms.size()];
        double[] lo = new double[arms.size()];
        double[] hi = new double[arms.size()];
        for (int i = 0; i < arms.size(); i++) {
            ArmStats a = arms.get(i);
            Interval ci = meanInterval(a, d.binary(), spec.alpha());
            names.add(a.arm());
            x[i] = i;
            y[i] = a.mean();
            lo[i] = ci.lower();
            hi[i] = ci.upper();
        }
        String what = d.binary() ? "conversion rate" : "mean " + spec.outcome();
        return new Chart("arms", "interval", what + " by arm, " + Math.round(100 * (1 - spec.alpha())) + "% interval",
                "arm", what, names, List.of(new Series(what, x, y, lo, hi)), null);
    }
}
