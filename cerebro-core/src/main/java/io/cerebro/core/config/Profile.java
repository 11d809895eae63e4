package io.cerebro.core.config;

import io.cerebro.core.error.UserInputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named set of values laid over the defaults. Each profile sets only what its purpose needs; the
 * {@code why} says the purpose, {@code cerebro config profiles} prints both.
 *
 * @param name   the profile's name, as {@code --profile} takes it
 * @param why    what the profile is for
 * @param values the keys it sets
 */
public record Profile(String name, String why, Map<String, Object> values) {
    public Profile {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Setting s = Setting.find(e.getKey());
            if (s == null) {
                throw new IllegalArgumentException("profile " + name + " sets unknown key " + e.getKey());
            }
            s.parse(e.getValue(), "profile " + name);
        }
    }

    /** The six built-in profiles. */
    public static final List<Profile> ALL = List.of(
            new Profile("development", "fast feedback while writing specs and studies: few resamples, offline generation, short studies",
                    ordered("analysis.bootstrap_draws", 50, "analysis.permutation_draws", 200, "generation.offline", true,
                            "tune.trials", 20, "tune.parallel", 1)),
            new Profile("production", "the defaults for scheduled runs, with studies using both cores and precise resampling",
                    ordered("analysis.bootstrap_draws", 1000, "analysis.permutation_draws", 2000, "tune.parallel", 2)),
            new Profile("research", "publication-grade intervals and p-values: many resamples, long model-based studies, more retrieved examples",
                    ordered("analysis.bootstrap_draws", 2000, "analysis.permutation_draws", 10000, "retrieval.top_k", 8,
                            "tune.sampler", "gp", "tune.trials", 200)),
            new Profile("conservative", "fewer false positives: alpha 0.01 and more resamples, so a claimed effect is a strong one",
                    ordered("analysis.alpha", 0.01, "analysis.bootstrap_draws", 1000, "analysis.permutation_draws", 5000)),
            new Profile("aggressive", "exploration, where a missed effect costs more than a false lead: alpha 0.10, many parallel trials",
                    ordered("analysis.alpha", 0.10, "analysis.bootstrap_draws", 100, "analysis.permutation_draws", 500,
                            "tune.parallel", 4, "tune.trials", 300)),
            new Profile("minimal", "the least work and no network: no bootstrap, few permutations, no retrieval, offline generation, random search",
                    ordered("analysis.bootstrap_draws", 0, "analysis.permutation_draws", 100, "generation.offline", true,
                            "retrieval.enabled", false, "tune.sampler", "random", "tune.trials", 10)));

    /** @return the profile named {@code name}; an unknown name is a user error naming the six. */
    public static Profile of(String name, String where) {
        for (Profile p : ALL) {
            if (p.name.equalsIgnoreCase(name.trim())) {
                return p;
            }
        }
        throw new UserInputException(where + ": profile '" + name + "' is unknown; use one of "
                + String.join(", ", ALL.stream().map(Profile::name).toList()));
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
