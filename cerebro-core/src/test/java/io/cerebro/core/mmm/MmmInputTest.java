package io.cerebro.core.mmm;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.MMMSpec;
import io.cerebro.core.spec.SpecReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input is refused with one line naming the fix; Robyn's demo data runs end to end. */
class MmmInputTest {
    static String[] weeks(int n) {
        String[] d = new String[n];
        for (int i = 0; i < n; i++) {
            d[i] = LocalDate.of(2022, 1, 3).plusWeeks(i).toString();
        }
        return d;
    }

    static double[] ramp(int n, double a, double b) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = a + b * ((i * 7919) % 13);
        }
        return v;
    }

    static String refusal(String[] dates, double[] tv, double[] search) {
        int n = dates.length;
        MMMSpec s = MMMSpec.builder("week", "sales", List.of("tv", "search")).candidates(20).bootstrap(0).build();
        try (Dataset d = Dataset.builder().text("week", dates).numeric("sales", ramp(n, 100, 3)).numeric("tv", tv)
                .numeric("search", search).build()) {
            UserInputException e = assertThrows(UserInputException.class, () -> Engines.run(s, d));
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            return e.getMessage();
        }
    }

    @Test
    void negativeSpendAllZeroCollinearGapsDuplicatesAndTooFewWeeks() {
        int n = 40;
        double[] tv = ramp(n, 5, 1);
        double[] neg = tv.clone();
        neg[3] = -2;
        assertTrue(refusal(weeks(n), neg, ramp(n, 1, 2)).contains("negative value -2.0"));
        assertTrue(refusal(weeks(n), tv, new double[n]).contains("zero in every week"));
        double[] twice = tv.clone();
        for (int i = 0; i < n; i++) {
            twice[i] = 2 * tv[i] + 1;
        }
        assertTrue(refusal(weeks(n), tv, twice).contains("perfectly collinear with tv"));
        String[] gap = weeks(n + 1);
        String[] gapped = new String[n];
        for (int i = 0; i < n; i++) {
            gapped[i] = gap[i < 10 ? i : i + 1];
        }
        assertTrue(refusal(gapped, tv, ramp(n, 1, 2)).contains("the dates jump from 2022-03-07 to 2022-03-21"));
        String[] dup = weeks(n);
        dup[5] = dup[4];
        assertTrue(refusal(dup, tv, ramp(n, 1, 2)).contains("appears more than once"));
        String few = refusal(weeks(8), ramp(8, 5, 1), ramp(8, 1, 2));
        assertTrue(few.contains("needs at least 9 weeks"), few);
        assertTrue(few.contains("got 8"), few);
    }

    @Test
    void specChecksAreOneLine() {
        assertThrows(UserInputException.class, () -> MMMSpec.builder("w", "y", List.of()).build());
        UserInputException e = assertThrows(UserInputException.class,
                () -> MMMSpec.builder("w", "y", List.of("tv")).bounds(Map.of("radio", List.of(0.5, 2.0))).build());
        assertTrue(e.getMessage().contains("not a paid channel"));
        MMMSpec s = MMMSpec.builder("w", "y", List.of("tv")).adstock(MMMSpec.Adstock.parse("weibull")).build();
        assertEquals(s, SpecReader.parse(SpecReader.toYaml(s), false, "test"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void robynDemoRunsEndToEndWithPaidOrganicAndTextControls() throws Exception {
        Path csv = Path.of(MmmInputTest.class.getResource("/mmm/robyn_dt_simulated_weekly.csv").toURI());
        MMMSpec s = MMMSpec.builder("DATE", "revenue", List.of("tv_S", "ooh_S", "print_S", "facebook_S", "search_S"))
                .organic(List.of("newsletter")).controls(List.of("competitor_sales_B", "events"))
                .adstock(MMMSpec.Adstock.WEIBULL_PDF).saturation(MMMSpec.Saturation.HILL).trend(true)
                .seasonality(MMMSpec.Seasonality.YEARLY).candidates(300).bootstrap(20).allocate(true).build();
        try (Dataset d = Dataset.read(csv)) {
            AnalysisResult r = Engines.run(s, d);
            assertNotNull(r.find("newsletter", MmmMethod.CONTRIBUTION_SHARE.id()));
            assertEquals(null, r.find("newsletter", MmmMethod.ROAS.id()) == null ? null : "organic has a ROAS");
            assertNotNull(r.find("tv_S", MmmMethod.ROAS.id()).interval());
            Map<String, Object> model = (Map<String, Object>) r.details().get("model");
            assertTrue(((List<String>) model.get("controls")).stream().anyMatch(c -> c.startsWith("events=")));
            Map<String, Object> fit = (Map<String, Object>) r.details().get("fit");
            double r2 = (Double) ((Map<String, Object>) fit.get("in_sample")).get("r2");
            assertTrue(r2 > 0.8, "in-sample R2 " + r2);
            Map<String, Object> alloc = (Map<String, Object>) r.details().get("allocation");
            assertTrue((Double) alloc.get("gain") >= -1e-6);
        }
    }
}
