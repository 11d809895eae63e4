package io.cerebro.store;

import io.cerebro.experiment.Lifecycle;

/**
 * A child process of {@link PostgresStratifiedAssignTest}: does what {@code cerebro exp assign
 * --unit U --stratum S} does, {@code count} times — open the store, assign one unit, close it. Unit
 * {@code i} is in stratum {@code s(i mod strata)}. Exits with the number of calls that failed.
 */
public final class AssignWriterMain {
    private AssignWriterMain() {
    }

    public static void main(String[] args) {
        String store = args[0];
        String experiment = args[1];
        String prefix = args[2];
        int count = Integer.parseInt(args[3]);
        int strata = Integer.parseInt(args[4]);
        int failed = 0;
        for (int i = 0; i < count; i++) {
            try (ExperimentStore s = Stores.open(store)) {
                new Lifecycle(s).assign(experiment, prefix + "-" + i, "s" + (i % strata));
            } catch (RuntimeException e) {
                System.err.println(e);
                failed++;
            }
        }
        System.exit(failed);
    }
}
