package io.cerebro.cli.exp;

import io.cerebro.store.ExperimentStore;
import io.cerebro.store.Stores;
import picocli.CommandLine.Option;

/** {@code --store}: where experiments live. */
public final class StoreOption {
    @Option(names = "--store", paramLabel = "PATH|URL",
            description = "A DuckDB file (created if missing) or postgresql://user:password@host:port/db. Default: $CEREBRO_STORE, "
                    + "else cerebro/cerebro.duckdb in your data directory (~/.local/share).")
    String store;

    /** @return the opened store; the caller closes it. */
    public ExperimentStore open() {
        return Stores.open(store != null ? store : io.cerebro.cli.CliConfig.current().store());
    }
}
