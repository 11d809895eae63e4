package io.cerebro.agents.family.toy;

import io.cerebro.core.data.ColumnType;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.ReferenceEngine;
import io.cerebro.core.family.AnalysisFamily;
import io.cerebro.core.family.CatalogMethod;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.ArmSummary;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Interval;
import io.cerebro.core.result.Statistic;
import io.cerebro.core.spec.SpecViolation;
import org.hipparchus.distribution.continuous.TDistribution;

import java.util.ArrayList;
import java.util.List;

/** The core descriptor of the toy family: validator, engine (one-sample t) and its one-method catalogue. */
public final class MeanFamily implements AnalysisFamily<MeanSpec> {
    static final String NAME = "toy_mean";
    static final MeanFamily INSTANCE = new MeanFamily();

    /** The catalogue: one method. */
    enum Method implements CatalogMethod {
        ONE_SAMPLE_T;

        @Override
        public Description description() {
            return new Description("toy_mean.one_sample_t", "One-sample t-test", "mean of the column");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<MeanSpec> specType() {
        return MeanSpec.class;
    }

    @Override
    public String command() {
        return "toy-mean";
    }

    @Override
    public boolean readsData() {
        return true;
    }

    @Override
    public List<Method> methods() {
        return List.of(Method.values());
    }

    @Override
    public List<SpecViolation> validate(MeanSpec spec, Dataset data) {
        List<SpecViolation> out = new ArrayList<>();
        var col = data.column(spec.column());
        if (col.isEmpty()) {
            out.add(new SpecViolation("column", spec.column(), data.missingColumnMessage(spec.column(), "column"), null));
        } else if (col.get().type() != ColumnType.NUMERIC) {
            out.add(new SpecViolation("column", spec.column(), "is not numeric", "name a numeric column"));
        } else if (data.rowCount() < 2) {
            out.add(new SpecViolation("column", spec.column(), "a mean with an interval needs at least 2 rows, got " + data.rowCount(),
                    "check the --where filter"));
        }
        return out;
    }

    @Override
    public ReferenceEngine<MeanSpec> engine() {
        return (spec, data) -> {
            double[] x = data.doubles(spec.column());
            int n = x.length;
            double mean = 0;
            for (double v : x) {
                mean += v;
            }
            mean /= n;
            double ss = 0;
            for (double v : x) {
                ss += (v - mean) * (v - mean);
            }
            double sd = Math.sqrt(ss / (n - 1));
            double se = sd / Math.sqrt(n);
            TDistribution t = new TDistribution(n - 1);
            double q = t.inverseCumulativeProbability(1 - spec.alpha() / 2);
            double stat = (mean - spec.mu()) / se;
            double p = 2 * t.cumulativeProbability(-Math.abs(stat));
            Interval ci = Interval.confidence(mean - q * se, mean + q * se, 1 - spec.alpha());
            return AnalysisResult.builder(NAME, Method.ONE_SAMPLE_T.id())
                    .estimate(Estimate.builder("mean of " + spec.column(), Method.ONE_SAMPLE_T.id()).estimand(Method.ONE_SAMPLE_T.estimand())
                            .estimate(mean).standardError(se).interval(ci).pValue(p).statistic(Statistic.of("t", stat, n - 1)).build())
                    .arm(new ArmSummary("all", n, mean, sd, ci))
                    .sampleSize("total", n)
                    .provenance(spec, data, MeanFamily.class, spec.seed())
                    .build();
        };
    }
}
