package io.cerebro.core.geo;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.report.HtmlReport;
import io.cerebro.core.report.MarkdownReport;
import io.cerebro.core.report.TextReport;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.ResultJson;
import io.cerebro.core.spec.GeoTestSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The result of a geo test carries GeoLift's published numbers and renders as text, Markdown, HTML and JSON. */
class GeoEngineTest {
    @Test
    void resultCarriesThePublishedNumbersAndRenders() {
        try (Dataset d = Dataset.read(GeoFixtures.csv("GeoLift_Test.csv"))) {
            GeoTestSpec spec = GeoTestSpec.builder("location", "date", "Y").treated(List.of("chicago", "portland")).start("2021-04-01")
                    .end("2021-04-15").permutations(99).spend(50000.0).build();
            AnalysisResult r = GeoEngine.run(spec, d);
            assertEquals("geo.scm", r.method());
            assertEquals(155.556, r.estimate(), 1e-3 * 155.556, "GeoLift's ATT");
            assertEquals(4667, r.find("chicago+portland" + GeoEngine.INCREMENTAL, "geo.scm").estimate(), 1e-3 * 4667);
            assertEquals(0.054231873834566624, r.find("chicago+portland" + GeoEngine.LIFT, "geo.scm").estimate(), 1e-5);
            assertEquals(50000 / 4666.670607060787, r.find("chicago+portland cost per incremental unit", "geo.scm").estimate(), 1e-3);
            assertEquals(909.489, r.estimates().get(0).extra("l2_imbalance"), 1e-3 * 909.489);
            String text = TextReport.render(r);
            assertTrue(text.contains("chicago+portland"), text);
            assertTrue(HtmlReport.render(r).contains("<svg"));
            assertTrue(MarkdownReport.render(r).contains("chicago+portland"));
            assertTrue(ResultJson.write(r).contains("\"cincinnati\""));
        }
    }
}
