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
        if (r.provenance() != null) {
            sb.append("data: ").append(r.provenance().dataSource()).append(" (").append(r.provenance().dataRows())
                    .append(" rows)\n");
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
        rows.add(new String[]{"comparison", "method", "estimate", "std err", "interval", "statistic", "p-value", "adj. p", "P(better)"});
        for (Estimate e : r.estimates()) {
            String stat = e.statistic() == null ? "—" : e.statistic().name() + " = " + Format.num(e.statistic().value())
                    + (e.statistic().df() == null ? "" : " (df " + Format.num(e.statistic().df()) + ")");
            rows.add(new String[]{e.label(), e.method(), Format.num(e.estimate()), Format.num(e.standardError()),
                    Format.interval(e.interval()), stat, Format.p(e.pValue()), Format.p(e.adjustedPValue()),
                    e.posteriorProbability() == null ? "—" : Format.pct(e.posteriorProbability())});
        }
        table(sb, dropEmptyColumns(rows));
        for (Estimate e : r.estimates()) {
            if (!e.extra().isEmpty()) {
                sb.append("  ").append(e.label()).append(" · ").append(e.method()).append(": ");
                List<String> parts = new ArrayList<>();
                e.extra().forEach((k, v) -> parts.add(k + " " + Format.num(v)));
                sb.append(String.join(", ", parts)).append('\n');
            }
        }
        if (!r.diagnostics().isEmpty()) {
            sb.append("\nchecks\n");
            for (Diagnostic d : r.diagnostics()) {
                sb.append("  [").append(d.status()).append("] ").append(d.name()).append(": ").append(d.message()).append('\n');
            }
        }
        if (!r.warnings().isEmpty()) {
            sb.append("\nwarnings\n");
            r.warnings().forEach(w -> sb.append("  - ").append(w).append('\n'));
        }
        return sb.toString();
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
