package io.cerebro.core.causal.quasi.did;

import io.cerebro.core.causal.quasi.QuasiSupport;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Missing values in the columns a panel design uses. Without {@code drop_missing} they end the run
 * with one line naming each column and its missing count. With it, the panel designs (two-way fixed
 * effects, event study, Callaway-Sant'Anna) drop every unit that has a missing value in any period,
 * since they need a balanced panel; the 2x2 design drops only the incomplete rows. A missing
 * first-treated value is not a missing value here: it means "never treated".
 */
final class CompleteUnits {

    private CompleteUnits() {
    }

    /**
     * The data to analyse: {@code data} itself when nothing is missing, otherwise (with
     * {@code dropMissing}) a new in-memory copy of the used columns without the incomplete units
     * (or rows, when {@code unitColumn} is null), which the caller must close.
     *
     * @param numeric    the numeric columns that must be complete (null entries are ignored)
     * @param carried    further numeric columns to copy (first treated; null entries are ignored)
     * @param labels     further columns to copy as text (unit, cluster; null entries are ignored)
     * @param unitColumn the unit column whose units are dropped whole, or null to drop rows
     * @param warnings   receives the note on what was dropped
     * @throws UserInputException when values are missing and {@code dropMissing} is false, or nothing is left
     */
    static Dataset of(Dataset data, List<String> numeric, List<String> carried, List<String> labels, String unitColumn, boolean dropMissing,
                      List<String> warnings) {
        Set<String> cols = new LinkedHashSet<>();
        numeric.stream().filter(Objects::nonNull).forEach(cols::add);
        boolean[] keep = QuasiSupport.complete(data, cols);
        int incomplete = QuasiSupport.dropped(keep);
        if (incomplete == 0) {
            return data;
        }
        if (!dropMissing) {
            List<String> counts = new ArrayList<>();
            for (String c : cols) {
                long n = Arrays.stream(data.doubles(c)).filter(Double::isNaN).count();
                if (n > 0) {
                    counts.add(c + " (" + n + ")");
                }
            }
            String what = unitColumn == null ? "to use the complete rows"
                    : "to drop the units with a missing value (the design needs a balanced panel)";
            throw new UserInputException(incomplete + " of " + keep.length + " rows have missing values in "
                    + String.join(", ", counts) + "; pass --drop-missing (drop_missing: true in a spec) " + what
                    + ", or fill them in");
        }
        int droppedUnits = 0;
        if (unitColumn != null) {
            String[] units = data.strings(unitColumn);
            Set<String> bad = new HashSet<>();
            for (int i = 0; i < keep.length; i++) {
                if (!keep[i] && units[i] != null) {
                    bad.add(units[i]);
                }
            }
            droppedUnits = bad.size();
            for (int i = 0; i < keep.length; i++) {
                keep[i] &= units[i] == null || !bad.contains(units[i]);
            }
        }
        int droppedRows = QuasiSupport.dropped(keep);
        if (droppedRows == keep.length) {
            throw new UserInputException("every " + (unitColumn == null ? "row" : "unit") + " has a missing value in "
                    + String.join(", ", cols) + "; fill them in");
        }
        warnings.add(unitColumn == null
                ? droppedRows + " rows with missing values were dropped (--drop-missing)"
                : droppedUnits + " units (" + droppedRows + " rows) with missing values were dropped (--drop-missing):"
                + " the design needs a balanced panel, so a unit with a missing value in any period is left out whole");
        carried.stream().filter(Objects::nonNull).forEach(cols::add);
        Set<String> text = new LinkedHashSet<>();
        labels.stream().filter(c -> c != null && !cols.contains(c)).forEach(text::add);
        Dataset.Builder b = Dataset.builder();
        cols.addAll(text);
        for (String c : cols) {
            if (!text.contains(c)) {
                b.numeric(c, QuasiSupport.subset(data.doubles(c), keep));
            } else {
                String[] s = data.strings(c);
                String[] out = new String[keep.length - droppedRows];
                for (int i = 0, j = 0; i < s.length; i++) {
                    if (keep[i]) {
                        out[j++] = s[i];
                    }
                }
                b.text(c, out);
            }
        }
        return b.build();
    }
}
