package io.cerebro.rag.label;

import io.cerebro.rag.embed.Embedder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Infers an example's family and methods from two signals, each worth half of the score:
 * <ul>
 *   <li>content cues: calls, imports and terms characteristic of a family ({@code augsynth},
 *       {@code adstock}, {@code ttest_ind}, {@code propensity}, ...), counted once per distinct
 *       cue, as a share of all cues found;</li>
 *   <li>the {@value #NEIGHBOURS} labelled examples nearest by embedding (cosine of the mean chunk
 *       vectors), each voting for its family with its similarity.</li>
 * </ul>
 * The family with the highest score wins if the score reaches {@link #MIN_CONFIDENCE}; its methods
 * are those the winning family's neighbours carry most (weighted by similarity).
 */
public final class ContentLabeller {
    /** Labelled neighbours that vote. */
    public static final int NEIGHBOURS = 5;
    /** Below this score no family is assigned (the example stays unlabelled). */
    public static final double MIN_CONFIDENCE = 0.35;

    /** Content cues per family: word-bounded, case-insensitive regular expressions. */
    static final Map<String, List<String>> CUES = cues();

    private static final Map<String, List<Pattern>> PATTERNS = compile();

    /** A labelled example the labeller can compare with. */
    public record Reference(String id, String family, List<String> methods, float[] centroid) {
    }

    private final List<Reference> references;

    /** @param references labelled examples (family non-empty), with unit or raw mean vectors */
    public ContentLabeller(List<Reference> references) {
        this.references = references.stream().filter(r -> !r.family().isEmpty()).map(r ->
                new Reference(r.id(), r.family(), r.methods(), r.centroid() == null ? null : Embedder.normalise(r.centroid()))).toList();
    }

    /**
     * Labels one example.
     *
     * @param id       the example's id (a reference with the same id is left out, so that an
     *                 evaluation can hold one example out at a time)
     * @param text     the example's text (all chunks)
     * @param centroid the mean of its chunk vectors, or null to use content cues only
     */
    public InferredLabel label(String id, String text, float[] centroid) {
        Map<String, Double> cue = cueShares(text);
        Map<String, Double> vote = new HashMap<>();
        Map<String, Map<String, Double>> methodVotes = new HashMap<>();
        if (centroid != null && !references.isEmpty()) {
            float[] c = Embedder.normalise(centroid);
            List<double[]> scored = new ArrayList<>();
            for (int i = 0; i < references.size(); i++) {
                Reference r = references.get(i);
                if (r.id().equals(id) || r.centroid() == null) {
                    continue;
                }
                scored.add(new double[]{i, dot(c, r.centroid())});
            }
            scored.sort(Comparator.comparingDouble((double[] s) -> -s[1]));
            double total = 0;
            for (double[] s : scored.subList(0, Math.min(NEIGHBOURS, scored.size()))) {
                double w = Math.max(0, s[1]);
                Reference r = references.get((int) s[0]);
                vote.merge(r.family(), w, Double::sum);
                for (String m : r.methods()) {
                    methodVotes.computeIfAbsent(r.family(), k -> new HashMap<>()).merge(m, w, Double::sum);
                }
                total += w;
            }
            if (total > 0) {
                double t = total;
                vote.replaceAll((k, v) -> v / t);
            }
        }
        // with no neighbours the cues carry the whole score
        double cueWeight = vote.isEmpty() ? 1.0 : 0.5;
        Map<String, Double> score = new LinkedHashMap<>();
        for (String f : CUES.keySet()) {
            score.put(f, cueWeight * cue.getOrDefault(f, 0.0) + (1 - cueWeight) * vote.getOrDefault(f, 0.0));
        }
        vote.forEach((f, v) -> score.putIfAbsent(f, (1 - cueWeight) * v));
        String best = "";
        double bestScore = 0;
        for (Map.Entry<String, Double> e : score.entrySet()) {
            if (e.getValue() > bestScore) {
                best = e.getKey();
                bestScore = e.getValue();
            }
        }
        if (bestScore < MIN_CONFIDENCE) {
            return new InferredLabel("", List.of(), bestScore);
        }
        List<String> methods = methodVotes.getOrDefault(best, Map.of()).entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(1).map(Map.Entry::getKey).toList();
        return new InferredLabel(best, methods, bestScore);
    }

    /** Share of the distinct cues found in {@code text} that belong to each family. */
    static Map<String, Double> cueShares(String text) {
        Map<String, Double> hits = new HashMap<>();
        double total = 0;
        for (Map.Entry<String, List<Pattern>> e : PATTERNS.entrySet()) {
            int n = 0;
            for (Pattern p : e.getValue()) {
                Matcher m = p.matcher(text);
                if (m.find()) {
                    n++;
                }
            }
            if (n > 0) {
                hits.put(e.getKey(), (double) n);
                total += n;
            }
        }
        if (total > 0) {
            double t = total;
            hits.replaceAll((k, v) -> v / t);
        }
        return hits;
    }

    /** The mean of some vectors, or null when there are none. */
    public static float[] mean(List<float[]> vectors) {
        if (vectors.isEmpty() || vectors.get(0) == null) {
            return null;
        }
        float[] m = new float[vectors.get(0).length];
        for (float[] v : vectors) {
            for (int i = 0; i < m.length; i++) {
                m[i] += v[i];
            }
        }
        return m;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static Map<String, List<String>> cues() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("ab", List.of("t-?test", "ttest(_ind)?", "welch", "mann.?whitney(u)?", "proportions?_ztest", "z-?test",
                "prop\\.test", "chi.?squared?", "chi2_contingency", "a/b", "ab.?test", "cuped", "sample ratio mismatch",
                "srm", "conversion rate", "two.?proportion", "msprt", "sequential test", "beta.?binomial", "TTest"));
        m.put("power", List.of("power analysis", "sample size", "minimum detectable", "mde", "solve_power",
                "pwr\\.", "nobs1", "tt_ind_solve_power", "zt_ind_solve_power", "power\\.t\\.test", "power\\.prop\\.test",
                "detectable effect"));
        m.put("causal", List.of("propensity", "matching", "caliper", "diff(erence)?.?in.?diff(erence)?s?", "parallel trends",
                "instrumental", "2sls", "iv2sls", "two.?stage", "regression discontinuity", "rdd", "bandwidth",
                "inverse probability", "ipw", "aipw", "doubly robust", "dowhy", "synthetic control", "mediation",
                "front.?door", "back.?door", "feols", "twfe", "event.?study", "confounder", "causalpy"));
        m.put("geo", List.of("geolift", "geo.?experiment", "geo.?test", "augsynth", "markets?", "dma", "locations?",
                "matched markets", "geo.?lift", "market selection", "GeoLift"));
        m.put("uplift", List.of("uplift", "qini", "t.?learner", "s.?learner", "x.?learner", "causalml", "econml",
                "cate", "auuc", "heterogeneous", "persuadables", "causal.?forest"));
        m.put("mmm", List.of("adstock", "saturation", "hill", "media mix", "marketing mix", "robyn", "mmm", "roas",
                "carryover", "spend", "channels?", "lightweight_mmm", "meridian"));
        m.put("bandit", List.of("bandit", "thompson", "ucb", "epsilon.?greedy", "regret", "arms? pull", "exp3",
                "off.?policy", "contextual bandit", "linucb"));
        m.put("tune", List.of("optuna", "hyper.?parameters?", "tuning", "grid search", "bayesian optimi[sz]ation", "tpe",
                "study\\.optimize", "trials?", "search space"));
        return m;
    }

    private static Map<String, List<Pattern>> compile() {
        Map<String, List<Pattern>> out = new LinkedHashMap<>();
        CUES.forEach((f, list) -> out.put(f, list.stream()
                .map(c -> Pattern.compile("(?<![A-Za-z0-9])" + c + "(?![A-Za-z0-9])",
                        c.equals(c.toLowerCase(Locale.ROOT)) ? Pattern.CASE_INSENSITIVE : 0)).toList()));
        return out;
    }
}
