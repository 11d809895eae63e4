package io.cerebro.policy;

import io.cerebro.core.error.UserInputException;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * What kind of value a policy holds. The type is declared when the policy is created and fixes how
 * its value is written: numbers as plain decimals without trailing zeros ({@code 0.70} is kept as
 * {@code 0.7}), integers as whole numbers, booleans as {@code true} or {@code false}. Bounds and a
 * maximum step apply to numbers and integers only.
 */
public enum PolicyType {
    /** A decimal number, e.g. a threshold. */
    NUMBER("number", "0.7"),
    /** A whole number, e.g. a retry count. */
    INT("int", "3"),
    /** true or false, e.g. a feature switch. */
    BOOL("bool", "true"),
    /** Any text, e.g. the name of a model or a variant. */
    STRING("string", "treatment");

    private final String label;
    private final String example;

    PolicyType(String label, String example) {
        this.label = label;
        this.example = example;
    }

    /** @return the name users write ({@code --type number}) and the store keeps. */
    public String label() {
        return label;
    }

    /** @return whether bounds and a maximum step apply. */
    public boolean numeric() {
        return this == NUMBER || this == INT;
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * @return the type of that name ({@code number}, {@code int}, {@code bool}, {@code string}; also
     *         {@code integer}, {@code boolean}, {@code text})
     */
    public static PolicyType parse(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "number", "double", "float" -> NUMBER;
            case "int", "integer" -> INT;
            case "bool", "boolean" -> BOOL;
            case "string", "text" -> STRING;
            default -> throw new UserInputException("policy type '" + name + "' is not known; use number, int, bool or string");
        };
    }

    /**
     * @return the value in its canonical text
     * @throws UserInputException when it is not of this type (one line, naming the policy and an example)
     */
    public String canonical(String policy, String value) {
        String v = value == null ? "" : value.strip();
        switch (this) {
            case NUMBER -> {
                BigDecimal d = decimal(v);
                if (d == null) {
                    throw wrongType(policy, value);
                }
                return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
            }
            case INT -> {
                try {
                    return Long.toString(Long.parseLong(v));
                } catch (NumberFormatException e) {
                    throw wrongType(policy, value);
                }
            }
            case BOOL -> {
                if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                    return v.toLowerCase(Locale.ROOT);
                }
                throw wrongType(policy, value);
            }
            default -> {
                if (value == null || value.isEmpty()) {
                    throw new UserInputException("policy " + policy + " needs a value; give non-empty text, e.g. " + example);
                }
                return value;
            }
        }
    }

    private UserInputException wrongType(String policy, String value) {
        return new UserInputException("'" + value + "' is not " + (this == INT ? "an " : "a ") + (this == INT ? "integer" : this == BOOL ? "boolean" : label)
                + "; policy " + policy + " holds " + (this == INT ? "an int" : "a " + label) + ", e.g. " + example);
    }

    /** @return the text as a decimal, or null when it is not a finite decimal number. */
    static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }
}
