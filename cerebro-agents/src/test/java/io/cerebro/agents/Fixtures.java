package io.cerebro.agents;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.testing.SharedFixtures;

import java.nio.file.Path;

/** Test data paths. */
public final class Fixtures {
    private Fixtures() {
    }

    /**
     * @return an A/B test file: this module's own under src/test/resources/ab (template oracles and
     * derived data, among them its own {@code mw_exact.csv}), else the shared one of cerebro-core
     * ({@link SharedFixtures#AB}).
     */
    public static Path ab(String name) {
        String own = "ab/" + name;
        return SharedFixtures.path(SharedFixtures.exists(own) ? own : SharedFixtures.AB + name);
    }

    /** Opens a test dataset. */
    public static Dataset open(String name) {
        return Dataset.read(ab(name));
    }

    /** Opens a test dataset with a filter. */
    public static Dataset open(String name, String where) {
        return Dataset.read(ab(name), where);
    }
}
