package io.cerebro.core.tune.suggest;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.power.PowerCalculator;
import io.cerebro.core.power.PowerSettings;
import org.hipparchus.distribution.continuous.FDistribution;
import org.hipparchus.distribution.continuous.TDistribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a results table of trials per variant (one row per run: a variant column, a value column and
 * any metadata columns) and applies five detectors, each writing a spec Cerebro runs on the same
 * table as is:
 * <ul>
 *   <li><b>high_variance</b>: the Brown-Forsythe test (one-way ANOVA on absolute deviations from each
 *   variant's median) rejects equal spreads at alpha, and a variant's sd is at least
 *   {@value #SPREAD_RATIO} times the median sd of the others: it needs (sd ratio)^2 times its runs for
 *   the same standard error; the follow-up is the A/B comparison with the rank test;</li>
 *   <li><b>outliers</b>: runs whose modified z-score 0.6745 (x - median) / MAD within their variant
 *   exceeds the larger of {@value #OUTLIER_Z} (Iglewicz and Hoaglin) and the normal quantile at
 *   1 - 0.01 / (2N) for a table of N runs (so normal data flags a run by chance at most about 1% of
 *   the time, however long the table), variants of at least 5 runs; listed by row, with the
 *   rank-based comparison as follow-up;</li>
 *   <li><b>subgroup_specialist</b>: within a level of a metadata column (2 to 20 levels), a variant other
 *   than the overall winner is best, and a one-sided Welch test of it against the overall winner in
 *   that level rejects at alpha / m (Bonferroni over the m levels tested); the follow-up tests that
 *   level alone at alpha / m;</li>
 *   <li><b>underpowered</b>: the overall winner and the runner-up do not differ (Welch p &ge; alpha) and
 *   the power engine says more runs per variant are needed to detect their observed difference at
 *   80% power;</li>
 *   <li><b>causal_question</b>: a numeric metadata column with exactly two values (a logged
 *   treatment-like flag) whose levels differ in the value within variants (the per-variant
 *   differences pooled by inverse variance, z test at alpha / the number of such columns): the
 *   follow-up is a {@code cerebro causal} regression spec with the other numeric metadata columns
 *   as confounders.</li>
 * </ul>
 */
public final class ResultsAdvisor {
    /** A variant's sd at least this multiple of the others' median sd is called high-variance. */
    public static final double SPREAD_RATIO = 2.0;
    /** The modified z-score above which a run is an outlier. */
    public static final double OUTLIER_Z = 3.5;

    private ResultsAdvisor() {
    }

    /**
     * @param file     the results table (CSV, TSV, Parquet, JSON)
     * @param variant  the variant column
     * @param value    the value column
     * @param maximize whether a larger value wins
     * @param alpha    the significance level
     * @return the suggestions, possibly none
     */
    public static List<Suggestion> advise(Path file, String variant, String value, boolean maximize, double alpha) {
        Dataset ds = Dataset.read(file);
        ds.require(variant, "variant (--variant)");
        ds.require(value, "value (--value)");
        if (ds.firstNonNumber(value).isPresent()) {
            throw new UserInputException("column '" + value + "' of " + file + " must be numeric: " + ds.firstNonNumber(value).get());
        }
        String[] v = ds.strings(variant);
        double[] y = ds.doubles(value);
        Map<String, List<Double>> by = groups(v, y, null, null);
        if (by.size() < 2) {
            throw new UserInputException(file + " has " + by.size() + " variant(s) in '" + variant + "'; suggest-next compares at least two");
        }
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("family", "ab");
        base.put("treatment", variant);
        base.put("outcome", value);
        base.put("test", "welch");
        base.put("alpha", alpha);
        List<Suggestion> out = new ArrayList<>();
        highVariance(by, base, alpha).ifPresent(out::add);
        outliers(v, y, by, base).ifPresent(out::add);
        String winner = winner(by, maximize);
        List<String> meta = new ArrayList<>();
        for (var c : ds.columns()) {
            if (!c.name().equals(variant) && !c.name().equals(value)) {
                meta.add(c.name());
            }
        }
        out.addAll(specialists(ds, meta, v, y, winner, maximize, base, alpha));
        underpowered(by, winner, maximize, base, alpha).ifPresent(out::add);
        causal(ds, meta, v, y, value, alpha).ifPresent(out::add);
        return out;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static Map<String, List<Double>> groups(String[] v, double[] y, String[] level, String keep) {
        Map<String, List<Double>> m = new TreeMap<>();
        for (int i = 0; i < y.length; i++) {
            if (v[i] == null || Double.isNaN(y[i]) || (keep != null && !keep.equals(level[i]))) {
                continue;
            }
            m.computeIfAbsent(v[i], k -> new ArrayList<>()).add(y[i]);
        }
        return m;
    }

    static double mean(List<Double> x) {
        return x.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static double var(List<Double> x) {
        double m = mean(x);
        double s = 0;
        for (double d : x) {
            s += (d - m) * (d - m);
        }
        return x.size() > 1 ? s / (x.size() - 1) : Double.NaN;
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double median(List<Double> x) {
        return median(x.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** @return Welch's t p-value of mean(a) - mean(b): two-sided, or one-sided for a > b when {@code greater}. */
    static double welch(List<Double> a, List<Double> b, boolean oneSidedGreater) {
        double va = var(a) / a.size();
        double vb = var(b) / b.size();
        double se = Math.sqrt(va + vb);
        if (!(se > 0)) {
            return Double.NaN;
        }
        double t = (mean(a) - mean(b)) / se;
        double df = (va + vb) * (va + vb) / (va * va / (a.size() - 1) + vb * vb / (b.size() - 1));
        TDistribution dist = new TDistribution(df);
        return oneSidedGreater ? 1 - dist.cumulativeProbability(t) : 2 * (1 - dist.cumulativeProbability(Math.abs(t)));
    }

    static String winner(Map<String, List<Double>> by, boolean maximize) {
        String w = null;
        for (var e : by.entrySet()) {
            if (w == null || (maximize ? mean(e.getValue()) > mean(by.get(w)) : mean(e.getValue()) < mean(by.get(w)))) {
                w = e.getKey();
            }
        }
        return w;
    }

    /** Brown-Forsythe: the one-way ANOVA F test on |x - median of its group|. */
    static double brownForsythe(Map<String, List<Double>> by) {
        List<List<Double>> z = new ArrayList<>();
        for (List<Double> g : by.values()) {
            double med = median(g);
            z.add(g.stream().map(x -> Math.abs(x - med)).toList());
        }
        int k = z.size();
        int n = z.stream().mapToInt(List::size).sum();
        double grand = z.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).average().orElse(0);
        double between = 0;
        double within = 0;
        for (List<Double> g : z) {
            double m = mean(g);
            between += g.size() * (m - grand) * (m - grand);
            for (double x : g) {
                within += (x - m) * (x - m);
            }
        }
        if (!(within > 0) || n <= k) {
            return Double.NaN;
        }
        double f = (between / (k - 1)) / (within / (n - k));
        return 1 - new FDistribution(k - 1, n - k).cumulativeProbability(f);
    }

    static java.util.Optional<Suggestion> highVariance(Map<String, List<Double>> by, Map<String, Object> base, double alpha) {
        if (by.values().stream().anyMatch(g -> g.size() < 3)) {
            return java.util.Optional.empty();
        }
        double p = brownForsythe(by);
        if (!(p < alpha)) {
            return java.util.Optional.empty();
        }
        String worst = null;
        double ratio = 0;
        for (String k : by.keySet()) {
            List<Double> others = new ArrayList<>();
            by.forEach((o, g) -> {
                if (!o.equals(k)) {
                    others.add(Math.sqrt(var(g)));
                }
            });
            double r = Math.sqrt(var(by.get(k))) / median(others);
            if (r > ratio) {
                ratio = r;
                worst = k;
            }
        }
        if (!(ratio >= SPREAD_RATIO)) {
            return java.util.Optional.empty();
        }
        int n = by.get(worst).size();
        long need = (long) Math.ceil(n * ratio * ratio);
        Map<String, Object> next = new LinkedHashMap<>(base);
        next.put("test", "mann_whitney");
        String reason = String.format(Locale.ROOT, "variant %s has sd %s, %sx the median sd of the others (Brown-Forsythe p = %s < %s): "
                        + "run it %d times instead of %d for the same standard error; meanwhile compare by ranks",
                worst, fmt(Math.sqrt(var(by.get(worst)))), fmt(ratio), fmt(p), fmt(alpha), need, n);
        return java.util.Optional.of(new Suggestion("high_variance", reason, "next-repeats-" + safe(worst) + ".yaml", next));
    }

    static java.util.Optional<Suggestion> outliers(String[] v, double[] y, Map<String, List<Double>> by, Map<String, Object> base) {
        Map<String, double[]> medMad = new LinkedHashMap<>();
        by.forEach((k, g) -> {
            if (g.size() >= 5) {
                double med = median(g);
                double mad = median(g.stream().mapToDouble(x -> Math.abs(x - med)).toArray());
                medMad.put(k, new double[]{med, mad});
            }
        });
        List<String> found = new ArrayList<>();
        int total = by.values().stream().mapToInt(List::size).sum();
        double threshold = Math.max(OUTLIER_Z, new org.hipparchus.distribution.continuous.NormalDistribution()
                .inverseCumulativeProbability(1 - 0.01 / (2.0 * total)));
        for (int i = 0; i < y.length; i++) {
            double[] mm = v[i] == null ? null : medMad.get(v[i]);
            if (mm == null || Double.isNaN(y[i]) || !(mm[1] > 0)) {
                continue;
            }
            double z = 0.6745 * (y[i] - mm[0]) / mm[1];
            if (Math.abs(z) > threshold) {
                found.add("row " + (i + 1) + " (" + v[i] + ", " + fmt(y[i]) + ", modified z " + fmt(z) + ")");
            }
        }
        if (found.isEmpty()) {
            return java.util.Optional.empty();
        }
        Map<String, Object> next = new LinkedHashMap<>(base);
        next.put("test", "mann_whitney");
        String reason = found.size() + " run(s) lie far from their variant's distribution (|modified z| > " + fmt(threshold) + "): "
                + String.join("; ", found.subList(0, Math.min(10, found.size()))) + (found.size() > 10 ? "; ..." : "")
                + "; check them, and compare by ranks, which they do not drive";
        return java.util.Optional.of(new Suggestion("outliers", reason, "next-robust.yaml", next));
    }

    static List<Suggestion> specialists(Dataset ds, List<String> meta, String[] v, double[] y, String winner, boolean maximize,
                                        Map<String, Object> base, double alpha) {
        record Cell(String column, String level, String best, double p, double diff) {
        }
        List<Cell> cells = new ArrayList<>();
        for (String m : meta) {
            String[] lv = ds.strings(m);
            java.util.Set<String> levels = new java.util.TreeSet<>();
            for (String s : lv) {
                if (s != null) {
                    levels.add(s);
                }
            }
            if (levels.size() < 2 || levels.size() > 20) {
                continue;
            }
            for (String l : levels) {
                Map<String, List<Double>> g = groups(v, y, lv, l);
                if (!g.containsKey(winner) || g.get(winner).size() < 3) {
                    continue;
                }
                String best = winner(g, maximize);
                if (best.equals(winner) || g.get(best).size() < 3) {
                    cells.add(new Cell(m, l, winner, Double.NaN, 0));
                    continue;
                }
                List<Double> a = maximize ? g.get(best) : g.get(winner);
                List<Double> b = maximize ? g.get(winner) : g.get(best);
                cells.add(new Cell(m, l, best, welch(a, b, true), mean(g.get(best)) - mean(g.get(winner))));
            }
        }
        int tested = cells.size();
        List<Suggestion> out = new ArrayList<>();
        for (Cell c : cells) {
            if (c.best.equals(winner) || !(c.p * tested < alpha)) {
                continue;
            }
            Map<String, Object> next = new LinkedHashMap<>(base);
            next.put("control", winner);
            next.put("where", Dataset.quote(c.column) + " = " + Dataset.literal(c.level));
            next.put("alpha", alpha / tested);
            String reason = String.format(Locale.ROOT, "%s wins where %s = %s (by %s over the overall winner %s; one-sided Welch p = %s, "
                            + "Bonferroni p = %s over %d subgroups < %s) but not overall: test that subgroup alone at alpha %s",
                    c.best, c.column, c.level, fmt(c.diff), winner, fmt(c.p), fmt(Math.min(1, c.p * tested)), tested, fmt(alpha), fmt(alpha / tested));
            out.add(new Suggestion("subgroup_specialist", reason, "next-specialist-" + safe(c.column) + "-" + safe(c.level) + ".yaml", next));
        }
        return out;
    }

    static java.util.Optional<Suggestion> underpowered(Map<String, List<Double>> by, String winner, boolean maximize, Map<String, Object> base,
                                                       double alpha) {
        Map<String, List<Double>> rest = new TreeMap<>(by);
        rest.remove(winner);
        String second = winner(rest, maximize);
        List<Double> a = by.get(winner);
        List<Double> b = by.get(second);
        if (a.size() < 2 || b.size() < 2) {
            return java.util.Optional.empty();
        }
        double p = welch(a, b, false);
        double diff = Math.abs(mean(a) - mean(b));
        if (!(p >= alpha) || !(diff > 0)) {
            return java.util.Optional.empty();
        }
        double sd = Math.sqrt((var(a) + var(b)) / 2);
        double need = PowerCalculator.meansSampleSize(sd, diff, PowerSettings.defaults().withAlpha(alpha).withPower(0.8)).nControl();
        int have = Math.min(a.size(), b.size());
        if (!(need > have)) {
            return java.util.Optional.empty();
        }
        Map<String, Object> next = new LinkedHashMap<>(base);
        next.put("control", second);
        next.put("where", Dataset.quote(String.valueOf(base.get("treatment"))) + " IN (" + Dataset.literal(winner) + ", " + Dataset.literal(second) + ")");
        String reason = String.format(Locale.ROOT, "the winner %s and the runner-up %s differ by %s (Welch p = %s >= %s): detecting that difference "
                        + "with 80%% power needs %d runs per variant (t-test, pooled sd %s), they have %d",
                winner, second, fmt(diff), fmt(p), fmt(alpha), (long) Math.ceil(need), fmt(sd), have);
        return java.util.Optional.of(new Suggestion("underpowered", reason, "next-powered.yaml", next));
    }

    static java.util.Optional<Suggestion> causal(Dataset ds, List<String> meta, String[] variants, double[] y, String value, double alpha) {
        List<String> flags = new ArrayList<>();
        for (String m : meta) {
            if (ds.firstNonNumber(m).isEmpty() && distinct(ds.strings(m)).size() == 2) {
                flags.add(m); // cerebro causal needs a two-valued numeric (0/1) treatment column
            }
        }
        for (String m : flags) {
            String[] lv = ds.strings(m);
            String[] two = distinct(lv).toArray(String[]::new);
            double wSum = 0;
            double wEst = 0;
            int nA = 0;
            int nB = 0;
            for (String v : new java.util.TreeSet<>(java.util.Arrays.stream(variants).filter(java.util.Objects::nonNull).toList())) {
                List<Double> a = new ArrayList<>();
                List<Double> b = new ArrayList<>();
                for (int i = 0; i < y.length; i++) {
                    if (v.equals(variants[i]) && lv[i] != null && !Double.isNaN(y[i])) {
                        (lv[i].equals(two[1]) ? a : b).add(y[i]);
                    }
                }
                if (a.size() < 2 || b.size() < 2) {
                    continue;
                }
                double se2 = var(a) / a.size() + var(b) / b.size();
                if (!(se2 > 0)) {
                    continue;
                }
                wSum += 1 / se2;
                wEst += (mean(a) - mean(b)) / se2;
                nA += a.size();
                nB += b.size();
            }
            if (nA < 5 || nB < 5 || !(wSum > 0)) {
                continue;
            }
            double diff = wEst / wSum;
            double z = diff * Math.sqrt(wSum);
            double p = 2 * (1 - new org.hipparchus.distribution.continuous.NormalDistribution().cumulativeProbability(Math.abs(z)));
            double level = alpha / flags.size();
            if (!(p < level)) {
                continue;
            }
            List<String> confounders = new ArrayList<>();
            for (String c : meta) {
                if (!c.equals(m) && ds.firstNonNumber(c).isEmpty()) {
                    confounders.add(c);
                }
            }
            Map<String, Object> next = new LinkedHashMap<>();
            next.put("family", "causal");
            next.put("method", "regression");
            next.put("treatment", m);
            next.put("outcome", value);
            next.put("confounders", confounders);
            next.put("alpha", alpha);
            String reason = String.format(Locale.ROOT, "the logged column %s (values %s, %s) goes with a difference of %s in %s within variants "
                            + "(z = %s, p = %s < %s = alpha / %d such columns), but it was not randomised: estimate its effect adjusted for %s",
                    m, two[0], two[1], fmt(diff), value, fmt(z), fmt(p), fmt(level), flags.size(),
                    confounders.isEmpty() ? "nothing else logged" : confounders);
            return java.util.Optional.of(new Suggestion("causal_question", reason, "next-causal-" + safe(m) + ".yaml", next,
                    "cerebro causal DATA --spec FILE"));
        }
        return java.util.Optional.empty();
    }

    static java.util.Set<String> distinct(String[] values) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (String s : values) {
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
