package io.cerebro.core.power;

import io.cerebro.core.CerebroVersion;
import io.cerebro.core.ab.sequential.GroupSequentialDesign;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.ReferenceEngine;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Provenance;
import io.cerebro.core.spec.Alternative;
import io.cerebro.core.spec.PowerSpec;
import io.cerebro.core.spec.SpecReader;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The power family's reference engine: {@link PowerCalculator} as an {@link AnalysisResult}. The
 * headline estimate is the quantity solved for (the control-arm sample size, the power or the
 * minimum detectable effect); the other quantities of the design follow in {@code estimates}, each
 * labelled in words. {@code sampleSizes} holds the arms rounded up; {@code details} the design.
 * With {@code looks}, {@code power.sequential} estimates add the group-sequential inflation factor
 * and maximum sample sizes. The dataset argument is ignored and may be null.
 */
public final class PowerEngine implements ReferenceEngine<PowerSpec> {
    /** Label of the control arm's sample size (fractional as solved). */
    public static final String CONTROL_N = "control-arm sample size";
    /** Label of the treatment arm's sample size, {@code ratio} times the control's. */
    public static final String TREATMENT_N = "treatment-arm sample size";
    /** Label of the power. */
    public static final String POWER = "power";
    /** Label of the minimum detectable effect (signed difference, treatment minus control). */
    public static final String MDE = "minimum detectable effect";
    /** Label of Cohen's h (proportions). */
    public static final String COHENS_H = "effect size (Cohen's h)";
    /** Label of Cohen's d (means). */
    public static final String COHENS_D = "effect size (Cohen's d)";
    /** Label of the group-sequential inflation factor. */
    public static final String INFLATION = "group-sequential inflation factor";
    /** Label of the group-sequential maximum control-arm size. */
    public static final String MAX_CONTROL_N = "group-sequential maximum control-arm sample size";
    /** Label of the group-sequential maximum treatment-arm size. */
    public static final String MAX_TREATMENT_N = "group-sequential maximum treatment-arm sample size";

    @Override
    public AnalysisResult run(PowerSpec spec, Dataset ignored) {
        PowerSettings s = new PowerSettings(spec.alpha(), spec.power(), spec.ratio(), spec.alternative());
        PowerResult r = calculate(spec, s);
        PowerMethod method = PowerMethod.MDE.id().equals(r.method()) ? PowerMethod.MDE
                : spec.outcome() == PowerSpec.Outcome.PROPORTIONS ? PowerMethod.PROPORTIONS : PowerMethod.MEANS;
        String m = method.id();
        String effectLabel = spec.outcome() == PowerSpec.Outcome.PROPORTIONS ? COHENS_H : COHENS_D;
        String difference = spec.outcome() == PowerSpec.Outcome.PROPORTIONS ? "difference in conversion rates" : "difference in means";
        Map<String, Estimate> rows = new LinkedHashMap<>();
        rows.put(CONTROL_N, value(CONTROL_N, m, "control-arm sample size (as solved; round up to plan)", r.nControl()));
        rows.put(TREATMENT_N, value(TREATMENT_N, m, "treatment-arm sample size, ratio " + num(r.ratio()) + " times the control arm",
                r.nTreatment()));
        rows.put(POWER, value(POWER, m, "probability that the test rejects at alpha " + num(r.alpha()) + " when the effect is the mde",
                r.power()));
        rows.put(MDE, value(MDE, m, difference + " (treatment minus control) detected with the power", r.mde()));
        rows.put(effectLabel, value(effectLabel, m, spec.outcome() == PowerSpec.Outcome.PROPORTIONS
                ? "|2 asin sqrt(p_t) - 2 asin sqrt(p_c)|" : "|mde| / sd", r.effectSize()));
        String headline = switch (spec.solve()) {
            case N -> CONTROL_N;
            case POWER -> POWER;
            case MDE -> MDE;
        };
        AnalysisResult.Builder b = AnalysisResult.builder(PowerSpec.FAMILY, m)
                .estimand(headlineEstimand(spec, r, difference));
        b.estimate(rows.remove(headline));
        rows.values().forEach(b::estimate);
        b.sampleSize("control", r.nControlCeil()).sampleSize("treatment", r.nTreatmentCeil()).sampleSize("total", r.nTotalCeil());
        Map<String, Object> design = new LinkedHashMap<>();
        design.put("outcome", spec.outcome().toString());
        design.put("solved_for", spec.solve().name().toLowerCase(Locale.ROOT));
        if (r.baseline() != null) {
            design.put("baseline", r.baseline());
            design.put("treatment_rate", r.baseline() + r.mde());
        }
        if (r.sd() != null) {
            design.put("sd", r.sd());
        }
        design.put("alpha", r.alpha());
        design.put("target_power", spec.power());
        design.put("ratio", r.ratio());
        design.put("alternative", r.alternative().name().toLowerCase(Locale.ROOT));
        if (spec.looks() != null) {
            double alphaSide = s.alternative() == Alternative.TWO_SIDED ? s.alpha() / 2 : s.alpha();
            // the inflation of a one-sided design at the per-side alpha, as for the two one-sided boundaries of a two-sided plan
            double inflation = GroupSequentialDesign.equallySpaced(spec.spending(), alphaSide, spec.looks()).inflationFactor(s.power());
            String sq = PowerMethod.SEQUENTIAL.id();
            double maxC = r.nControl() * inflation;
            double maxT = r.nTreatment() * inflation;
            b.estimate(value(INFLATION, sq, "maximum sample size of the plan divided by the fixed-sample size", inflation));
            b.estimate(value(MAX_CONTROL_N, sq, "control-arm sample size if the trial runs to the last look", maxC));
            b.estimate(value(MAX_TREATMENT_N, sq, "treatment-arm sample size if the trial runs to the last look", maxT));
            long c = ceil(maxC);
            long t = ceil(maxT);
            b.sampleSize("max_control", c).sampleSize("max_treatment", t).sampleSize("max_total", c + t);
            design.put("looks", spec.looks());
            design.put("spending", spec.spending().name().toLowerCase(Locale.ROOT));
        }
        b.detail("design", design);
        b.provenance(new Provenance(CerebroVersion.get(), PowerEngine.class.getName(), SpecReader.toTree(spec), null, null, null,
                spec.seed(), Runtime.version().toString(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
        return b.build();
    }

    private static PowerResult calculate(PowerSpec spec, PowerSettings s) {
        boolean props = spec.outcome() == PowerSpec.Outcome.PROPORTIONS;
        return switch (spec.solve()) {
            case N -> props ? PowerCalculator.proportionsSampleSize(spec.baseline(), spec.mde(), s)
                    : PowerCalculator.meansSampleSize(spec.sd(), spec.mde(), s);
            case POWER -> props ? PowerCalculator.proportionsPower(spec.baseline(), spec.mde(), spec.n(), s)
                    : PowerCalculator.meansPower(spec.sd(), spec.mde(), spec.n(), s);
            case MDE -> props ? PowerCalculator.proportionsMde(spec.baseline(), spec.n(), s)
                    : PowerCalculator.meansMde(spec.sd(), spec.n(), s);
        };
    }

    private static String headlineEstimand(PowerSpec spec, PowerResult r, String difference) {
        return switch (spec.solve()) {
            case N -> "solved for the control-arm sample size that reaches power " + num(spec.power()) + " against a "
                    + difference + " of " + num(r.mde());
            case POWER -> "solved for the power against a " + difference + " of " + num(r.mde()) + " with " + num(r.nControl())
                    + " control units";
            case MDE -> "solved for the smallest " + difference + " detectable with power " + num(spec.power()) + " and "
                    + num(r.nControl()) + " control units";
        };
    }

    private static Estimate value(String label, String method, String estimand, double v) {
        return Estimate.builder(label, method).estimand(estimand).estimate(v).build();
    }

    private static long ceil(double n) {
        return (long) Math.ceil(n - 1e-9);
    }

    private static String num(double x) {
        return String.format(Locale.ROOT, "%.6g", x).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
    }
}
