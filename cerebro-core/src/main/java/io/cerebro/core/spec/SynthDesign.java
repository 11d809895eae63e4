package io.cerebro.core.spec;

import java.util.List;

/**
 * Synthetic control for one treated unit.
 *
 * @param unit            column identifying the unit (state)
 * @param time            column identifying the period (year)
 * @param treatedUnit     label of the treated unit
 * @param treatmentStart  first treated period
 * @param predictors      predictor columns averaged over the pre-period (optional; default outcome only)
 * @param vMatrix         {@code equal} or {@code data} (data-driven by pre-period fit), default data when predictors are given
 * @param augmented       ridge bias-corrected (augmented) synthetic control, default false
 * @param donors          labels of donor units to use (optional; default all other units)
 * @param outcomeLags     pre-period times whose outcome values are added as predictors (optional, e.g. 1975, 1980, 1988)
 * @param predictorFrom   first period over which predictors are averaged (optional; default the first period); the
 *                        average always ends before the treatment start and skips missing values
 */
public record SynthDesign(String unit, String time, String treatedUnit, Double treatmentStart,
                          List<String> predictors, String vMatrix, Boolean augmented, List<String> donors,
                          List<Double> outcomeLags, Double predictorFrom) {
    /** A design without outcome lags or a predictor window. */
    public SynthDesign(String unit, String time, String treatedUnit, Double treatmentStart, List<String> predictors,
                       String vMatrix, Boolean augmented, List<String> donors) {
        this(unit, time, treatedUnit, treatmentStart, predictors, vMatrix, augmented, donors, null, null);
    }

    public SynthDesign {
        outcomeLags = outcomeLags == null ? List.of() : List.copyOf(outcomeLags);
        predictors = predictors == null ? List.of() : List.copyOf(predictors);
        augmented = augmented != null && augmented;
        donors = donors == null ? null : List.copyOf(donors);
    }
}
