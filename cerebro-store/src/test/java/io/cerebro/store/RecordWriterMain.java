package io.cerebro.store;

import io.cerebro.experiment.Lifecycle;

import java.util.ArrayList;
import java.util.List;

/**
 * A child process of {@link PostgresConcurrentRecordTest}: does what {@code cerebro exp record}
 * does, {@code count} times — open the store, record one batch, close it. Each batch has the events
 * of one unit of its own and of one unit every writer shares (revenue 1 each, so a unit's sum counts
 * its events). Exits with the number of batches that failed.
 */
public final class RecordWriterMain {
    private RecordWriterMain() {
    }

    public static void main(String[] args) {
        String store = args[0];
        String experiment = args[1];
        String prefix = args[2];
        int count = Integer.parseInt(args[3]);
        int failed = 0;
        for (int i = 0; i < count; i++) {
            try (ExperimentStore s = Stores.open(store)) {
                List<Lifecycle.Observation> batch = new ArrayList<>();
                batch.add(new Lifecycle.Observation(prefix + "-" + i, "revenue", 1, null));
                batch.add(new Lifecycle.Observation("shared-" + i, "revenue", 1, null));
                new Lifecycle(s).record(experiment, batch, n -> { });
            } catch (RuntimeException e) {
                System.err.println(e);
                failed++;
            }
        }
        System.exit(failed);
    }
}
