package io.cerebro.core.tune.space;

import io.cerebro.core.error.UserInputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a study in declaration order, and the map between the unit cube and
 * configurations. Samplers draw a point of [0,1]^d (one coordinate per parameter, inactive
 * conditional parameters included so every trial has the same dimension); {@link #configuration}
 * turns it into values and drops the parameters whose condition fails.
 */
public final class ParameterSpace {
    private final List<Parameter> parameters;

    public ParameterSpace(List<Parameter> parameters) {
        if (parameters.isEmpty()) {
            throw new UserInputException("parameter_space is empty: declare at least one parameter, e.g. x: {type: float, range: [0, 1]}");
        }
        this.parameters = List.copyOf(parameters);
        for (Parameter p : parameters) {
            for (Map.Entry<String, Object> c : p.condition().entrySet()) {
                Parameter parent = find(c.getKey());
                if (parent == null || parent == p) {
                    throw new UserInputException("parameter_space." + p.name() + ".when names '" + c.getKey()
                            + "', which is not another parameter; name one of " + names());
                }
            }
        }
    }

    /** @return the parameters in declaration order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** @return the number of parameters. */
    public int dimension() {
        return parameters.size();
    }

    /** @return the parameter called {@code name}, or null. */
    public Parameter find(String name) {
        for (Parameter p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** @return the parameter names. */
    public List<String> names() {
        return parameters.stream().map(Parameter::name).toList();
    }

    /** @return the configuration at {@code u}: every active parameter's value, in declaration order. */
    public Map<String, Object> configuration(double[] u) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (int j = 0; j < parameters.size(); j++) {
            all.put(parameters.get(j).name(), parameters.get(j).fromUnit(u[j]));
        }
        return active(all);
    }

    /**
     * @return whether a configuration (from another study) is a point of this space: every parameter
     * active under it is present, a choice among its choices or a number within its range
     */
    public boolean fits(Map<String, Object> values) {
        for (Parameter p : parameters) {
            if (!conditionHolds(p, values)) {
                continue;
            }
            Object v = values.get(p.name());
            if (v == null) {
                return false;
            }
            if (p.discreteChoices()) {
                if (p.indexOf(v) < 0) {
                    return false;
                }
            } else if (!(v instanceof Number n) || n.doubleValue() < p.low() - 1e-12 * Math.max(1, Math.abs(p.low()))
                    || n.doubleValue() > p.high() + 1e-12 * Math.max(1, Math.abs(p.high()))) {
                return false;
            }
        }
        return true;
    }

    /** @return {@code values} without the parameters whose condition fails. */
    public Map<String, Object> active(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            if (values.containsKey(p.name()) && conditionHolds(p, values)) {
                out.put(p.name(), values.get(p.name()));
            }
        }
        return out;
    }

    private boolean conditionHolds(Parameter p, Map<String, Object> values) {
        for (Map.Entry<String, Object> c : p.condition().entrySet()) {
            Parameter parent = find(c.getKey());
            if (!values.containsKey(c.getKey()) || !conditionHolds(parent, values)) {
                return false;
            }
            Object want = c.getValue();
            boolean ok = want instanceof List<?> l ? l.stream().anyMatch(w -> Parameter.sameValue(w, values.get(c.getKey())))
                    : Parameter.sameValue(want, values.get(c.getKey()));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the unit-cube point of a configuration; a parameter the configuration lacks (inactive)
     * sits at the centre, 0.5, so models see it as uninformative
     */
    public double[] unitPoint(Map<String, Object> values) {
        double[] u = new double[parameters.size()];
        for (int j = 0; j < u.length; j++) {
            Object v = values.get(parameters.get(j).name());
            u[j] = v == null ? 0.5 : parameters.get(j).unitOf(v);
        }
        return u;
    }
}
