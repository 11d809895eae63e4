package io.cerebro.core.tune.space;

import io.cerebro.core.error.UserInputException;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One dimension of a study's space.
 *
 * @param name      the placeholder name in the objective command ({@code {name}})
 * @param type      int, float or categorical
 * @param low       lower bound of a numeric parameter (inclusive)
 * @param high      upper bound of a numeric parameter (inclusive)
 * @param log       whether samplers work on log scale (both bounds must be positive)
 * @param step      grid spacing of a numeric parameter, or null (ints default to 1)
 * @param choices   the values of a categorical parameter, or of a numeric one given as an explicit list
 * @param gridPoints how many grid values a numeric parameter without step or values gets
 * @param condition the parameter exists only when all these other parameters take these values; empty for always
 */
public record Parameter(String name, Type type, double low, double high, boolean log, Double step, List<Object> choices,
                        int gridPoints, Map<String, Object> condition) {
    /** The kinds of parameter. */
    public enum Type { INT, FLOAT, CATEGORICAL }

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        choices = choices == null ? List.of() : List.copyOf(choices);
        condition = condition == null ? Map.of() : Map.copyOf(condition);
        String where = "parameter_space." + name;
        if (type == Type.CATEGORICAL) {
            if (choices.isEmpty()) {
                throw new UserInputException(where + ": a categorical parameter needs choices: [a, b, ...]");
            }
        } else {
            if (!(Double.isFinite(low) && Double.isFinite(high)) || low > high) {
                throw new UserInputException(where + ": range must be [low, high] with finite low <= high, got [" + low + ", " + high + "]");
            }
            if (log && low <= 0) {
                throw new UserInputException(where + ": log: true needs a positive lower bound, got " + low);
            }
            if (step != null && !(step > 0)) {
                throw new UserInputException(where + ": step must be positive, got " + step);
            }
            if (step != null && log) {
                throw new UserInputException(where + ": step and log: true cannot be combined (a log scale has no even step); drop one");
            }
            if (type == Type.INT && (low != Math.rint(low) || high != Math.rint(high))) {
                throw new UserInputException(where + ": an int parameter needs integer bounds, got [" + low + ", " + high + "]");
            }
        }
        if (gridPoints < 2) {
            throw new UserInputException(where + ": grid_points must be at least 2, got " + gridPoints);
        }
    }

    /** @return whether this is a categorical parameter (or a numeric one given by an explicit list of values). */
    public boolean discreteChoices() {
        return !choices.isEmpty();
    }

    /** @return the number of distinct values a choices parameter has. */
    public int size() {
        return choices.size();
    }

    /** @return the point in [0,1] of a numeric value (log-warped for a log parameter). */
    public double toUnit(double value) {
        if (high == low) {
            return 0.5;
        }
        return log ? (Math.log(value) - Math.log(low)) / (Math.log(high) - Math.log(low)) : (value - low) / (high - low);
    }

    /** @return the value of this parameter at {@code u} in [0,1]: log-warped, snapped to the step, rounded for ints. */
    public Object fromUnit(double u) {
        double c = Math.min(1, Math.max(0, u));
        if (discreteChoices()) {
            int k = Math.min(choices.size() - 1, (int) Math.floor(c * choices.size()));
            return choices.get(k);
        }
        double v = log ? Math.exp(Math.log(low) + c * (Math.log(high) - Math.log(low))) : low + c * (high - low);
        Double s = effectiveStep();
        if (s != null) {
            v = low + Math.round((v - low) / s) * s;
            while (v > high + 1e-12) {
                v -= s;
            }
        }
        v = Math.min(high, Math.max(low, v));
        if (type == Type.INT) {
            return (long) Math.round(v);
        }
        return v;
    }

    /** @return the step values snap to: the declared step, 1 for an int, null for a continuous float. */
    public Double effectiveStep() {
        if (step != null) {
            return step;
        }
        return type == Type.INT && !log ? Double.valueOf(1.0) : null;
    }

    /** @return the index of {@code value} among the choices, or -1. */
    public int indexOf(Object value) {
        for (int i = 0; i < choices.size(); i++) {
            if (sameValue(choices.get(i), value)) {
                return i;
            }
        }
        return -1;
    }

    /** Choices read from YAML and from the journal compare by their text, so 3 and 3.0 are one value. */
    static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return String.valueOf(a).equals(String.valueOf(b));
    }

    /** @return the coordinate in [0,1] of a value of this parameter (the centre of its cell for choices). */
    public double unitOf(Object value) {
        if (discreteChoices()) {
            int k = indexOf(value);
            return (Math.max(0, k) + 0.5) / choices.size();
        }
        return toUnit(((Number) value).doubleValue());
    }

    /** @return the grid values of this parameter: its choices, its steps, or grid_points even (log-even) values. */
    public List<Object> gridValues() {
        if (discreteChoices()) {
            return choices;
        }
        Double s = effectiveStep();
        java.util.LinkedHashSet<Object> out = new java.util.LinkedHashSet<>();
        if (s != null && (high - low) / s + 1 <= 1000) {
            for (double v = low; v <= high + 1e-9 * Math.max(1, Math.abs(high)); v += s) {
                out.add(type == Type.INT ? (Object) (long) Math.round(v) : (Object) v);
            }
        } else {
            for (int i = 0; i < gridPoints; i++) {
                out.add(fromUnit(i / (double) (gridPoints - 1)));
            }
        }
        return List.copyOf(out);
    }
}
