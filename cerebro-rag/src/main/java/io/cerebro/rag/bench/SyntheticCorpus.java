package io.cerebro.rag.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a synthetic source tree for ingest benchmarks: Java classes with several documented
 * methods, Python modules with top-level functions and Markdown notes with sections, in equal
 * numbers, with words drawn from an analysis vocabulary so chunks differ.
 */
public final class SyntheticCorpus {
    private static final String[] WORDS = ("treatment control outcome revenue conversion variance estimate interval "
            + "bootstrap regression propensity matching weight caliper cluster strata covariate baseline lift "
            + "sample power effect standard error confidence posterior prior likelihood residual panel").split(" ");

    private SyntheticCorpus() {
    }

    /**
     * @param dir   an empty folder
     * @param files number of files to write
     * @param seed  random seed
     */
    public static void write(Path dir, int files, long seed) throws IOException {
        Random rnd = new Random(seed);
        for (int i = 0; i < files; i++) {
            Path sub = dir.resolve("pkg" + (i % 20));
            Files.createDirectories(sub);
            switch (i % 3) {
                case 0 -> Files.writeString(sub.resolve("Analysis" + i + ".java"), java(i, rnd));
                case 1 -> Files.writeString(sub.resolve("analysis_" + i + ".py"), python(i, rnd));
                default -> Files.writeString(sub.resolve("notes-" + i + ".md"), markdown(i, rnd));
            }
        }
    }

    private static String words(Random rnd, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(WORDS[rnd.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    private static String java(int i, Random rnd) {
        StringBuilder sb = new StringBuilder("import java.util.List;\n\n/** " + words(rnd, 12) + " */\npublic class Analysis" + i + " {\n");
        for (int m = 0; m < 5; m++) {
            sb.append("    /** ").append(words(rnd, 15)).append(" */\n")
                    .append("    static double ").append(WORDS[rnd.nextInt(WORDS.length)]).append("Estimate").append(m)
                    .append("(double[] values) {\n        double s = 0;\n        for (double v : values) {\n            s += v * ")
                    .append(rnd.nextInt(10) + 1).append(";\n        }\n        return s / values.length;\n    }\n\n");
        }
        return sb.append("}\n").toString();
    }

    private static String python(int i, Random rnd) {
        StringBuilder sb = new StringBuilder("import numpy as np\n\n");
        for (int f = 0; f < 3; f++) {
            sb.append("def ").append(WORDS[rnd.nextInt(WORDS.length)]).append("_estimate_").append(f)
                    .append("(df, column):\n    \"\"\"").append(words(rnd, 15)).append("\"\"\"\n")
                    .append("    return np.mean(df[column]) * ").append(rnd.nextInt(10) + 1).append("\n\n\n");
        }
        return sb.toString();
    }

    private static String markdown(int i, Random rnd) {
        StringBuilder sb = new StringBuilder("# Notes " + i + "\n\n" + words(rnd, 30) + "\n");
        for (int s = 0; s < 3; s++) {
            sb.append("\n## ").append(words(rnd, 3)).append("\n\n").append(words(rnd, 60)).append('\n');
        }
        return sb.toString();
    }
}
