package io.cerebro.core.bandit;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The arms of a simulation read from a CSV: one row per arm with the columns {@code arm} (its
 * name), {@code mean} (a Bernoulli success rate, or a Gaussian mean) and, for Gaussian arms,
 * {@code sd}. A file with an {@code sd} column describes Gaussian arms, one without it Bernoulli arms.
 *
 * @param names the arms' names, in file order
 * @param means their means
 * @param sds   their standard deviations, or null for Bernoulli arms
 */
public record ArmsFile(List<String> names, List<Double> means, List<Double> sds) {
    /**
     * Reads the file.
     *
     * @throws UserInputException when a column is missing or a cell is empty or not a number
     */
    public static ArmsFile read(Path file) {
        try (Dataset d = Dataset.read(file)) {
            for (String c : List.of("arm", "mean")) {
                if (d.column(c).isEmpty()) {
                    throw new UserInputException("arms file " + file + " has no column '" + c + "'; it needs arm, mean and, for Gaussian arms, sd (has: "
                            + String.join(", ", d.columnNames()) + ")");
                }
            }
            String[] arm = d.strings("arm");
            double[] mean = number(d, "mean", file);
            double[] sd = d.column("sd").isPresent() ? number(d, "sd", file) : null;
            List<String> names = new ArrayList<>();
            List<Double> means = new ArrayList<>();
            List<Double> sds = sd == null ? null : new ArrayList<>();
            for (int i = 0; i < arm.length; i++) {
                if (arm[i] == null || arm[i].isBlank()) throw new UserInputException("arms file " + file + ": row " + (i + 1) + " has no arm name");
                if (Double.isNaN(mean[i])) throw new UserInputException("arms file " + file + ": arm '" + arm[i] + "' has no mean");
                names.add(arm[i].strip());
                means.add(mean[i]);
                if (sd != null) {
                    if (Double.isNaN(sd[i])) throw new UserInputException("arms file " + file + ": arm '" + arm[i] + "' has no sd; give every Gaussian arm one");
                    sds.add(sd[i]);
                }
            }
            return new ArmsFile(List.copyOf(names), List.copyOf(means), sds == null ? null : List.copyOf(sds));
        }
    }

    private static double[] number(Dataset d, String column, Path file) {
        if (!d.column(column).get().type().isNumeric()) {
            throw new UserInputException("arms file " + file + ": column '" + column + "' must hold numbers");
        }
        return d.doubles(column);
    }
}
