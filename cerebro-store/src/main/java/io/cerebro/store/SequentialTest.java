package io.cerebro.store;

/** The test an experiment is read with while it runs, fixed when it is created. */
public enum SequentialTest {
    /** The mixture SPRT: an always-valid p-value that may be read after every event. */
    MSPRT,
    /** A fixed-horizon test, valid only when read once at the planned sample size. */
    NONE;

    /** @return the lower-case name users type and read. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
