package io.cerebro.core.tune;

import io.cerebro.core.tune.journal.Trial;
import io.cerebro.core.tune.study.StudyReport;
import io.cerebro.core.tune.study.StudyResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML report holds every chart the issue asks for (optimisation history, parameter importance,
 * a slice plot per parameter, parallel coordinates), is self-contained (no script, link or external
 * reference), and the parallel-coordinates lines pass each axis where the trial's value, rescaled
 * between the axis's smallest and largest value, puts it.
 */
class StudyReportHtmlTest {
    @Test
    void reportHoldsEveryChartAndParallelCoordinatesAreWhereTheValuesAre() {
        StudySpec spec = StudySpecReader.parse("""
                name: report
                objective: {command: "true"}
                parameter_space:
                  x: {type: float, range: [0, 10]}
                  lr: {type: float, range: [0.001, 1], log: true}
                  opt: {type: categorical, choices: [sgd, adam, rmsprop]}
                sampler: random
                trials: 12
                """, "r", Path.of("."), Path.of("r.jsonl"));
        SplittableRandom rng = new SplittableRandom(1);
        List<Trial> trials = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            Map<String, Object> p = spec.space().configuration(new double[]{rng.nextDouble(), rng.nextDouble(), rng.nextDouble()});
            double v = Math.pow(((Number) p.get("x")).doubleValue() - 3, 2) + ("adam".equals(p.get("opt")) ? 0 : 1);
            trials.add(new Trial(n, p, Trial.State.COMPLETE, List.of(v), 0, List.of(v), null, 0.1, "t"));
        }
        trials.add(new Trial(12, Map.of("x", 1.0, "lr", 0.1, "opt", "sgd"), Trial.State.FAILED, List.of(), Double.NaN, List.of(), "exit 1", 0.1, "t"));
        String html = StudyReport.html(StudyResult.of(spec, trials));
        for (String section : List.of("<h2>Optimisation history</h2>", "<h2>Parameter importance</h2>", "<h2>Slice plots</h2>",
                "Objective against x", "Objective against lr", "Objective against opt", "<h2>Parallel coordinates</h2>")) {
            assertTrue(html.contains(section), section);
        }
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains("src=") || html.contains("href="), "self-contained");
        assertEquals(12, count(html, "class='pc-trial'"), "one line per complete trial, none for the failed one");

        // axis values: x as is, lr in log10, opt by choice index (axis 0..2), objective
        double[][] v = new double[12][4];
        for (int i = 0; i < 12; i++) {
            Map<String, Object> p = trials.get(i).params();
            v[i][0] = ((Number) p.get("x")).doubleValue();
            v[i][1] = Math.log10(((Number) p.get("lr")).doubleValue());
            v[i][2] = List.of("sgd", "adam", "rmsprop").indexOf(p.get("opt"));
            v[i][3] = trials.get(i).value();
        }
        for (int i = 0; i < 12; i++) {
            Matcher m = Pattern.compile("data-trial='" + i + "'[^>]*><polyline points='([^']*)'").matcher(html);
            assertTrue(m.find(), "trial " + i);
            String[] pts = m.group(1).split(" ");
            assertEquals(4, pts.length);
            for (int j = 0; j < 4; j++) {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (double[] row : v) {
                    lo = Math.min(lo, row[j]);
                    hi = Math.max(hi, row[j]);
                }
                if (j == 2) {
                    lo = 0;
                    hi = 2;
                }
                double expectedY = 30 + 300 * (1 - (v[i][j] - lo) / (hi - lo));
                String[] xy = pts[j].split(",");
                assertEquals(60 + 120 * j, Double.parseDouble(xy[0]), 0.006);
                assertEquals(expectedY, Double.parseDouble(xy[1]), 0.006, "trial " + i + " axis " + j);
            }
        }
    }

    /** A parameter inactive in a trial (conditional) breaks that trial's line into two pieces. */
    @Test
    void inactiveParameterLeavesAGap() {
        StudySpec spec = StudySpecReader.parse("""
                name: cond
                objective: {command: "true"}
                parameter_space:
                  kind: {type: categorical, choices: [a, b]}
                  depth: {type: int, range: [1, 5], when: {kind: b}}
                  y: {type: float, range: [0, 1]}
                """, "c", Path.of("."), Path.of("c.jsonl"));
        List<Trial> trials = new ArrayList<>();
        Map<String, Object> a = new LinkedHashMap<>(Map.of("kind", "a", "y", 0.2));
        Map<String, Object> b = new LinkedHashMap<>(Map.of("kind", "b", "depth", 3, "y", 0.7));
        trials.add(new Trial(0, a, Trial.State.COMPLETE, List.of(1.0), 0, List.of(1.0), null, 0, "t"));
        trials.add(new Trial(1, b, Trial.State.COMPLETE, List.of(2.0), 0, List.of(2.0), null, 0, "t"));
        String svg = StudyReport.parallelCoordinates(spec, trials);
        Matcher m = Pattern.compile("data-trial='0'[^>]*>(.*?)</g>").matcher(svg);
        assertTrue(m.find());
        assertEquals(2, count(m.group(1), "<polyline"), m.group(1));
        Matcher m1 = Pattern.compile("data-trial='1'[^>]*>(.*?)</g>").matcher(svg);
        assertTrue(m1.find());
        assertEquals(1, count(m1.group(1), "<polyline"), m1.group(1));
    }

    static int count(String s, String what) {
        int c = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            c++;
        }
        return c;
    }
}
