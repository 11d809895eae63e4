package io.cerebro.core.report;

import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.ArmSummary;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.result.Estimate;

import java.util.List;

/** A Markdown report of a result: headline, arms, estimates, checks, warnings and provenance. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    /** @return the report as GitHub-flavoured Markdown. */
    public static String render(AnalysisResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(r.method()).append("\n\n");
        for (Diagnostic d : r.diagnostics()) {
            if (d.failed()) {
                sb.append("> **").append(d.name().toUpperCase()).append(" check failed:** ").append(d.message()).append("\n\n");
            }
        }
        sb.append("**").append(r.estimand() == null ? "estimate" : r.estimand()).append(":** ")
                .append(Format.num(r.estimate())).append(" ").append(Format.interval(r.interval()))
                .append(r.pValue() != null ? ", p = " + Format.p(r.pValue()) : "")
                .append(r.posteriorProbability() != null ? ", P(better) = " + Format.pct(r.posteriorProbability()) : "")
                .append("\n\n");
        if (!r.arms().isEmpty()) {
            sb.append("## Arms\n\n| arm | n | mean | sd | interval |\n|---|---:|---:|---:|---|\n");
            for (ArmSummary a : r.arms()) {
                sb.append("| ").append(esc(a.arm())).append(" | ").append(a.n()).append(" | ").append(Format.num(a.mean()))
                        .append(" | ").append(Format.num(a.sd())).append(" | ").append(Format.interval(a.interval())).append(" |\n");
            }
            sb.append('\n');
        }
        sb.append("## Estimates\n\n| comparison | method | estimate | std err | interval | statistic | p-value | adj. p | P(better) |\n")
                .append("|---|---|---:|---:|---|---|---:|---:|---:|\n");
        for (Estimate e : r.estimates()) {
            String stat = e.statistic() == null ? "—" : e.statistic().name() + " = " + Format.num(e.statistic().value())
                    + (e.statistic().df() == null ? "" : " (df " + Format.num(e.statistic().df()) + ")");
            sb.append("| ").append(esc(e.label())).append(" | ").append(e.method()).append(" | ").append(Format.num(e.estimate()))
                    .append(" | ").append(Format.num(e.standardError())).append(" | ").append(Format.interval(e.interval()))
                    .append(" | ").append(stat).append(" | ").append(Format.p(e.pValue())).append(" | ")
                    .append(Format.p(e.adjustedPValue())).append(" | ")
                    .append(e.posteriorProbability() == null ? "—" : Format.pct(e.posteriorProbability())).append(" |\n");
        }
        sb.append('\n');
        TextReport.estimandNotes(r).forEach(n -> sb.append("- ").append(esc(n)).append('\n'));
        for (Estimate e : r.estimates()) {
            if (!e.extra().isEmpty()) {
                sb.append("- ").append(esc(e.label())).append(" · ").append(e.method()).append(": ");
                List<String> parts = new java.util.ArrayList<>();
                e.extra().forEach((k, v) -> parts.add(Format.extra(k, v)));
                sb.append(String.join(", ", parts)).append('\n');
            }
        }
        if (r.insights() != null && !r.insights().isEmpty()) {
            sb.append("\n## Insights\n\n");
            for (io.cerebro.core.result.Insight i : r.insights()) {
                sb.append("- **").append(i.strength().json()).append("** ").append(esc(i.statement()))
                        .append(" _Assumes: ").append(esc(i.assumption())).append("._\n");
            }
        }
        List<String> details = DetailLines.of(r);
        if (!details.isEmpty()) {
            sb.append("\n## Details\n\n");
            details.forEach(l -> sb.append("- ").append(l).append('\n'));
        }
        if (!r.diagnostics().isEmpty()) {
            sb.append("\n## Checks\n\n");
            for (Diagnostic d : r.diagnostics()) {
                sb.append("- **").append(d.status()).append("** ").append(d.name()).append(": ").append(esc(d.message())).append('\n');
            }
        }
        if (!r.warnings().isEmpty()) {
            sb.append("\n## Warnings\n\n");
            r.warnings().forEach(w -> sb.append("- ").append(esc(w)).append('\n'));
        }
        if (r.provenance() != null) {
            var p = r.provenance();
            sb.append("\n## Provenance\n\n- Cerebro ").append(p.cerebroVersion()).append(", engine `").append(p.engine())
                    .append("`\n- ").append(p.dataSource() == null ? "no data (a design calculation)" : "data `" + p.dataSource()
                            + "`, " + p.dataRows() + " rows, sha256 `" + p.dataSha256() + "`")
                    .append("\n- seed ").append(p.seed()).append(", Java ").append(p.javaVersion())
                    .append(", ").append(p.createdAt()).append("\n- spec: `").append(p.spec()).append("`\n");
        }
        return sb.toString();
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("|", "\\|");
    }
}
