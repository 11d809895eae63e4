package io.cerebro.core.tune.suggest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.power.PowerCalculator;
import io.cerebro.core.power.PowerResult;
import io.cerebro.core.power.PowerSettings;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a finished two-arm A/B result ({@code cerebro abtest --format json}) and applies three
 * detectors, each writing an A/B spec that {@code cerebro abtest} runs unchanged:
 * <ul>
 *   <li><b>underpowered</b>: the difference is not significant and the power engine says more units
 *   per arm are needed to detect the observed difference with the spec's power (t-test on the pooled
 *   sd, or proportions on the control rate);</li>
 *   <li><b>heavy_tails</b>: a continuous outcome whose coefficient of variation sd/|mean| exceeds
 *   {@value #CV_THRESHOLD} in an arm, without a covariate: CUPED on a pre-period column when the data
 *   has one (a numeric column named pre*), otherwise the rank-based Mann-Whitney test;</li>
 *   <li><b>subgroup</b>: with a subgroup column, Cochran's Q test that the per-subgroup Welch
 *   differences are equal rejects at the spec's alpha; the follow-up tests the subgroup with the largest
 *   |z| alone, at alpha / (number of subgroups) (Bonferroni).</li>
 * </ul>
 */
public final class NextExperimentAdvisor {
    /** Above this coefficient of variation an outcome is called heavy-tailed. */
    public static final double CV_THRESHOLD = 2.5;
    /** Subgroups smaller than this per arm are left out of the heterogeneity test. */
    public static final int MIN_PER_ARM = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private NextExperimentAdvisor() {
    }

    /**
     * @param resultFile the result JSON
     * @param data       the data file, or null for the result's provenance dataSource (resolved against the working directory)
     * @param by         the subgroup column, or null for none
     * @return the suggestions, possibly none
     */
    public static List<Suggestion> advise(Path resultFile, Path data, String by) {
        JsonNode r;
        try {
            r = JSON.readTree(Files.readString(resultFile));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserInputException("result file " + resultFile + " does not exist; give a result JSON from 'cerebro abtest --format json'");
        } catch (java.io.IOException e) {
            throw new UserInputException("result file " + resultFile + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!"ab".equals(r.path("family").asText())) {
            throw new UserInputException("suggest-next reads A/B results (family: ab); " + resultFile + " has family '"
                    + r.path("family").asText() + "'");
        }
        JsonNode arms = r.path("arms");
        if (arms.size() != 2) {
            throw new UserInputException("suggest-next reads two-arm A/B results; " + resultFile + " has " + arms.size() + " arms");
        }
        Map<String, Object> spec = JSON.convertValue(r.path("provenance").path("spec"), Map.class);
        if (spec == null || spec.isEmpty()) {
            throw new UserInputException(resultFile + " has no provenance.spec; rerun the analysis with this version of cerebro");
        }
        Path dataPath = data != null ? data : r.path("provenance").has("dataSource") ? Path.of(r.path("provenance").path("dataSource").asText()) : null;
        Dataset ds = dataPath != null && Files.isRegularFile(dataPath) ? Dataset.read(dataPath) : null;
        if (by != null && ds == null) {
            throw new UserInputException("--by " + by + " needs the data: the result's dataSource " + dataPath + " is not a file; pass --data FILE");
        }
        List<Suggestion> out = new ArrayList<>();
        underpowered(r, spec).ifPresent(out::add);
        heavyTails(r, spec, ds).ifPresent(out::add);
        if (by != null) {
            subgroup(r, spec, ds, by).ifPresent(out::add);
        }
        return out;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static java.util.Optional<Suggestion> underpowered(JsonNode r, Map<String, Object> spec) {
        double alpha = r.path("provenance").path("spec").path("alpha").asDouble(0.05);
        double power = r.path("provenance").path("spec").path("power").asDouble(0.8);
        double p = r.path("pValue").asDouble(Double.NaN);
        double est = Math.abs(r.path("estimate").asDouble(Double.NaN));
        if (!(p >= alpha) || !(est > 0)) {
            return java.util.Optional.empty();
        }
        JsonNode c = r.path("arms").get(0);
        JsonNode t = r.path("arms").get(1);
        double nC = c.path("n").asDouble();
        boolean binary = "binary".equals(r.path("details").path("outcome_type").asText());
        PowerSettings s = PowerSettings.defaults().withAlpha(alpha).withPower(power);
        PowerResult need;
        String how;
        if (binary) {
            need = PowerCalculator.proportionsSampleSize(c.path("mean").asDouble(), est, s);
            how = "proportions test from a control rate of " + fmt(c.path("mean").asDouble());
        } else {
            double sd = Math.sqrt((Math.pow(c.path("sd").asDouble(), 2) + Math.pow(t.path("sd").asDouble(), 2)) / 2);
            need = PowerCalculator.meansSampleSize(sd, est, s);
            how = "t-test with pooled sd " + fmt(sd);
        }
        if (!(need.nControl() > nC)) {
            return java.util.Optional.empty();
        }
        long perArm = (long) Math.ceil(need.nControl());
        Map<String, Object> next = new LinkedHashMap<>(spec);
        String reason = String.format(Locale.ROOT, "p = %s >= alpha %s: the observed difference %s needs %d units per arm for %.0f%% power (%s), "
                + "the test had %d in control (%.1fx more needed)", fmt(p), fmt(alpha), fmt(est), perArm, 100 * power, how, (long) nC, perArm / nC);
        return java.util.Optional.of(new Suggestion("underpowered", reason, "next-ab-powered.yaml", next));
    }

    static java.util.Optional<Suggestion> heavyTails(JsonNode r, Map<String, Object> spec, Dataset ds) {
        if ("binary".equals(r.path("details").path("outcome_type").asText()) || spec.get("covariate") != null) {
            return java.util.Optional.empty();
        }
        double cv = 0;
        String arm = null;
        for (JsonNode a : r.path("arms")) {
            double v = a.path("sd").asDouble() / Math.abs(a.path("mean").asDouble());
            if (v > cv) {
                cv = v;
                arm = a.path("arm").asText();
            }
        }
        if (!(cv > CV_THRESHOLD)) {
            return java.util.Optional.empty();
        }
        Map<String, Object> next = new LinkedHashMap<>(spec);
        String pre = null;
        if (ds != null) {
            for (var col : ds.columns()) {
                String name = col.name();
                if (name.toLowerCase(Locale.ROOT).startsWith("pre") && !name.equals(spec.get("outcome")) && ds.firstNonNumber(name).isEmpty()) {
                    pre = name;
                    break;
                }
            }
        }
        String reason = "arm " + arm + " has sd/|mean| = " + fmt(cv) + " > " + CV_THRESHOLD + " (a heavy-tailed outcome, outliers dominate the variance)";
        if (pre != null) {
            next.put("covariate", pre);
            next.put("test", "welch");
            reason += "; the data has the pre-period column '" + pre + "': CUPED on it removes the variance it explains";
            return java.util.Optional.of(new Suggestion("heavy_tails", reason, "next-ab-cuped.yaml", next));
        }
        next.put("test", "mann_whitney");
        reason += "; no pre-period column: the rank-based Mann-Whitney test is not driven by the tail";
        return java.util.Optional.of(new Suggestion("heavy_tails", reason, "next-ab-robust.yaml", next));
    }

    /** Per-subgroup Welch differences and Cochran's Q. */
    static java.util.Optional<Suggestion> subgroup(JsonNode r, Map<String, Object> spec, Dataset ds, String by) {
        String treatment = String.valueOf(spec.get("treatment"));
        String outcome = String.valueOf(spec.get("outcome"));
        String control = r.path("details").path("control").asText(r.path("arms").get(0).path("arm").asText());
        ds.require(by, "subgroup (--by)");
        String[] g = ds.strings(by);
        String[] arm = ds.strings(treatment);
        double[] y = ds.doubles(outcome);
        Map<String, double[][]> sums = new TreeMap<>(); // level -> [arm][n, sum, sumsq]
        for (int i = 0; i < y.length; i++) {
            if (g[i] == null || arm[i] == null || Double.isNaN(y[i])) {
                continue;
            }
            double[][] s = sums.computeIfAbsent(g[i], k -> new double[2][3]);
            int a = arm[i].equals(control) ? 0 : 1;
            s[a][0]++;
            s[a][1] += y[i];
            s[a][2] += y[i] * y[i];
        }
        List<String> levels = new ArrayList<>();
        List<double[]> est = new ArrayList<>(); // diff, se
        for (var e : sums.entrySet()) {
            double[][] s = e.getValue();
            if (s[0][0] < MIN_PER_ARM || s[1][0] < MIN_PER_ARM) {
                continue;
            }
            double m0 = s[0][1] / s[0][0];
            double m1 = s[1][1] / s[1][0];
            double v0 = (s[0][2] - s[0][0] * m0 * m0) / (s[0][0] - 1);
            double v1 = (s[1][2] - s[1][0] * m1 * m1) / (s[1][0] - 1);
            double se = Math.sqrt(v0 / s[0][0] + v1 / s[1][0]);
            if (se > 0) {
                levels.add(e.getKey());
                est.add(new double[]{m1 - m0, se});
            }
        }
        int k = levels.size();
        if (k < 2) {
            return java.util.Optional.empty();
        }
        double wSum = 0;
        double wEst = 0;
        for (double[] e : est) {
            double w = 1 / (e[1] * e[1]);
            wSum += w;
            wEst += w * e[0];
        }
        double pooled = wEst / wSum;
        double q = 0;
        for (double[] e : est) {
            q += Math.pow(e[0] - pooled, 2) / (e[1] * e[1]);
        }
        double pQ = 1 - new ChiSquaredDistribution(k - 1).cumulativeProbability(q);
        double alpha = r.path("provenance").path("spec").path("alpha").asDouble(0.05);
        if (!(pQ < alpha)) {
            return java.util.Optional.empty();
        }
        int best = 0;
        for (int i = 1; i < k; i++) {
            if (Math.abs(est.get(i)[0] / est.get(i)[1]) > Math.abs(est.get(best)[0] / est.get(best)[1])) {
                best = i;
            }
        }
        double z = est.get(best)[0] / est.get(best)[1];
        double pLevel = 2 * (1 - new NormalDistribution().cumulativeProbability(Math.abs(z)));
        Map<String, Object> next = new LinkedHashMap<>(spec);
        next.put("where", Dataset.quote(by) + " = " + Dataset.literal(levels.get(best)));
        next.put("alpha", alpha / k);
        String reason = String.format(Locale.ROOT, "the difference varies across the %d subgroups of %s (Cochran's Q = %s, df %d, p = %s < %s); "
                        + "%s = %s has the largest effect, %s (se %s, z = %s, Bonferroni p = %s over %d subgroups): test it alone at alpha %s",
                k, by, fmt(q), k - 1, fmt(pQ), fmt(alpha), by, levels.get(best), fmt(est.get(best)[0]), fmt(est.get(best)[1]), fmt(z),
                fmt(Math.min(1, k * pLevel)), k, fmt(alpha / k));
        return java.util.Optional.of(new Suggestion("subgroup", reason, "next-ab-subgroup-" + levels.get(best).replaceAll("[^A-Za-z0-9_-]", "_") + ".yaml", next));
    }
}
