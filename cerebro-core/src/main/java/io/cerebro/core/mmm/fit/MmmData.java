package io.cerebro.core.mmm.fit;

import java.time.LocalDate;
import java.util.List;

/**
 * The weekly series a model is fitted to, sorted by date.
 *
 * @param dates        one date per week, strictly increasing with a constant step
 * @param y            the outcome
 * @param media        the media variables: paid channels first, then organic ones
 * @param paid         per media variable, whether it is paid (has a ROAS and is allocated)
 * @param spend        per media variable, its weekly series ({@code spend[c][t]})
 * @param controls     names of the control columns (text controls expanded to indicators)
 * @param controlValues per control, its weekly series
 */
public record MmmData(LocalDate[] dates, double[] y, List<String> media, boolean[] paid, double[][] spend,
                      List<String> controls, double[][] controlValues) {
    /** @return the number of weeks. */
    public int weeks() {
        return y.length;
    }

    /** @return the number of media variables. */
    public int mediaCount() {
        return media.size();
    }
}
