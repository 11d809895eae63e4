package io.cerebro.agents.power;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.Alternative;
import io.cerebro.core.spec.PowerSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The design table a power pipeline reads as {@code args[0]}: a header and one row, with the columns
 * {@value #HEADER}. Empty cells are parameters that are not given: no {@code n} means "solve for
 * the sample size", no {@code mde} "solve for the MDE"; {@code sd} is empty for proportions and
 * {@code baseline} for means. The group-sequential plan ({@code looks}, {@code spending}) is not in
 * it: pipelines are not asked to reproduce the inflation factor.
 */
public final class PowerDesignTable {
    /** The header line. */
    public static final String HEADER = "outcome,baseline,sd,mde,n,alpha,power,ratio,alternative";

    private PowerDesignTable() {
    }

    /** Writes the design of {@code spec}. */
    public static void write(PowerSpec spec, Path file) throws IOException {
        String row = String.join(",", spec.outcome().toString(), cell(spec.baseline()), cell(spec.sd()), cell(spec.mde()),
                cell(spec.n()), cell(spec.alpha()), cell(spec.power()), cell(spec.ratio()),
                spec.alternative().name().toLowerCase(Locale.ROOT));
        Files.writeString(file, HEADER + "\n" + row + "\n");
    }

    /**
     * Reads a design table back as a spec, keeping {@code base}'s seed (the plan's looks and
     * spending are not in the table and are dropped).
     *
     * @throws UserInputException when the file is not a design table
     */
    public static PowerSpec read(Path file, PowerSpec base) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        if (lines.size() != 2 || !lines.get(0).strip().equals(HEADER)) {
            throw new UserInputException("design table " + file + " must be the header '" + HEADER + "' and one row");
        }
        String[] c = lines.get(1).strip().split(",", -1);
        if (c.length != 9) {
            throw new UserInputException("design table " + file + " has " + c.length + " cells in its row; expected 9");
        }
        return PowerSpec.builder(PowerSpec.Outcome.valueOf(c[0].toUpperCase(Locale.ROOT)))
                .baseline(number(c[1])).sd(number(c[2])).mde(number(c[3])).n(number(c[4])).alpha(number(c[5]))
                .power(number(c[6])).ratio(number(c[7])).alternative(Alternative.valueOf(c[8].toUpperCase(Locale.ROOT)))
                .seed(base.seed()).build();
    }

    private static String cell(Double v) {
        return v == null ? "" : Double.toString(v);
    }

    private static Double number(String s) {
        return s.isBlank() ? null : Double.valueOf(s);
    }
}
