package io.cerebro.core.report;

import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.ArmSummary;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.result.Estimate;

import java.util.ArrayList;
import java.util.List;

/** A readable terminal summary of a result: arms, estimates, checks and warnings as aligned tables. */
public final class TextReport {
    private TextReport() {
    }

    /** @return the report text, ending in a newline. */
    public static String render(AnalysisResult r) {
        StringBuilder sb = new StringBuilder();
        List<String> failed = r.diagnostics().stream().filter(Diagnostic::failed).map(d -> "!! " + d.name().toUpperCase()
                + " CHECK FAILED: " + d.message()).toList();
        failed.forEach(f -> sb.append(f).append('\n'));
        if (!failed.isEmpty()) {
            sb.append('\n');
        }
        sb.append(r.method()).append(" — ").append(r.estimand() == null ? "" : r.estimand()).append('\n');
        // a family that reads no data (power) has no data source to name
        if (r.provenance() != null && r.provenance().dataSource() != null) {
            sb.append("data: ").append(r.provenance().dataSource()).append(" (").append(r.provenance().dataRows())
                    .append(" rows)\n");
        }
        // counts beyond the arms table and the total (an RD's effective n per side, a panel's units and periods)
        if (r.arms().isEmpty() && r.sampleSizes().keySet().stream().anyMatch(k -> !k.equals("total"))) {
            List<String> parts = new ArrayList<>();
            r.sampleSizes().forEach((k, v) -> parts.add(k.replace('_', ' ') + " " + v));
            sb.append("n: ").append(String.join(", ", parts)).append('\n');
        }
        sb.append('\n');
        if (!r.arms().isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"arm", "n", "mean", "sd", "interval"});
            for (ArmSummary a : r.arms()) {
                rows.add(new String[]{a.arm(), Long.toString(a.n()), Format.num(a.mean()), Format.num(a.sd()),
                        Format.interval(a.interval())});
            }
            table(sb, rows);
            sb.append('\n');
        }
        List<String[]> rows = new ArrayList<>();
        Double level = r.estimates().stream().filter(e -> e.interval() != null).map(e -> e.interval().level()).findFirst().orElse(null);
        String intervalHeader = level == null ? "interval"
                : (Math.rint(100 * level) == 100 * level ? Long.toString(Math.round(100 * level)) : Format.num(100 * level)) + "% interval";
        rows.add(new String[]{"comparison", "method", "estimate", "std err", intervalHeader, "statistic", "p-value", "adj. p", "P(better)"});
        for (Estimate e : r.estimates()) {
            String stat = e.statistic() == null ? "—" : e.statistic().name() + " = " + Format.num(e.statistic().value())
                    + (e.statistic().df() == null ? "" : " (df " + Format.num(e.statistic().df()) + ")");
            rows.add(new String[]{e.label(), e.method(), Format.num(e.estimate()), Format.num(e.standardError()),
                    Format.interval(e.interval()), stat, Format.p(e.pValue()), Format.p(e.adjustedPValue()),
                    e.posteriorProbability() == null ? "—" : Format.pct(e.posteriorProbability())});
        }
        table(sb, dropEmptyColumns(rows));
        estimandNotes(r).forEach(n -> sb.append("  ").append(n).append('\n'));
        for (Estimate e : r.estimates()) {
            if (!e.extra().isEmpty()) {
                sb.append("  ").append(e.label()).append(" · ").append(e.method()).append(": ");
                List<String> parts = new ArrayList<>();
                e.extra().forEach((k, v) -> parts.add(Format.extra(k, v)));
                sb.append(String.join(", ", parts)).append('\n');
            }
        }
        if (r.insights() != null && !r.insights().isEmpty()) {
            sb.append("\ninsights\n");
            for (io.cerebro.core.result.Insight i : r.insights()) {
                sb.append("  [").append(i.strength().json()).append("] ").append(i.statement()).append('\n');
                sb.append("      assumes: ").append(i.assumption()).append('\n');
            }
        }
        List<String> details = DetailLines.of(r);
        if (!details.isEmpty()) {
            sb.append("\ndetails\n");
            details.forEach(l -> sb.append("  ").append(l).append('\n'));
        }
        if (!r.diagnostics().isEmpty()) {
            sb.append("\nchecks\n");
            for (Diagnostic d : r.diagnostics()) {
                sb.append("  [").append(d.status()).append("] ").append(d.name()).append(": ").append(d.message()).append('\n');
            }
        }
        // a failed check is already the banner at the top; do not repeat it among the warnings
        List<String> warnings = r.warnings().stream().filter(w -> r.diagnostics().stream()
                .noneMatch(d -> d.failed() && w.contains(d.message()))).toList();
        if (!warnings.isEmpty()) {
            sb.append("\nwarnings\n");
            warnings.forEach(w -> sb.append("  - ").append(w).append('\n'));
        }
        return sb.toString();
    }

    /**
     * @return one note per row whose estimand differs from the headline's (odds ratios, HC1 vs clustered
     * errors...): "label · method = estimand"; one per method for arm-vs-control rows, which differ only in
     * the arm names
     */
    static List<String> estimandNotes(AnalysisResult r) {
        List<String> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Estimate e : r.estimates()) {
            boolean sameAsHeadline = e.estimand() == null || e.estimand().equals(r.estimand())
                    || e.method().equals(r.method()) && !r.estimates().stream().anyMatch(o -> o != e
                    && o.label().equals(e.label()) && o.method().equals(e.method()));
            String key = e.method() + "|" + (e.label().contains(" vs ") ? "" : e.label()) + "|"
                    + (countSameKey(r, e) > 1 ? e.estimand() : "");
            if (!sameAsHeadline && seen.add(key)) {
                out.add(e.label() + " · " + e.method() + " = " + e.estimand());
            }
        }
        return out;
    }

    /** @return how many estimates share this one's label and method (e.g. HC1 and clustered errors of one DiD). */
    private static long countSameKey(AnalysisResult r, Estimate e) {
        return r.estimates().stream().filter(o -> o.label().equals(e.label()) && o.method().equals(e.method())).count();
    }

    private static List<String[]> dropEmptyColumns(List<String[]> rows) {
        int cols = rows.get(0).length;
        List<Integer> keep = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            boolean any = false;
            for (int r = 1; r < rows.size(); r++) {
                any |= !"—".equals(rows.get(r)[c]);
            }
            if (any) {
                keep.add(c);
            }
        }
        List<String[]> out = new ArrayList<>();
        for (String[] row : rows) {
            out.add(keep.stream().map(i -> row[i]).toArray(String[]::new));
        }
        return out;
    }

    /** Appends rows as a left-aligned table; the first row is the header. */
    public static void table(StringBuilder sb, List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                w[c] = Math.max(w[c], r[c].length());
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < cols; c++) {
                line.append(r[c]).append(" ".repeat(w[c] - r[c].length() + (c + 1 < cols ? 2 : 0)));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
            if (i == 0) {
                int total = 0;
                for (int c = 0; c < cols; c++) {
                    total += w[c] + (c + 1 < cols ? 2 : 0);
                }
                sb.append("  ").append("-".repeat(total)).append('\n');
            }
        }
    }
}
