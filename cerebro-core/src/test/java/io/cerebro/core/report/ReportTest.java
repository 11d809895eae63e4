package io.cerebro.core.report;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.ABTestSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {
    private AnalysisResult result() throws Exception {
        Path csv = Path.of(getClass().getResource("/oracles/ab/checkout_ab.csv").toURI());
        try (Dataset d = Dataset.read(csv)) {
            return Engines.run(ABTestSpec.of("variant", "revenue"), d);
        }
    }

    @Test
    void htmlIsSelfContainedWithAnArmChart() throws Exception {
        String html = HtmlReport.render(result());
        assertTrue(html.contains("<svg"), "has an inline chart");
        assertFalse(html.contains("<script"), "no scripts");
        Matcher m = Pattern.compile("(src|href)\\s*=").matcher(html);
        assertFalse(m.find(), "no external resources");
        assertTrue(html.contains("treatment vs control"));
        assertTrue(html.contains("sha256"));
    }

    @Test
    void textAndMarkdownShowTheComparison() throws Exception {
        AnalysisResult r = result();
        String text = TextReport.render(r);
        assertTrue(text.contains("treatment vs control") && text.contains("ab.welch"), text);
        String md = MarkdownReport.render(r);
        assertTrue(md.contains("| treatment vs control | ab.welch |"), md);
    }

    @Test
    void aDotChartJoinsEachRowsPointsAndDrawsItsGuides() {
        io.cerebro.core.result.Chart love = new io.cerebro.core.result.Chart("love_plot", "dot", "balance", "covariate", "SMD",
                java.util.List.of("age", "income"), java.util.List.of(
                new io.cerebro.core.result.Series("before", new double[]{0, 1}, new double[]{0.8, -0.3}, null, null),
                new io.cerebro.core.result.Series("after", new double[]{0, 1}, new double[]{0.05, 0.02}, null, null)),
                0.0, java.util.List.of(-0.1, 0.1));
        String svg = SvgChart.render(love);
        assertTrue(svg.contains("<title>guide -0.1</title>") && svg.contains("<title>guide 0.1</title>"), svg);
        assertTrue(svg.contains("age · before: 0.8000") && svg.contains("income · after: 0.02000"), svg);
        // one grey connector per row, from before to after
        assertTrue(Pattern.compile("stroke='#bbb'").matcher(svg).results().count() == 2, svg);
    }

    @Test
    void detailsAreShortLinesWithWeightsLargestFirst() {
        java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("bandwidth", java.util.Map.of("h", 17.754397));
        java.util.Map<String, Double> w = new java.util.LinkedHashMap<>();
        w.put("Nevada", 0.205);
        w.put("Utah", 0.394);
        w.put("Ohio", 0.0);
        d.put("weights", w);
        d.put("group_time_effects", java.util.List.of(1, 2, 3));
        d.put("kernel", "triangular");
        java.util.List<String> lines = DetailLines.of(d);
        assertTrue(lines.get(0).equals("bandwidth: h 17.75"), lines.toString());
        assertTrue(lines.get(1).equals("weights: Utah 0.3940, Nevada 0.2050 (1 below 0.0005)"), lines.toString());
        assertTrue(lines.get(2).equals("group_time_effects: 3 rows (--format json lists them)"), lines.toString());
        assertTrue(lines.get(3).equals("kernel: triangular"), lines.toString());
    }

    @Test
    void numbersAreFormattedForPeople() {
        assertTrue(Format.p(1e-20).equals("< 1e-16"));
        assertTrue(Format.p(0.5166).equals("0.5166"));
        assertTrue(Format.num(Double.POSITIVE_INFINITY).equals("∞"));
        assertTrue(Format.num(0.11957).equals("0.1196"));
        assertTrue(Format.extra("exact", 0).equals("exact no") && Format.extra("exact", 1).equals("exact yes"));
        assertTrue(Format.extra("theta", 0.5).equals("theta 0.5000"));
    }
}
