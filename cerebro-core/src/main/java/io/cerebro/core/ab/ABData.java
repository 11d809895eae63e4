package io.cerebro.core.ab;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.spec.ABTestSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The arms of an A/B test as the engine sees them: labels in sort order, the control first in
 * {@link #treatments()} order, and each arm's sufficient statistics computed inside DuckDB.
 *
 * @param control     control arm statistics
 * @param treatments  the other arms, in label sort order
 * @param binary      whether the outcome is treated as 0/1
 * @param rowsDropped rows left out for a missing arm or outcome (with --drop-missing)
 * @param labelOrder  every arm in label sort order (the order of {@code allocation})
 */
public record ABData(ArmStats control, List<ArmStats> treatments, boolean binary, long rowsDropped,
                     List<ArmStats> labelOrder) {

    /** @return every arm, control first. */
    public List<ArmStats> all() {
        List<ArmStats> l = new ArrayList<>();
        l.add(control);
        l.addAll(treatments);
        return l;
    }

    /** SQL condition selecting the rows the analysis uses (arm and outcome present, covariate too when given). */
    static String usableRows(ABTestSpec spec) {
        String o = outcomeExpr(spec);
        String cond = Dataset.quote(spec.treatment()) + " IS NOT NULL AND " + o + " IS NOT NULL AND NOT isnan(" + o + ")";
        if (spec.covariate() != null) {
            String x = covariateExpr(spec);
            cond += " AND " + x + " IS NOT NULL AND NOT isnan(" + x + ")";
        }
        return cond;
    }

    /** SQL for the outcome as a number; values that are not numbers become NULL (and are dropped or reported). */
    static String outcomeExpr(ABTestSpec spec) {
        return "TRY_CAST(" + Dataset.quote(spec.outcome()) + " AS DOUBLE)";
    }

    /** SQL for the covariate as a number. */
    static String covariateExpr(ABTestSpec spec) {
        return "TRY_CAST(" + Dataset.quote(spec.covariate()) + " AS DOUBLE)";
    }

    /** SQL for the arm label as text. */
    static String armExpr(ABTestSpec spec) {
        return "CAST(" + Dataset.quote(spec.treatment()) + " AS VARCHAR)";
    }

    /** Aggregates the arms of {@code data} for {@code spec}. */
    public static ABData load(ABTestSpec spec, Dataset data) {
        return load(spec, ArmProfile.of(spec, data), data.rowCount());
    }

    /** Checks and orders the arms of {@code profiles} (from any source with {@code rowCount} rows) for {@code spec}. */
    public static ABData load(ABTestSpec spec, List<ArmProfile> profiles, long rowCount) {
        List<ArmStats> arms = new ArrayList<>();
        long[] nonBinary = {0};
        for (ArmProfile p : profiles) {
            if (p.arm() != null && p.usable().n() > 0) {
                arms.add(p.usable());
                nonBinary[0] += p.usableNonBinary();
            }
        }
        long used = arms.stream().mapToLong(ArmStats::n).sum();
        if (arms.size() < 2) {
            throw new UserInputException("treatment column '" + spec.treatment() + "' has " + arms.size()
                    + " arm(s) with data; a test needs at least two");
        }
        String controlLabel = spec.control() != null ? spec.control() : arms.get(0).arm();
        ArmStats control = arms.stream().filter(a -> a.arm().equals(controlLabel)).findFirst()
                .orElseThrow(() -> new UserInputException("control arm '" + controlLabel + "' has no rows; arms are "
                        + arms.stream().map(ArmStats::arm).toList()));
        List<ArmStats> rest = arms.stream().filter(a -> a != control).toList();
        boolean binary = switch (spec.outcomeType()) {
            case BINARY -> true;
            case CONTINUOUS -> false;
            case AUTO -> nonBinary[0] == 0;
        };
        for (ArmStats a : arms) {
            if (a.n() < 2) {
                throw new UserInputException("arm '" + a.arm() + "' has " + a.n() + " row(s) with an outcome; each arm needs at least two");
            }
        }
        if (binary && nonBinary[0] > 0) {
            throw new UserInputException("outcome '" + spec.outcome() + "' has " + nonBinary[0]
                    + " values other than 0/1 but --outcome-type binary was given; use --outcome-type continuous or recode it");
        }
        if (arms.stream().allMatch(a -> a.variance() == 0) && arms.stream().map(ArmStats::mean).distinct().count() == 1) {
            throw new UserInputException("outcome '" + spec.outcome() + "' has the same value (" + arms.get(0).mean()
                    + ") in every analysed row; there is nothing to compare: check the column or the --where filter");
        }
        if (!binary && control.variance() == 0) {
            for (ArmStats t : rest) {
                if (t.variance() == 0) {
                    throw new UserInputException("outcome '" + spec.outcome() + "' does not vary within arm '" + control.arm()
                            + "' nor within arm '" + t.arm() + "'; the tests need variation inside the arms: check the column or the --where filter");
                }
            }
        }
        return new ABData(control, rest, binary, rowCount - used, List.copyOf(arms));
    }

    /** @return the arm labels with their expected allocation shares (normalised), in label order. */
    public static Map<String, Double> allocation(ABTestSpec spec, List<ArmStats> armsInLabelOrder) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        double total = spec.allocation() == null ? armsInLabelOrder.size()
                : spec.allocation().stream().mapToDouble(Double::doubleValue).sum();
        for (int i = 0; i < armsInLabelOrder.size(); i++) {
            double share = spec.allocation() == null ? 1.0 : spec.allocation().get(i);
            m.put(armsInLabelOrder.get(i).arm(), share / total);
        }
        return m;
    }
}
