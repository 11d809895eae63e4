package io.cerebro.core.geo;

import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Chart;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.Series;
import io.cerebro.core.spec.GeoTestSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A geo design as an {@link AnalysisResult}: one {@code geo.market_selection} estimate per ranked set
 * (its minimum detectable effect, with its fit, power and the ATT, lift and incremental outcome the
 * simulations estimated at that effect), one {@code geo.power} estimate per effect for the best set,
 * the power curves of the best sets, the pre-test placebo and, in the details, how the candidates
 * were searched and which estimator the simulations called.
 */
public final class GeoDesignResult {
    /** How many ranked sets the power-curve chart draws. */
    static final int CURVES = 5;

    private GeoDesignResult() {
    }

    /**
     * Reads the panel the analysis spec names, designs the test and returns the result with its
     * provenance; the provenance's spec is the analysis spec of the recommended test (the best set,
     * starting at the last possible start), ready to run after the test.
     */
    public static AnalysisResult run(GeoDesign.Settings s, io.cerebro.core.data.Dataset data, io.cerebro.core.mmm.fit.ProgressListener progress) {
        GeoPanel panel = GeoAnalysis.panel(s.analysis(), data);
        GeoDesign.Design d = GeoDesign.run(s, panel, progress);
        GeoTestSpec recommended = s.analysis().toBuilder().treated(d.ranked().get(0).treated()).cells(null)
                .start(panel.periods()[d.placebo().preEnd()]).end(null).build();
        return result(s, d).provenance(recommended, data, GeoDesign.class, s.analysis().seed()).build();
    }

    /** The result of a design, without provenance. */
    public static AnalysisResult.Builder result(GeoDesign.Settings s, GeoDesign.Design d) {
        GeoTestSpec a = s.analysis();
        GeoPanel panel = d.panel();
        AnalysisResult.Builder b = AnalysisResult.builder(GeoTestSpec.FAMILY, GeoMethod.MARKET_SELECTION.id())
                .estimand("smallest planted effect on " + a.outcome() + " (relative) detected with power >= " + s.powerTarget()
                        + " over " + s.duration() + " periods, per candidate set of treated locations");
        List<Double> effects = s.effects();
        for (GeoDesign.SetPower p : d.ranked()) {
            Estimate.Builder e = Estimate.builder(p.label(), GeoMethod.MARKET_SELECTION.id())
                    .estimand("minimum detectable effect (relative lift) at power " + s.powerTarget())
                    .estimate(Double.isNaN(p.mde()) ? null : p.mde())
                    .extra("scaled_l2_imbalance", p.scaledL2()).extra("locations", p.treated().size()).extra("simulations", p.simulations());
            int i = Double.isNaN(p.mde()) ? -1 : effects.indexOf(p.mde());
            if (i >= 0) {
                e.extra("power", p.power()[i]).extra("average_att", p.meanAtt()[i]).extra("lift", p.meanLift()[i])
                        .extra("incremental", p.meanIncremental()[i]);
                if (s.costPerUnit() != null) {
                    e.extra("investment", s.costPerUnit() * p.meanIncremental()[i]);
                }
            }
            int zero = effects.indexOf(0.0);
            if (zero >= 0) {
                e.extra("false_positive_rate", p.power()[zero]);
            }
            b.estimate(e.build());
        }
        GeoDesign.SetPower best = d.ranked().get(0);
        for (int i = 0; i < effects.size(); i++) {
            Estimate.Builder e = Estimate.builder(best.label() + String.format(Locale.ROOT, " at %+.4g%%", 100 * effects.get(i)),
                            GeoMethod.POWER.id())
                    .estimand(effects.get(i) == 0 ? "false-positive rate: share of simulated tests with nothing planted that reject"
                            : "power: share of simulated tests with the effect planted that reject")
                    .estimate(best.power()[i]).extra("effect", effects.get(i)).extra("average_att", best.meanAtt()[i])
                    .extra("lift", best.meanLift()[i]).extra("incremental", best.meanIncremental()[i]);
            if (s.costPerUnit() != null) {
                e.extra("investment", s.costPerUnit() * best.meanIncremental()[i]);
            }
            b.estimate(e.build());
        }
        CellAnalysis.Cell placebo = d.placebo();
        b.estimate(Estimate.builder(best.label() + " pre-test placebo", GeoMethod.of(placebo.chosen().model()).id())
                .estimand("the analysis on the last " + s.duration() + " periods (" + panel.periods()[placebo.preEnd()] + " on) with nothing planted")
                .estimate(placebo.att()).pValue(placebo.pValue()).extra("lift", placebo.lift()).build());
        if (placebo.pValue() <= a.alpha()) {
            b.warning(String.format(Locale.ROOT, "pre-test placebo: the analysis finds an effect (p = %.3g) in the last %d periods where none "
                    + "was planted; the fit of %s drifts, check the data or pick another set", placebo.pValue(), s.duration(), best.label()));
        }
        b.diagnostic(new Diagnostic("pre_test_placebo", placebo.pValue() > a.alpha() ? Diagnostic.Status.PASS : Diagnostic.Status.WARN,
                String.format(Locale.ROOT, "%s on the last %d periods, nothing planted: ATT %.4g, p = %.3g", best.label(), s.duration(),
                        placebo.att(), placebo.pValue()), Map.of("p_value", placebo.pValue(), "att", placebo.att())));
        b.chart(powerChart(s, d));
        Map<String, Object> how = new LinkedHashMap<>();
        how.put("estimator", "each simulated test runs the analysis itself: CellAnalysis.estimate (model " + a.model()
                + ") and CellAnalysis.inference (conformal, " + a.conformal() + ", " + a.permutations() + " permutations, seed " + a.seed()
                + "), rejecting when the sharp-null p-value <= alpha " + a.alpha() + " (" + a.alternative() + ")");
        how.put("search", d.search());
        how.put("screened", d.screened());
        how.put("simulated_sets", d.ranked().size());
        how.put("starts", java.util.Arrays.stream(d.startIndex()).mapToObj(t -> panel.periods()[t]).toList());
        how.put("effects", effects);
        how.put("duration", s.duration());
        how.put("power_target", s.powerTarget());
        if (s.budget() != null) {
            how.put("budget", s.budget());
            how.put("cost_per_unit", s.costPerUnit());
        }
        b.detail("design", how);
        Map<String, Object> curves = new LinkedHashMap<>();
        for (GeoDesign.SetPower p : d.ranked()) {
            curves.put(p.label(), java.util.Arrays.stream(p.power()).boxed().toList());
        }
        b.detail("power", curves);
        long over = d.ranked().stream().filter(p -> !p.withinBudget()).count();
        if (over > 0) {
            b.warning(over + " of " + d.ranked().size() + " sets need more than the budget at their minimum detectable effect; they rank last");
        }
        if (Double.isNaN(best.mde())) {
            b.warning("no simulated set reaches power " + s.powerTarget() + " at the effects given; try larger effects, a longer --duration or more locations");
        }
        b.sampleSize("locations", panel.locations().length).sampleSize("periods", panel.periods().length)
                .sampleSize("simulated_starts", d.startIndex().length).sampleSize("candidate_sets", d.screened());
        return b;
    }

    private static Chart powerChart(GeoDesign.Settings s, GeoDesign.Design d) {
        double[] x = s.effects().stream().mapToDouble(Double::doubleValue).toArray();
        List<Series> series = new ArrayList<>();
        for (GeoDesign.SetPower p : d.ranked().subList(0, Math.min(CURVES, d.ranked().size()))) {
            series.add(Series.of(p.label(), x, p.power()));
        }
        return new Chart("geo_power_curve", "line", "Simulated power by planted effect (the analysis's own test)", "planted effect (relative)",
                "power", null, series, s.powerTarget());
    }
}
