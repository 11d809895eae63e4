package io.cerebro.cli.exp;

import io.cerebro.experiment.Lifecycle;
import io.cerebro.store.ExperimentStore;
import io.cerebro.store.Stores;

import java.util.ArrayList;
import java.util.List;

/**
 * A child process of {@link ExpProcessesTest}: records a batch of 5,000 events for new units and,
 * once the first 1,000 are written inside the batch's transaction, prints {@code MID-BATCH} and
 * waits to be killed.
 */
public final class StalledBatchMain {
    private StalledBatchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<Lifecycle.Observation> batch = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            batch.add(new Lifecycle.Observation("batch-" + i, "converted", i % 2, null));
        }
        try (ExperimentStore store = Stores.open(args[0])) {
            new Lifecycle(store).record(args[1], batch, written -> {
                System.out.println("MID-BATCH " + written);
                System.out.flush();
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
