package io.cerebro.core.report;

import io.cerebro.core.result.Chart;
import io.cerebro.core.result.Series;

import java.util.List;
import java.util.Locale;

/** Renders {@link Chart} data as standalone inline SVG (no scripts, no network). */
public final class SvgChart {
    private static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
            "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    private static final int W = 720;
    private static final int H = 360;
    private static final int LEFT = 150;
    private static final int RIGHT = 30;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private SvgChart() {
    }

    /** @return the chart as an {@code <svg>} element. */
    public static String render(Chart c) {
        return switch (c.kind()) {
            case "interval" -> intervals(c);
            case "bar" -> bars(c);
            case "dot" -> dots(c);
            case "area" -> xy(stacked(c));
            default -> xy(c);
        };
    }

    /** A stacked area chart as bands: each series filled from the running total below it to the total with it. */
    private static Chart stacked(Chart c) {
        List<Series> bands = new java.util.ArrayList<>();
        double[] below = null;
        for (Series s : c.series()) {
            double[] top = s.y().clone();
            double[] low = below == null ? new double[top.length] : below;
            for (int i = 0; i < top.length; i++) {
                top[i] += low[i];
            }
            bands.add(new Series(s.name(), s.x(), top, low, top));
            below = top;
        }
        return new Chart(c.id(), "area", c.title(), c.xLabel(), c.yLabel(), c.categories(), bands, c.reference(), c.guides());
    }

    /** Horizontal forest plot: one row per category, a point and its interval. */
    private static String intervals(Chart c) {
        int rows = c.categories().size() * Math.max(1, c.series().size());
        int h = Math.max(140, TOP + BOTTOM + 28 * rows);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : c.series()) {
            for (int i = 0; i < s.y().length; i++) {
                lo = Math.min(lo, finite(s.lower() != null ? s.lower()[i] : s.y()[i], s.y()[i]));
                hi = Math.max(hi, finite(s.upper() != null ? s.upper()[i] : s.y()[i], s.y()[i]));
            }
        }
        if (c.reference() != null) {
            lo = Math.min(lo, c.reference());
            hi = Math.max(hi, c.reference());
        }
        double[] range = pad(lo, hi);
        StringBuilder sb = open(W, h, c.title());
        axisX(sb, range, h, c.yLabel());
        int row = 0;
        // an arms chart colours each arm as the posterior chart does, so the two read together
        boolean byCategory = "arms".equals(c.id()) && c.series().size() == 1;
        for (int si = 0; si < c.series().size(); si++) {
            Series s = c.series().get(si);
            for (int i = 0; i < s.y().length; i++) {
                String color = PALETTE[(byCategory ? i : si) % PALETTE.length];
                double y = TOP + 14 + 28 * row++;
                String label = i < c.categories().size() ? c.categories().get(i) : s.name();
                if (c.series().size() > 1) {
                    label = label + " · " + s.name();
                }
                sb.append(text(LEFT - 8, y + 4, label, "end", 12));
                if (s.lower() != null) {
                    double a = sx(clamp(s.lower()[i], range), range, W);
                    double b = sx(clamp(s.upper()[i], range), range, W);
                    sb.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='%s' stroke-width='2'/>",
                            a, y, b, y, color));
                }
                sb.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='4.5' fill='%s'><title>%s: %s</title></circle>",
                        sx(s.y()[i], range, W), y, color, esc(label), Format.num(s.y()[i])));
            }
        }
        reference(sb, c.reference(), range, h, true);
        return sb.append("</svg>").toString();
    }

    private static String bars(Chart c) {
        Series s = c.series().get(0);
        double lo = 0;
        double hi = 0;
        for (double v : s.y()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double[] range = pad(lo, hi);
        int h = Math.max(140, TOP + BOTTOM + 24 * s.y().length);
        StringBuilder sb = open(W, h, c.title());
        axisX(sb, range, h, c.yLabel());
        for (int i = 0; i < s.y().length; i++) {
            double y = TOP + 6 + 24 * i;
            double x0 = sx(0, range, W);
            double x1 = sx(s.y()[i], range, W);
            String label = i < c.categories().size() ? c.categories().get(i) : Integer.toString(i);
            sb.append(text(LEFT - 8, y + 12, label, "end", 12));
            sb.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='%.1f' height='16' fill='%s'><title>%s: %s</title></rect>",
                    Math.min(x0, x1), y, Math.abs(x1 - x0), PALETTE[0], esc(label), Format.num(s.y()[i])));
        }
        return sb.append("</svg>").toString();
    }

    /**
     * Paired dot plot: one row per category, one point per series (the first hollow, the rest filled),
     * the points of a row joined by a grey segment, dotted guides and the dashed reference.
     */
    private static String dots(Chart c) {
        int rows = c.categories().size();
        int h = Math.max(140, TOP + BOTTOM + 24 * rows + 20);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : c.series()) {
            for (double v : s.y()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        for (double g : c.guides()) {
            lo = Math.min(lo, g);
            hi = Math.max(hi, g);
        }
        if (c.reference() != null) {
            lo = Math.min(lo, c.reference());
            hi = Math.max(hi, c.reference());
        }
        double[] range = pad(lo, hi);
        StringBuilder sb = open(W, h, c.title());
        axisX(sb, range, h, c.yLabel());
        for (double g : c.guides()) {
            double x = sx(g, range, W);
            sb.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='#999' stroke-dasharray='1 3'>"
                    + "<title>guide %s</title></line>", x, TOP, x, h - BOTTOM, tick(g)));
        }
        reference(sb, c.reference(), range, h, true);
        for (int i = 0; i < rows; i++) {
            double y = TOP + 26 + 24 * i;
            sb.append(text(LEFT - 8, y + 4, c.categories().get(i), "end", 12));
            double first = Double.NaN;
            double last = Double.NaN;
            for (Series s : c.series()) {
                if (i < s.y().length && Double.isFinite(s.y()[i])) {
                    first = Double.isNaN(first) ? s.y()[i] : first;
                    last = s.y()[i];
                }
            }
            if (Double.isFinite(first) && Double.isFinite(last) && first != last) {
                sb.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#bbb' stroke-width='2'/>",
                        sx(first, range, W), y, sx(last, range, W), y));
            }
            for (int si = 0; si < c.series().size(); si++) {
                Series s = c.series().get(si);
                if (i >= s.y().length || !Double.isFinite(s.y()[i])) {
                    continue;
                }
                String color = PALETTE[si % PALETTE.length];
                sb.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='4.5' fill='%s' stroke='%s' stroke-width='1.5'>"
                                + "<title>%s · %s: %s</title></circle>", sx(s.y()[i], range, W), y, si == 0 ? "white" : color, color,
                        esc(c.categories().get(i)), esc(s.name()), Format.num(s.y()[i])));
            }
        }
        for (int si = 0; si < c.series().size(); si++) {
            String color = PALETTE[si % PALETTE.length];
            double lx = W - RIGHT - 150 + 75 * si;
            sb.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%d' r='4.5' fill='%s' stroke='%s' stroke-width='1.5'/>",
                    lx, TOP + 6, si == 0 ? "white" : color, color));
            sb.append(text(lx + 9, TOP + 10, c.series().get(si).name(), "start", 11));
        }
        return sb.append("</svg>").toString();
    }

    /** Line and scatter charts over numeric x, with optional bands. */
    private static String xy(Chart c) {
        double xlo = Double.POSITIVE_INFINITY, xhi = Double.NEGATIVE_INFINITY;
        double ylo = Double.POSITIVE_INFINITY, yhi = Double.NEGATIVE_INFINITY;
        for (Series s : c.series()) {
            for (int i = 0; i < s.x().length; i++) {
                xlo = Math.min(xlo, s.x()[i]);
                xhi = Math.max(xhi, s.x()[i]);
                ylo = Math.min(ylo, finite(s.lower() != null ? s.lower()[i] : s.y()[i], s.y()[i]));
                yhi = Math.max(yhi, finite(s.upper() != null ? s.upper()[i] : s.y()[i], s.y()[i]));
            }
        }
        double[] xr = {xlo, xhi == xlo ? xlo + 1 : xhi};
        double[] yr = pad(ylo, yhi);
        StringBuilder sb = open(W, H, c.title());
        int left = 70;
        sb.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#444'/>", left, H - BOTTOM, W - RIGHT, H - BOTTOM));
        sb.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#444'/>", left, TOP, left, H - BOTTOM));
        for (double t : ticks(xr[0], xr[1])) {
            double x = left + (t - xr[0]) / (xr[1] - xr[0]) * (W - RIGHT - left);
            sb.append(text(x, H - BOTTOM + 16, tick(t), "middle", 11));
        }
        for (double t : ticks(yr[0], yr[1])) {
            double y = (H - BOTTOM) - (t - yr[0]) / (yr[1] - yr[0]) * (H - BOTTOM - TOP);
            sb.append(text(left - 6, y + 4, tick(t), "end", 11));
            sb.append(String.format(Locale.ROOT, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#eee'/>", left, y, W - RIGHT, y));
        }
        sb.append(text((left + W - RIGHT) / 2.0, H - 12, c.xLabel() == null ? "" : c.xLabel(), "middle", 12));
        sb.append(String.format(Locale.ROOT, "<text x='14' y='%d' font-size='12' transform='rotate(-90 14 %d)' text-anchor='middle'>%s</text>",
                (TOP + H - BOTTOM) / 2, (TOP + H - BOTTOM) / 2, esc(c.yLabel() == null ? "" : c.yLabel())));
        if (c.reference() != null) {
            double y = (H - BOTTOM) - (c.reference() - yr[0]) / (yr[1] - yr[0]) * (H - BOTTOM - TOP);
            if (y >= TOP && y <= H - BOTTOM) {
                sb.append(String.format(Locale.ROOT, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#888' stroke-dasharray='4 3'/>",
                        left, y, W - RIGHT, y));
            }
        }
        for (double g : c.guides()) {
            if (g >= xr[0] && g <= xr[1]) {
                double x = left + (g - xr[0]) / (xr[1] - xr[0]) * (W - RIGHT - left);
                sb.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='#888' stroke-dasharray='4 3'>"
                        + "<title>%s %s</title></line>", x, TOP, x, H - BOTTOM, esc(c.xLabel() == null ? "x" : c.xLabel()), tick(g)));
            }
        }
        boolean scatter = "scatter".equals(c.kind());
        for (int si = 0; si < c.series().size(); si++) {
            Series s = c.series().get(si);
            String color = PALETTE[si % PALETTE.length];
            final double[] fxr = xr;
            final double[] fyr = yr;
            java.util.function.DoubleUnaryOperator px = v -> left + (v - fxr[0]) / (fxr[1] - fxr[0]) * (W - RIGHT - left);
            java.util.function.DoubleUnaryOperator py = v -> (H - BOTTOM) - (v - fyr[0]) / (fyr[1] - fyr[0]) * (H - BOTTOM - TOP);
            if (s.lower() != null && s.upper() != null && s.x().length > 1) {
                StringBuilder poly = new StringBuilder();
                for (int i = 0; i < s.x().length; i++) {
                    poly.append(String.format(Locale.ROOT, "%.1f,%.1f ", px.applyAsDouble(s.x()[i]), py.applyAsDouble(finite(s.upper()[i], s.y()[i]))));
                }
                for (int i = s.x().length - 1; i >= 0; i--) {
                    poly.append(String.format(Locale.ROOT, "%.1f,%.1f ", px.applyAsDouble(s.x()[i]), py.applyAsDouble(finite(s.lower()[i], s.y()[i]))));
                }
                sb.append("<polygon points='").append(poly.toString().trim()).append("' fill='").append(color).append("' fill-opacity='" + ("area".equals(c.kind()) ? "0.55" : "0.15") + "' stroke='none'/>");
            }
            if (scatter && si == 0 || scatter && s.name() != null && s.name().startsWith("points")) {
                for (int i = 0; i < s.x().length; i++) {
                    sb.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='2.5' fill='%s' fill-opacity='0.7'/>",
                            px.applyAsDouble(s.x()[i]), py.applyAsDouble(s.y()[i]), color));
                }
            } else {
                StringBuilder path = new StringBuilder();
                for (int i = 0; i < s.x().length; i++) {
                    path.append(i == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f ",
                            px.applyAsDouble(s.x()[i]), py.applyAsDouble(s.y()[i])));
                }
                // many series (placebos): the first one in colour and thick, the rest thin and grey behind it
                boolean crowd = c.series().size() > 12;
                double widthPx = crowd ? (si == 0 ? 2.5 : 1) : 2;
                String stroke = crowd && si > 0 ? "#9a9a9a" : color;
                sb.append("<path d='").append(path.toString().trim()).append("' fill='none' stroke='").append(stroke)
                        .append("' stroke-width='").append(widthPx).append("'").append(crowd && si > 0
                                ? " stroke-opacity='0.6'" : "").append("><title>").append(esc(s.name())).append("</title></path>");
            }
        }
        // legend for up to 8 series
        if (c.series().size() > 1 && c.series().size() <= 8) {
            for (int si = 0; si < c.series().size(); si++) {
                double ly = TOP + 4 + 16 * si;
                sb.append(String.format(Locale.ROOT, "<rect x='%d' y='%.1f' width='10' height='10' fill='%s'/>", W - RIGHT - 170, ly, PALETTE[si % PALETTE.length]));
                sb.append(text(W - RIGHT - 155, ly + 9, c.series().get(si).name(), "start", 11));
            }
        }
        return sb.append("</svg>").toString();
    }

    private static StringBuilder open(int w, int h, String title) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' viewBox='0 0 %d %d' font-family='sans-serif' role='img'>", w, h, w, h));
        sb.append("<title>").append(esc(title)).append("</title>");
        sb.append(text(w / 2.0, 22, title, "middle", 14));
        return sb;
    }

    private static void axisX(StringBuilder sb, double[] range, int h, String label) {
        sb.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#444'/>", LEFT, h - BOTTOM, W - RIGHT, h - BOTTOM));
        for (double t : ticks(range[0], range[1])) {
            double x = sx(t, range, W);
            sb.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='#eee'/>", x, TOP, x, h - BOTTOM));
            sb.append(text(x, h - BOTTOM + 16, tick(t), "middle", 11));
        }
        sb.append(text((LEFT + W - RIGHT) / 2.0, h - 12, label == null ? "" : label, "middle", 12));
    }

    private static void reference(StringBuilder sb, Double ref, double[] range, int h, boolean vertical) {
        if (ref == null) {
            return;
        }
        double x = sx(ref, range, W);
        sb.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='#888' stroke-dasharray='4 3'/>", x, TOP, x, h - BOTTOM));
    }

    private static double sx(double v, double[] range, int w) {
        return LEFT + (v - range[0]) / (range[1] - range[0]) * (w - RIGHT - LEFT);
    }

    private static double clamp(double v, double[] range) {
        return Math.max(range[0], Math.min(range[1], v));
    }

    private static double finite(double v, double fallback) {
        return Double.isFinite(v) ? v : fallback;
    }

    private static double[] pad(double lo, double hi) {
        if (!(hi > lo)) {
            double d = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
            return new double[]{lo - d, hi + d};
        }
        double d = (hi - lo) * 0.08;
        return new double[]{lo - d, hi + d};
    }

    /** A tick label: the shortest form of the number, without trailing zeros (0.5, not 0.5000). */
    private static String tick(double t) {
        String s = Format.num(t);
        return s.matches("-?\\d+\\.\\d*0+") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    static List<Double> ticks(double lo, double hi) {
        double span = hi - lo;
        double step = Math.pow(10, Math.floor(Math.log10(span / 5)));
        for (double m : new double[]{1, 2, 5, 10}) {
            if (span / (step * m) <= 6) {
                step *= m;
                break;
            }
        }
        List<Double> out = new java.util.ArrayList<>();
        for (double t = Math.ceil(lo / step) * step; t <= hi + 1e-12 * Math.abs(hi); t += step) {
            out.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return out;
    }

    private static String text(double x, double y, String s, String anchor, int size) {
        return String.format(Locale.ROOT, "<text x='%.1f' y='%.1f' font-size='%d' text-anchor='%s'>%s</text>", x, y, size, anchor, esc(s));
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
    }
}
