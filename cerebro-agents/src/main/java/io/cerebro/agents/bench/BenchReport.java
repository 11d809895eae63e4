package io.cerebro.agents.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's figures: per family the cases, how many validated (pass rate), mean attempts to
 * a valid pipeline, time and tokens, and whether every planted effect was recovered by the engine.
 *
 * @param cases every case's outcome
 */
public record BenchReport(List<CaseResult> cases) {
    public BenchReport {
        cases = List.copyOf(cases);
    }

    /**
     * One family's figures.
     *
     * @param family        the family ({@code all} for the total)
     * @param cases         cases run
     * @param validated     cases whose pipeline validated
     * @param meanAttempts  mean attempts of the validated cases (NaN when none validated)
     * @param repaired      validated cases that needed more than one attempt
     * @param millis        total generation and validation time
     * @param tokens        total LLM tokens
     * @param plantedOk     cases whose planted effect the engine recovered
     */
    public record FamilyFigures(String family, int cases, int validated, double meanAttempts, int repaired, long millis, long tokens,
                                int plantedOk) {
        /** @return validated / cases. */
        public double passRate() {
            return cases == 0 ? Double.NaN : (double) validated / cases;
        }
    }

    /** @return the figures per family in the cases' order, then {@code all}. */
    public List<FamilyFigures> families() {
        Map<String, List<CaseResult>> by = new LinkedHashMap<>();
        cases.forEach(c -> by.computeIfAbsent(c.family(), k -> new ArrayList<>()).add(c));
        List<FamilyFigures> out = new ArrayList<>();
        by.forEach((f, list) -> out.add(figures(f, list)));
        out.add(figures("all", cases));
        return out;
    }

    /** @return the figures of one family (or {@code all}). */
    public FamilyFigures family(String family) {
        return families().stream().filter(f -> f.family().equals(family)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cases of family " + family));
    }

    /** @return the pass rate over all cases. */
    public double passRate() {
        return family("all").passRate();
    }

    private static FamilyFigures figures(String family, List<CaseResult> list) {
        int validated = (int) list.stream().filter(CaseResult::validated).count();
        double attempts = list.stream().filter(CaseResult::validated).mapToInt(CaseResult::attempts).average().orElse(Double.NaN);
        int repaired = (int) list.stream().filter(c -> c.validated() && c.attempts() > 1).count();
        return new FamilyFigures(family, list.size(), validated, attempts, repaired,
                list.stream().mapToLong(CaseResult::millis).sum(), list.stream().mapToLong(CaseResult::tokens).sum(),
                (int) list.stream().filter(CaseResult::plantedOk).count());
    }

    /** @return a table per family, then the cases that failed with their last diagnostics. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-8s %5s %9s %9s %13s %8s %9s %9s %8s%n", "family", "cases", "validated", "pass rate",
                "mean attempts", "repaired", "time s", "tokens", "planted"));
        for (FamilyFigures f : families()) {
            b.append(String.format(Locale.ROOT, "%-8s %5d %9d %8.1f%% %13s %8d %9.1f %9d %5d/%d%n", f.family(), f.cases(), f.validated(),
                    100 * f.passRate(), Double.isNaN(f.meanAttempts()) ? "-" : String.format(Locale.ROOT, "%.2f", f.meanAttempts()),
                    f.repaired(), f.millis() / 1000.0, f.tokens(), f.plantedOk(), f.cases()));
        }
        for (CaseResult c : cases) {
            if (!c.validated() || !c.plantedOk()) {
                b.append("\n").append(c.id()).append(" (").append(c.strategy()).append("): ")
                        .append(c.validated() ? "validated" : "not validated after " + c.attempts() + " attempts " + c.verdicts());
                if (!c.plantedOk()) {
                    b.append(String.format(Locale.ROOT, "; the engine gave %.6g where %.6g was planted", c.recovered(), c.planted()));
                }
                c.diagnostics().stream().limit(3).forEach(d -> b.append("\n  - ").append(d.lines().findFirst().orElse(d)));
            }
        }
        return b.toString();
    }

    /** @return the report as JSON: {@code families} (figures) and {@code cases}. */
    public String toJson() {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("schema", "cerebro.agents.bench/1");
        ArrayNode fam = root.putArray("families");
        for (FamilyFigures f : families()) {
            ObjectNode n = fam.addObject();
            n.put("family", f.family()).put("cases", f.cases()).put("validated", f.validated()).put("passRate", f.passRate());
            if (Double.isNaN(f.meanAttempts())) {
                n.putNull("meanAttempts");
            } else {
                n.put("meanAttempts", f.meanAttempts());
            }
            n.put("repaired", f.repaired()).put("millis", f.millis()).put("tokens", f.tokens()).put("plantedRecovered", f.plantedOk());
        }
        ArrayNode cs = root.putArray("cases");
        for (CaseResult c : cases) {
            ObjectNode n = cs.addObject();
            n.put("id", c.id()).put("family", c.family()).put("strategy", c.strategy()).put("validated", c.validated())
                    .put("attempts", c.attempts());
            ArrayNode v = n.putArray("verdicts");
            c.verdicts().forEach(x -> v.add(x.name()));
            n.put("planted", c.planted()).put("recovered", c.recovered()).put("plantedRecovered", c.plantedOk())
                    .put("millis", c.millis()).put("tokens", c.tokens());
            ArrayNode d = n.putArray("diagnostics");
            c.diagnostics().forEach(d::add);
            ArrayNode e = n.putArray("examples");
            c.examples().forEach(e::add);
        }
        try {
            return json.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
