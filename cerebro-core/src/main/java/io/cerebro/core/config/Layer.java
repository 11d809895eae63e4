package io.cerebro.core.config;

/** Where a configuration value came from, lowest precedence first. */
public enum Layer {
    /** Built into Cerebro. */
    DEFAULT,
    /** The chosen profile. */
    PROFILE,
    /** The configuration file. */
    FILE,
    /** A {@code CEREBRO_*} environment variable. */
    ENVIRONMENT,
    /** A command-line flag. */
    FLAG;

    /** @return the name shown by {@code cerebro config show}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
