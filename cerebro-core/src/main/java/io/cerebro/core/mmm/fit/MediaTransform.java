package io.cerebro.core.mmm.fit;

import io.cerebro.core.mmm.transform.Adstock;
import io.cerebro.core.mmm.transform.Saturation;

import java.util.ArrayList;
import java.util.List;

/**
 * Adstock followed by saturation, the same pair for every media variable (as Robyn and
 * PyMC-Marketing apply them). A hyperparameter vector holds, per media variable, the adstock's
 * parameters then the saturation's.
 *
 * @param adstock    the carry-over
 * @param saturation the diminishing returns
 */
public record MediaTransform(Adstock adstock, Saturation saturation) {
    /** @return the number of parameters per media variable. */
    public int perMedia() {
        return adstock.parameterNames().size() + saturation.parameterNames().size();
    }

    /** @return the names of one media variable's parameters, prefixed by the transform. */
    public List<String> parameterNames() {
        List<String> out = new ArrayList<>();
        adstock.parameterNames().forEach(n -> out.add("adstock_" + n));
        saturation.parameterNames().forEach(n -> out.add("saturation_" + n));
        return out;
    }

    /** @return lower bounds of one media variable's parameters. */
    public double[] lower() {
        return concat(adstock.lower(), saturation.lower());
    }

    /** @return upper bounds of one media variable's parameters. */
    public double[] upper() {
        return concat(adstock.upper(), saturation.upper());
    }

    /** @return media variable {@code c}'s adstock parameters in {@code theta}. */
    public double[] adstockParams(double[] theta, int c) {
        int na = adstock.parameterNames().size();
        return java.util.Arrays.copyOfRange(theta, c * perMedia(), c * perMedia() + na);
    }

    /** @return media variable {@code c}'s saturation parameters in {@code theta}. */
    public double[] saturationParams(double[] theta, int c) {
        int na = adstock.parameterNames().size();
        return java.util.Arrays.copyOfRange(theta, c * perMedia() + na, (c + 1) * perMedia());
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
