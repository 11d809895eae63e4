package io.cerebro.experiment;

import io.cerebro.core.ab.AbMethod;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.ABTestType;
import io.cerebro.core.spec.OutcomeType;
import io.cerebro.store.Experiment;
import io.cerebro.store.MetricDefinition;
import io.cerebro.store.MetricKind;
import io.cerebro.store.SequentialTest;
import io.cerebro.store.UnitOutcome;
import io.cerebro.store.Variant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the A/B engine on an experiment's stored outcomes: one row per assigned unit (its variant
 * and metric value), the experiment's control, alpha, power and — for the primary metric — MDE,
 * the current allocation for the sample-ratio check, and the sequential test chosen at creation
 * ({@code ab.msprt}; {@code none} lets the engine pick its fixed-horizon test). This is exactly what
 * {@code cerebro abtest} runs on the file {@code cerebro exp export} writes, with the flags
 * {@link #equivalentAbtestFlags} lists.
 */
public final class ExperimentAnalysis {
    /** The column names of the analysed (and exported) data. */
    public static final String UNIT = "unit";
    /** The variant column. */
    public static final String VARIANT = "variant";

    private ExperimentAnalysis() {
    }

    /** @return the A/B spec the experiment is analysed with on {@code metric}, given the variants that have units. */
    public static ABTestSpec spec(Experiment e, MetricDefinition metric, List<String> presentVariants) {
        ABTestSpec.Builder b = ABTestSpec.builder(VARIANT, metric.name())
                .control(e.control().name())
                .outcomeType(metric.kind() == MetricKind.BINARY ? OutcomeType.BINARY : OutcomeType.CONTINUOUS)
                .test(e.sequential() == SequentialTest.MSPRT ? ABTestType.MSPRT : ABTestType.AUTO)
                .alpha(e.alpha())
                .power(e.power())
                .allocation(allocation(e, presentVariants));
        if (e.mde() != null && metric.equals(e.metrics().get(0))) {
            b.mde(e.mde());
        }
        return b.build();
    }

    /** @return the expected shares of the variants present, in label sort order as the engine reads them. */
    static List<Double> allocation(Experiment e, List<String> presentVariants) {
        Map<String, Double> sorted = new TreeMap<>();
        for (Variant v : e.variants()) {
            if (presentVariants.contains(v.name())) {
                sorted.put(v.name(), v.weight());
            }
        }
        return new ArrayList<>(sorted.values());
    }

    /** @return the flags that make {@code cerebro abtest} on the exported file run this analysis. */
    public static List<String> equivalentAbtestFlags(ABTestSpec s) {
        List<String> f = new ArrayList<>(List.of("--treatment", s.treatment(), "--outcome", s.outcome(), "--control", s.control(),
                "--outcome-type", s.outcomeType().name().toLowerCase(java.util.Locale.ROOT),
                "--test", s.test().name().toLowerCase(java.util.Locale.ROOT),
                "--alpha", Double.toString(s.alpha()), "--power", Double.toString(s.power())));
        if (s.mde() != null) {
            f.addAll(List.of("--mde", Double.toString(s.mde())));
        }
        if (s.allocation() != null) {
            f.addAll(List.of("--allocation", String.join(",", s.allocation().stream().map(String::valueOf).toList())));
        }
        return f;
    }

    /**
     * Runs the engine on the outcomes.
     *
     * @throws UserInputException when fewer than two variants have at least two units
     */
    public static AnalysisResult run(Experiment e, MetricDefinition metric, List<UnitOutcome> outcomes) {
        Map<String, Long> perVariant = new TreeMap<>();
        for (UnitOutcome o : outcomes) {
            perVariant.merge(o.variant(), 1L, Long::sum);
        }
        List<String> present = perVariant.entrySet().stream().filter(x -> x.getValue() >= 2).map(Map.Entry::getKey).toList();
        if (present.size() < 2 || !present.contains(e.control().name())) {
            throw new UserInputException("experiment '" + e.name() + "' has too few units to analyse (" + describe(perVariant)
                    + "); the control and at least one other variant need 2 units or more: assign and record first");
        }
        String[] variants = new String[outcomes.size()];
        double[] values = new double[outcomes.size()];
        String[] units = new String[outcomes.size()];
        int i = 0;
        for (UnitOutcome o : outcomes) {
            units[i] = o.unit();
            variants[i] = o.variant();
            values[i] = o.value();
            i++;
        }
        ABTestSpec spec = spec(e, metric, present);
        try (Dataset data = Dataset.builder().text(UNIT, units).text(VARIANT, variants).numeric(metric.name(), values).build()) {
            return Engines.run(spec, data);
        }
    }

    /** @return the method id whose estimates the stopping rule reads. */
    static String decisionMethod(Experiment e, AnalysisResult r) {
        return e.sequential() == SequentialTest.MSPRT ? AbMethod.MSPRT.id() : r.method();
    }

    private static String describe(Map<String, Long> perVariant) {
        if (perVariant.isEmpty()) {
            return "no units assigned";
        }
        StringBuilder s = new StringBuilder();
        perVariant.forEach((k, v) -> s.append(s.isEmpty() ? "" : ", ").append(k).append(' ').append(v));
        return s.toString();
    }
}
