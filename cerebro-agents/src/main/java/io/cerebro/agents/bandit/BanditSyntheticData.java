package io.cerebro.agents.bandit;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.BanditSpec;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The second dataset of a bandit pipeline's validation, with the user's column and arm names and
 * row counts (never their rows) and planted values known in closed form.
 * <ul>
 *   <li>Recommend: arm {@code a} of {@code K} (sorted) has success rate {@link #armRate}
 *       {@code = 0.2 + 0.4 a / (K - 1)}; one row per pull with the user's pulls per arm, or one
 *       aggregate row per arm with its count and the successes drawn.</li>
 *   <li>Evaluate: a latent z ~ N(0, 1) per row, written as the first context column (at its mean
 *       and sd); other context columns are noise. The logging policy takes arm {@code a} with
 *       probability (a + 1) / (K (K + 1) / 2), whatever the context; the reward is Bernoulli with
 *       rate {@link #rewardRate} {@code = 0.3 + 0.1 u + 0.05 (2 u - 1) z} with {@code u = a / (K - 1)}:
 *       z helps the last arm and hurts the first. The target column chooses the last arm when
 *       z > 0 and the first otherwise, so its value is
 *       {@code 0.35 + 0.1 E[z; z > 0] = 0.35 + 0.1 / sqrt(2 pi)} (without context columns the target cannot see z, and
 *       the same rule is applied to the latent z); a target arm {@code a} has value
 *       {@code 0.3 + 0.1 a / (K - 1)}.</li>
 * </ul>
 */
public final class BanditSyntheticData {
    private BanditSyntheticData() {
    }

    /** @return the planted success rate of arm {@code a} of {@code k} in a recommend dataset. */
    public static double armRate(int a, int k) {
        return 0.2 + 0.4 * a / Math.max(1, k - 1);
    }

    /** @return the planted reward rate of arm {@code a} of {@code k} at latent context {@code z} in an evaluate log. */
    public static double rewardRate(int a, int k, double z) {
        double position = (double) a / Math.max(1, k - 1);
        return Math.min(0.99, Math.max(0.01, 0.3 + 0.1 * position + 0.05 * (2 * position - 1) * z));
    }

    /** @return the logging probability of arm {@code a} of {@code k}. */
    public static double loggingPropensity(int a, int k) {
        return (a + 1) / (k * (k + 1) / 2.0);
    }

    /**
     * @return the true value of the spec's target policy on the planted log with these sorted arms
     * (the clipping of the reward rate at 0.01 and 0.99 moves it by less than 1e-9)
     */
    public static double trueTargetValue(BanditSpec spec, List<String> arms) {
        int k = arms.size();
        if (spec.targetArm() != null) {
            return 0.3 + 0.1 * arms.indexOf(spec.targetArm()) / Math.max(1, k - 1);
        }
        return 0.35 + 0.1 / Math.sqrt(2 * Math.PI);
    }

    static String describe(BanditSpec spec) {
        return switch (spec.mode()) {
            case RECOMMEND -> "Bernoulli pulls with the data's pulls per arm; arm a of K (sorted) succeeds with rate 0.2 + 0.4 a/(K-1)";
            case EVALUATE -> "logging policy P(arm a) = (a+1)/(K(K+1)/2); reward rate 0.3 + 0.1 u + 0.05 (2u - 1) z, u = a/(K-1), z ~ N(0,1) in the first context column; "
                    + (spec.targetArm() != null ? "target arm " + spec.targetArm() + " has value 0.3 + 0.1 a/(K-1)"
                    : "target column takes the last arm when z > 0, the first otherwise: value 0.35 + 0.1/sqrt(2 pi) = "
                    + String.format(Locale.ROOT, "%.6f", 0.35 + 0.1 / Math.sqrt(2 * Math.PI)));
            case SIMULATE -> "simulations read no data";
        };
    }

    /** Writes the synthetic dataset for {@code spec} drawn with {@code seed}. */
    public static void write(BanditSpec spec, Dataset original, Path file, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        switch (spec.mode()) {
            case RECOMMEND -> writePulls(spec, original, file, rng);
            case EVALUATE -> writeLog(spec, original, file, rng);
            case SIMULATE -> throw new UserInputException("a simulation reads no data, so it has no synthetic dataset; drop --generate");
        }
    }

    private static void writePulls(BanditSpec spec, Dataset original, Path file, SplittableRandom rng) throws IOException {
        List<String> arms = new ArrayList<>(original.levels(spec.arm()).keySet());
        int k = arms.size();
        long[] pulls = new long[k];
        if (spec.count() != null) {
            String[] a = original.strings(spec.arm());
            double[] n = original.doubles(spec.count());
            for (int i = 0; i < a.length; i++) {
                if (a[i] != null && Double.isFinite(n[i])) pulls[arms.indexOf(a[i])] += (long) n[i];
            }
        } else {
            for (int a = 0; a < k; a++) pulls[a] = original.levels(spec.arm()).get(arms.get(a));
        }
        try (Writer out = Files.newBufferedWriter(file)) {
            if (spec.count() != null) {
                out.write(csv(spec.arm()) + "," + csv(spec.count()) + "," + csv(spec.successes()) + "\n");
                for (int a = 0; a < k; a++) {
                    long s = 0;
                    for (long i = 0; i < pulls[a]; i++) if (rng.nextDouble() < armRate(a, k)) s++;
                    out.write(csv(arms.get(a)) + "," + pulls[a] + "," + s + "\n");
                }
            } else {
                out.write(csv(spec.arm()) + "," + csv(spec.reward()) + "\n");
                for (int a = 0; a < k; a++) {
                    for (long i = 0; i < pulls[a]; i++) out.write(csv(arms.get(a)) + "," + (rng.nextDouble() < armRate(a, k) ? 1 : 0) + "\n");
                }
            }
        }
    }

    private static void writeLog(BanditSpec spec, Dataset original, Path file, SplittableRandom rng) throws IOException {
        List<String> arms = new ArrayList<>(original.levels(spec.action()).keySet());
        int k = arms.size();
        long n = original.rowCount();
        double[][] contextScale = new double[spec.context().size()][];
        for (int j = 0; j < contextScale.length; j++) {
            double[] ms = original.meanAndSd(spec.context().get(j));
            contextScale[j] = new double[] {Double.isFinite(ms[0]) ? ms[0] : 0, Double.isFinite(ms[1]) && ms[1] > 0 ? ms[1] : 1};
        }
        double[] cumulative = new double[k];
        for (int a = 0; a < k; a++) cumulative[a] = (a > 0 ? cumulative[a - 1] : 0) + loggingPropensity(a, k);
        try (Writer out = Files.newBufferedWriter(file)) {
            List<String> header = new ArrayList<>(List.of(csv(spec.action()), csv(spec.reward()), csv(spec.propensity())));
            spec.context().forEach(c -> header.add(csv(c)));
            if (spec.target() != null) header.add(csv(spec.target()));
            out.write(String.join(",", header) + "\n");
            for (long i = 0; i < n; i++) {
                double z = rng.nextGaussian();
                double u = rng.nextDouble();
                int a = 0;
                while (a < k - 1 && u >= cumulative[a]) a++;
                int reward = rng.nextDouble() < rewardRate(a, k, z) ? 1 : 0;
                StringBuilder row = new StringBuilder(csv(arms.get(a))).append(',').append(reward).append(',')
                        .append(num(loggingPropensity(a, k)));
                for (int j = 0; j < contextScale.length; j++) {
                    double v = j == 0 ? z : rng.nextGaussian();
                    row.append(',').append(num(contextScale[j][0] + contextScale[j][1] * v));
                }
                if (spec.target() != null) row.append(',').append(csv(arms.get(z > 0 ? k - 1 : 0)));
                out.write(row.append('\n').toString());
            }
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.12g", v);
    }

    private static String csv(String name) {
        return name.contains(",") || name.contains("\"") || name.contains("\n") ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
    }
}
