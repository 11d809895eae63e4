package io.cerebro.core.tune.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cerebro.core.report.SvgChart;
import io.cerebro.core.result.Chart;
import io.cerebro.core.result.Series;
import io.cerebro.core.tune.StudySpec;
import io.cerebro.core.tune.journal.Trial;
import io.cerebro.core.tune.objective.CommandObjective;
import io.cerebro.core.tune.space.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A study's result as text, JSON and a self-contained HTML page (inline SVG, no scripts, no network). */
public final class StudyReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StudyReport() {
    }

    /** @return the roadmap's summary line. */
    public static String summary(StudyResult r) {
        Trial b = r.best();
        long finished = r.trials().stream().filter(t -> t.state() != Trial.State.RUNNING).count();
        if (b == null) {
            return "No trial of " + r.spec().name() + " completed in " + finished + " trials; see the errors below.";
        }
        String score = r.spec().repeats() > 1
                ? String.format(Locale.ROOT, "a mean score of %s (sd %s over %d repeats)", num(b.value()), num(b.spread()), b.runs().size())
                : "a score of " + num(b.value());
        return "Optimal parameters for " + r.spec().name() + " found after " + finished + " trials: " + params(b.params()) + " with " + score
                + " (trial " + b.number() + ", " + r.spec().directions().get(0).name().toLowerCase(Locale.ROOT) + ").";
    }

    /** Parameters for reading: floats to six significant digits (the journal and JSON keep every digit). */
    static String params(Map<String, Object> p) {
        return p.entrySet().stream().map(e -> e.getKey() + "=" + shown(e.getValue())).collect(Collectors.joining(", ", "{", "}"));
    }

    private static String shown(Object v) {
        return v instanceof Double d ? num(d) : CommandObjective.format(v);
    }

    static String num(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceFirst("(\\.\\d*?)0+($|e)", "$1$2").replaceFirst("\\.($|e)", "$1");
    }

    /** @return the text report: summary, top trials, states, importance, Pareto front. */
    public static String text(StudyResult r, int top) {
        StringBuilder sb = new StringBuilder();
        sb.append(summary(r)).append('\n');
        Map<Trial.State, Long> c = r.counts();
        sb.append("\nTrials: ").append(c.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "))).append("; sampler ").append(r.spec().sampler())
                .append(r.spec().pruner().type().equals("none") ? "" : ", pruner " + r.spec().pruner().type()).append(", seed ").append(r.spec().seed())
                .append(", journal ").append(r.spec().journal()).append('\n');
        List<String> names = r.spec().space().names();
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("trial"));
        head.addAll(names);
        for (int k = 0; k < r.spec().directions().size(); k++) {
            head.add(r.spec().directions().size() == 1 ? "value" : "value" + (k + 1));
        }
        head.add("sd");
        rows.add(head.toArray(String[]::new));
        List<Trial> ranked = r.ranked();
        for (Trial t : ranked.subList(0, Math.min(top, ranked.size()))) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(t.number())));
            for (String n : names) {
                row.add(t.params().containsKey(n) ? shown(t.params().get(n)) : "-");
            }
            t.values().forEach(v -> row.add(num(v)));
            row.add(num(t.spread()));
            rows.add(row.toArray(String[]::new));
        }
        sb.append("\nTop trials:\n").append(table(rows));
        if (!r.importance().isEmpty()) {
            sb.append("\nParameter importance (share of the loss variance explained by each parameter's bins; first-order, no model):\n");
            r.importance().entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> sb.append(String.format(Locale.ROOT, "  %-20s %5.1f%%%n", e.getKey(), 100 * e.getValue())));
        }
        if (r.spec().directions().size() > 1) {
            sb.append("\nPareto front (").append(r.front().size()).append(" trials):\n");
            for (Trial t : r.front()) {
                sb.append("  trial ").append(t.number()).append(' ').append(params(t.params())).append(" -> ")
                        .append(t.values().stream().map(StudyReport::num).collect(Collectors.joining(", "))).append('\n');
            }
        }
        List<Trial> failed = r.trials().stream().filter(t -> t.state() == Trial.State.FAILED || t.state() == Trial.State.TIMEOUT).toList();
        if (!failed.isEmpty()) {
            sb.append("\nFailed trials (first 5 of ").append(failed.size()).append("):\n");
            failed.stream().limit(5).forEach(t -> sb.append("  trial ").append(t.number()).append(' ')
                    .append(t.state().name().toLowerCase(Locale.ROOT)).append(": ").append(t.error()).append('\n'));
        }
        return sb.toString();
    }

    private static String table(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int j = 0; j < r.length && j < cols; j++) {
                w[j] = Math.max(w[j], r[j].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            sb.append(' ');
            for (int j = 0; j < r.length && j < cols; j++) {
                sb.append(' ').append(String.format("%" + w[j] + "s", r[j]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** @return the study as JSON: spec summary, best, every trial, importance, Pareto front. */
    public static String json(StudyResult r) {
        ObjectNode root = JSON.createObjectNode();
        StudySpec s = r.spec();
        root.put("study", s.name());
        root.put("sampler", s.sampler());
        root.put("pruner", s.pruner().type());
        root.put("seed", s.seed());
        ArrayNode dirs = root.putArray("directions");
        s.directions().forEach(d -> dirs.add(d.name().toLowerCase(Locale.ROOT)));
        root.put("journal", s.journal().toString());
        root.put("summary", summary(r));
        if (r.best() != null) {
            root.set("best", trial(r.best()));
        }
        ArrayNode ts = root.putArray("trials");
        r.trials().forEach(t -> ts.add(trial(t)));
        root.set("importance", JSON.valueToTree(r.importance()));
        root.put("importance_method", "first-order variance share of binned parameters (fANOVA-lite, no surrogate)");
        ArrayNode front = root.putArray("pareto_front");
        r.front().forEach(t -> front.add(t.number()));
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode trial(Trial t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("trial", t.number());
        n.set("params", JSON.valueToTree(t.params()));
        n.put("state", t.state().name().toLowerCase(Locale.ROOT));
        ArrayNode vs = n.putArray("values");
        t.values().forEach(vs::add);
        if (Double.isFinite(t.spread())) {
            n.put("spread", t.spread());
        }
        ArrayNode runs = n.putArray("runs");
        t.runs().forEach(runs::add);
        if (t.error() != null) {
            n.put("error", t.error());
        }
        n.put("seconds", t.seconds());
        if (!t.steps().isEmpty()) {
            ArrayNode st = n.putArray("steps");
            t.steps().forEach(x -> st.addArray().add(x.step()).add(x.value()));
            n.put("last_step", t.lastStep());
        }
        return n;
    }

    /** @return the HTML report: optimisation history, importance, one slice plot per parameter, parallel coordinates, top trials; self-contained (inline SVG, no scripts or links). */
    public static String html(StudyResult r) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html><html><head><meta charset='utf-8'><title>")
                .append(esc(r.spec().name())).append(" · cerebro tune</title><style>body{font-family:sans-serif;max-width:900px;margin:2em auto}"
                        + "table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:right}</style></head><body>");
        sb.append("<h1>").append(esc(r.spec().name())).append("</h1><p>").append(esc(summary(r))).append("</p>");
        List<Trial> complete = r.trials().stream().filter(Trial::complete).toList();
        if (!complete.isEmpty()) {
            boolean max = r.spec().directions().get(0) == StudySpec.Direction.MAXIMIZE;
            double[] x = complete.stream().mapToDouble(Trial::number).toArray();
            double[] y = complete.stream().mapToDouble(Trial::value).toArray();
            double[] run = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                run[i] = i == 0 ? y[0] : max ? Math.max(run[i - 1], y[i]) : Math.min(run[i - 1], y[i]);
            }
            sb.append("<h2>Optimisation history</h2>").append(SvgChart.render(new Chart("history", "scatter", "Objective by trial",
                    "trial", "value", List.of(), List.of(new Series("trials", x, y, null, null), new Series("best so far", x, run, null, null)), null)));
            if (!r.importance().isEmpty()) {
                List<String> names = new ArrayList<>(r.importance().keySet());
                double[] imp = names.stream().mapToDouble(n -> r.importance().get(n)).toArray();
                double[] pos = new double[imp.length];
                for (int i = 0; i < pos.length; i++) {
                    pos[i] = i;
                }
                sb.append("<h2>Parameter importance</h2><p>First-order share of the loss variance explained by each parameter's bins "
                        + "(choices, or quintiles on the searched scale); no surrogate model, no interactions.</p>")
                        .append(SvgChart.render(new Chart("importance", "bar", "Importance", "parameter", "share", names,
                                List.of(new Series("importance", pos, imp, null, null)), null)));
            }
            sb.append("<h2>Slice plots</h2>");
            for (Parameter p : r.spec().space().parameters()) {
                List<Trial> having = complete.stream().filter(t -> t.params().containsKey(p.name())).toList();
                if (having.isEmpty()) {
                    continue;
                }
                double[] px = having.stream().mapToDouble(t -> p.discreteChoices() ? Math.max(0, p.indexOf(t.params().get(p.name())))
                        : p.log() ? Math.log10(((Number) t.params().get(p.name())).doubleValue()) : ((Number) t.params().get(p.name())).doubleValue()).toArray();
                double[] py = having.stream().mapToDouble(Trial::value).toArray();
                String label = p.discreteChoices() ? p.name() + " (" + p.choices().stream().map(String::valueOf).collect(Collectors.joining(" / ")) + ")"
                        : p.log() ? "log10 " + p.name() : p.name();
                sb.append(SvgChart.render(new Chart("slice-" + p.name(), "scatter", "Objective against " + p.name(), label, "value", List.of(),
                        List.of(new Series(p.name(), px, py, null, null)), null)));
            }
        }
        if (!complete.isEmpty()) {
            sb.append("<h2>Parallel coordinates</h2><p>One line per complete trial across every parameter (numeric axes on the searched "
                    + "scale, log10 for log parameters; categorical axes by choice) and the objective; darker lines are better trials. A "
                    + "parameter inactive in a trial leaves a gap.</p>").append(parallelCoordinates(r.spec(), complete));
        }
        sb.append("<h2>Top trials</h2><pre>").append(esc(text(r, 15))).append("</pre></body></html>\n");
        return sb.toString();
    }

    /** Plot geometry of {@link #parallelCoordinates}: left margin, axis spacing, top, height. */
    static final int PC_LEFT = 60;
    static final int PC_GAP = 120;
    static final int PC_TOP = 30;
    static final int PC_HEIGHT = 300;

    /**
     * @return an inline SVG parallel-coordinates plot: one axis per parameter and a last one for the
     * first objective, each scaled from its smallest to its largest value among the trials (bottom to
     * top); trial t's polyline (class {@code pc-trial}, {@code data-trial} its number) passes axis j at
     * {@code y = PC_TOP + PC_HEIGHT · (1 − (v − min) / (max − min))} (the middle when all are equal)
     */
    public static String parallelCoordinates(StudySpec spec, List<Trial> complete) {
        List<Parameter> ps = spec.space().parameters();
        int axes = ps.size() + 1;
        double[][] v = new double[complete.size()][axes];
        for (int i = 0; i < complete.size(); i++) {
            Trial t = complete.get(i);
            for (int j = 0; j < ps.size(); j++) {
                v[i][j] = axisValue(ps.get(j), t.params().get(ps.get(j).name()));
            }
            v[i][axes - 1] = t.value();
        }
        double[] lo = new double[axes];
        double[] hi = new double[axes];
        for (int j = 0; j < axes; j++) {
            lo[j] = Double.POSITIVE_INFINITY;
            hi[j] = Double.NEGATIVE_INFINITY;
            for (double[] row : v) {
                if (Double.isFinite(row[j])) {
                    lo[j] = Math.min(lo[j], row[j]);
                    hi[j] = Math.max(hi[j], row[j]);
                }
            }
            if (ps.size() > j && ps.get(j).discreteChoices()) {
                lo[j] = 0;
                hi[j] = Math.max(1, ps.get(j).size() - 1);
            }
        }
        int width = PC_LEFT * 2 + PC_GAP * (axes - 1);
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns='http://www.w3.org/2000/svg' class='parallel-coordinates' width='").append(width).append("' height='")
                .append(PC_TOP + PC_HEIGHT + 50).append("' font-size='11'>");
        boolean max = spec.directions().get(0) == StudySpec.Direction.MAXIMIZE;
        // worst trials first, so the best are drawn on top
        Integer[] order = new Integer[complete.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> max ? Double.compare(v[a][axes - 1], v[b][axes - 1]) : Double.compare(v[b][axes - 1], v[a][axes - 1]));
        double oLo = lo[axes - 1];
        double oHi = hi[axes - 1];
        for (int i : order) {
            double quality = oHi > oLo ? (v[i][axes - 1] - oLo) / (oHi - oLo) : 1;
            if (!max) {
                quality = 1 - quality;
            }
            int shade = (int) Math.round(220 - 190 * quality);
            sb.append("<g class='pc-trial' data-trial='").append(complete.get(i).number()).append("' stroke='rgb(").append(shade).append(',')
                    .append(shade).append(",255)' fill='none' stroke-opacity='0.7'>");
            StringBuilder pts = new StringBuilder();
            for (int j = 0; j < axes; j++) {
                if (!Double.isFinite(v[i][j])) {
                    flush(sb, pts);
                    continue;
                }
                pts.append(pts.isEmpty() ? "" : " ").append(fmt(PC_LEFT + PC_GAP * j)).append(',').append(fmt(axisY(v[i][j], lo[j], hi[j])));
            }
            flush(sb, pts);
            sb.append("</g>");
        }
        for (int j = 0; j < axes; j++) {
            int x = PC_LEFT + PC_GAP * j;
            sb.append("<line x1='").append(x).append("' y1='").append(PC_TOP).append("' x2='").append(x).append("' y2='").append(PC_TOP + PC_HEIGHT)
                    .append("' stroke='#333'/>");
            String name = j < ps.size() ? (ps.get(j).log() && !ps.get(j).discreteChoices() ? "log10 " : "") + ps.get(j).name() : "objective";
            sb.append("<text x='").append(x).append("' y='").append(PC_TOP + PC_HEIGHT + 20).append("' text-anchor='middle'>").append(esc(name)).append("</text>");
            if (j < ps.size() && ps.get(j).discreteChoices()) {
                for (int c = 0; c < ps.get(j).size(); c++) {
                    sb.append("<text x='").append(x + 4).append("' y='").append(fmt(axisY(c, lo[j], hi[j]))).append("'>")
                            .append(esc(String.valueOf(ps.get(j).choices().get(c)))).append("</text>");
                }
            } else if (Double.isFinite(lo[j])) {
                sb.append("<text x='").append(x + 4).append("' y='").append(PC_TOP + PC_HEIGHT).append("'>").append(esc(label(lo[j]))).append("</text>");
                sb.append("<text x='").append(x + 4).append("' y='").append(PC_TOP + 4).append("'>").append(esc(label(hi[j]))).append("</text>");
            }
        }
        return sb.append("</svg>").toString();
    }

    /** @return a parameter's value on its axis: the choice's index, log10 for a log parameter, else the value; NaN when inactive. */
    static double axisValue(Parameter p, Object value) {
        if (value == null) {
            return Double.NaN;
        }
        if (p.discreteChoices()) {
            return Math.max(0, p.indexOf(value));
        }
        double d = ((Number) value).doubleValue();
        return p.log() ? Math.log10(d) : d;
    }

    /** @return the y coordinate of {@code v} on an axis from {@code lo} (bottom) to {@code hi} (top). */
    public static double axisY(double v, double lo, double hi) {
        double u = hi > lo ? (v - lo) / (hi - lo) : 0.5;
        return PC_TOP + PC_HEIGHT * (1 - u);
    }

    private static void flush(StringBuilder sb, StringBuilder pts) {
        if (!pts.isEmpty()) {
            sb.append("<polyline points='").append(pts).append("'/>");
            pts.setLength(0);
        }
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    private static String label(double d) {
        return String.format(Locale.ROOT, "%.4g", d);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
