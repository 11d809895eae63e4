package io.cerebro.core.report;

import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.ArmSummary;
import io.cerebro.core.result.Chart;
import io.cerebro.core.result.Diagnostic;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.ResultJson;

/**
 * A self-contained HTML report: tables, inline SVG charts and the result JSON, with no scripts and
 * no external resources, so it opens offline and can be attached to a ticket as one file.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /** @return the report as one HTML document. */
    public static String render(AnalysisResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Cerebro · ")
                .append(e(r.method())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border-bottom:1px solid #ddd;padding:4px 10px;text-align:left}")
                .append("td.n{text-align:right;font-variant-numeric:tabular-nums}.fail{background:#fde2e2;border:2px solid #c00;padding:.8em;margin:1em 0}")
                .append(".warn{background:#fff4d6;padding:.5em .8em}.headline{font-size:1.2em;background:#f3f6fa;padding:.8em}")
                .append("details pre{background:#f7f7f7;padding:1em;overflow:auto;font-size:12px}")
                .append("</style></head><body>");
        sb.append("<h1>").append(e(r.method())).append("</h1>");
        for (Diagnostic d : r.diagnostics()) {
            if (d.failed()) {
                sb.append("<div class='fail'><strong>").append(e(d.name().toUpperCase())).append(" check failed:</strong> ")
                        .append(e(d.message())).append("</div>");
            }
        }
        sb.append("<p class='headline'><strong>").append(e(r.estimand() == null ? "estimate" : r.estimand())).append(":</strong> ")
                .append(e(Format.num(r.estimate()))).append(" ").append(e(Format.interval(r.interval())));
        if (r.pValue() != null) {
            sb.append(", p = ").append(e(Format.p(r.pValue())));
        }
        if (r.posteriorProbability() != null) {
            sb.append(", P(better) = ").append(e(Format.pct(r.posteriorProbability())));
        }
        sb.append("</p>");
        if (!r.arms().isEmpty()) {
            sb.append("<h2>Arms</h2><table><tr><th>arm</th><th>n</th><th>mean</th><th>sd</th><th>interval</th></tr>");
            for (ArmSummary a : r.arms()) {
                sb.append("<tr><td>").append(e(a.arm())).append("</td><td class='n'>").append(a.n()).append("</td><td class='n'>")
                        .append(e(Format.num(a.mean()))).append("</td><td class='n'>").append(e(Format.num(a.sd())))
                        .append("</td><td>").append(e(Format.interval(a.interval()))).append("</td></tr>");
            }
            sb.append("</table>");
        }
        sb.append("<h2>Estimates</h2><table><tr><th>comparison</th><th>method</th><th>estimate</th><th>std err</th><th>interval</th>")
                .append("<th>statistic</th><th>p-value</th><th>adj. p</th><th>P(better)</th></tr>");
        for (Estimate x : r.estimates()) {
            String stat = x.statistic() == null ? "—" : x.statistic().name() + " = " + Format.num(x.statistic().value())
                    + (x.statistic().df() == null ? "" : " (df " + Format.num(x.statistic().df()) + ")");
            sb.append("<tr><td>").append(e(x.label())).append("</td><td>").append(e(x.method())).append("</td><td class='n'>")
                    .append(e(Format.num(x.estimate()))).append("</td><td class='n'>").append(e(Format.num(x.standardError())))
                    .append("</td><td>").append(e(Format.interval(x.interval()))).append("</td><td>").append(e(stat))
                    .append("</td><td class='n'>").append(e(Format.p(x.pValue()))).append("</td><td class='n'>")
                    .append(e(Format.p(x.adjustedPValue()))).append("</td><td class='n'>")
                    .append(x.posteriorProbability() == null ? "—" : e(Format.pct(x.posteriorProbability()))).append("</td></tr>");
        }
        sb.append("</table>");
        for (String n : TextReport.estimandNotes(r)) {
            sb.append("<p><em>").append(e(n)).append("</em></p>");
        }
        for (Estimate x : r.estimates()) {
            if (!x.extra().isEmpty()) {
                sb.append("<p><em>").append(e(x.label())).append(" · ").append(e(x.method())).append(":</em> ");
                StringBuilder parts = new StringBuilder();
                x.extra().forEach((k, v) -> parts.append(parts.isEmpty() ? "" : ", ").append(Format.extra(k, v)));
                sb.append(e(parts.toString())).append("</p>");
            }
        }
        if (!r.charts().isEmpty()) {
            sb.append("<h2>Charts</h2>");
            for (Chart c : r.charts()) {
                sb.append("<figure>").append(SvgChart.render(c)).append("</figure>");
            }
        }
        if (r.insights() != null && !r.insights().isEmpty()) {
            sb.append("<h2>Insights</h2><ul class='insights'>");
            for (io.cerebro.core.result.Insight i : r.insights()) {
                sb.append("<li><strong>").append(e(i.strength().json())).append("</strong> ").append(e(i.statement()))
                        .append(" <em>Assumes: ").append(e(i.assumption())).append(".</em></li>");
            }
            sb.append("</ul>");
        }
        java.util.List<String> details = DetailLines.of(r);
        if (!details.isEmpty()) {
            sb.append("<h2>Details</h2><ul>");
            details.forEach(l -> sb.append("<li>").append(e(l)).append("</li>"));
            sb.append("</ul>");
        }
        if (!r.diagnostics().isEmpty()) {
            sb.append("<h2>Checks</h2><ul>");
            for (Diagnostic d : r.diagnostics()) {
                sb.append("<li><strong>").append(e(d.status().toString())).append("</strong> ").append(e(d.name())).append(": ")
                        .append(e(d.message())).append("</li>");
            }
            sb.append("</ul>");
        }
        if (!r.warnings().isEmpty()) {
            sb.append("<h2>Warnings</h2><ul class='warn'>");
            r.warnings().forEach(w -> sb.append("<li>").append(e(w)).append("</li>"));
            sb.append("</ul>");
        }
        if (r.provenance() != null) {
            var p = r.provenance();
            sb.append("<h2>Provenance</h2><p>Cerebro ").append(e(p.cerebroVersion())).append(" · engine <code>")
                    .append(e(p.engine())).append("</code> · ").append(p.dataSource() == null ? "no data (a design calculation)"
                            : "data <code>" + e(p.dataSource()) + "</code> (" + p.dataRows() + " rows, sha256 <code>"
                            + e(p.dataSha256()) + "</code>)").append(" · seed ")
                    .append(p.seed()).append(" · ").append(e(p.createdAt())).append("</p>");
        }
        sb.append("<details><summary>Result JSON</summary><pre>").append(e(ResultJson.write(r))).append("</pre></details>");
        sb.append("</body></html>\n");
        return sb.toString();
    }

    private static String e(String s) {
        return SvgChart.esc(s);
    }
}
