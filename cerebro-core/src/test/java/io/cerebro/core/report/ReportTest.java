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
        Path csv = Path.of(getClass().getResource("/data/checkout_ab.csv").toURI());
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
    void numbersAreFormattedForPeople() {
        assertTrue(Format.p(1e-20).equals("< 1e-16"));
        assertTrue(Format.p(0.5166).equals("0.5166"));
        assertTrue(Format.num(Double.POSITIVE_INFINITY).equals("∞"));
        assertTrue(Format.num(0.11957).equals("0.1196"));
    }
}
