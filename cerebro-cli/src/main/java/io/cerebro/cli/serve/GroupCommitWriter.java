package io.cerebro.cli.serve;

import io.cerebro.core.error.UserInputException;
import io.cerebro.experiment.Assigner;
import io.cerebro.experiment.Lifecycle;
import io.cerebro.store.Assignment;
import io.cerebro.store.Experiment;
import io.cerebro.store.ExperimentStatus;
import io.cerebro.store.ExperimentStore;
import io.cerebro.store.MetricEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One thread that writes assignments and events to the store for every request thread.
 *
 * <p>Requests queue their work and wait. The writer takes everything queued (up to
 * {@value #MAX_JOBS} jobs), and per experiment stores the cycle's new assignments and events in
 * one transaction, then completes each request's future: a request is answered only once its data
 * is committed. Under load one commit serves many requests, and no two
 * threads ever contend for the store (a DuckDB file has one writer).
 *
 * <p>Each request keeps the meaning of its own {@code cerebro exp assign} or {@code exp record}
 * call: it is checked alone (a bad one fails alone, with the CLI's message), and units are
 * assigned one request after another exactly as separate calls would assign them.
 */
final class GroupCommitWriter implements AutoCloseable {
    /** Most jobs one write cycle takes from the queue. */
    static final int MAX_JOBS = 4096;
    /** Queue length beyond which new work is refused (the server answers 503) rather than queued without bound. */
    static final int MAX_QUEUED = 100_000;

    /** A unit to assign; completes with its variant once that is stored. */
    record AssignJob(String experiment, String unit, String stratum, CompletableFuture<Lifecycle.Assigned> done) implements Job {
    }

    /** One request's events; completes with what was stored. */
    record RecordJob(String experiment, List<Lifecycle.Observation> observations, CompletableFuture<Lifecycle.Recorded> done) implements Job {
    }

    sealed interface Job permits AssignJob, RecordJob {
        String experiment();

        CompletableFuture<?> done();
    }

    private final ExperimentStore store;
    private final Lifecycle life;
    private final ServeCache cache;
    /** Whether other processes may write the store at the same time (PostgreSQL; a DuckDB file is this server's alone). */
    private final boolean shared;
    private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long commits;
    private volatile long jobsWritten;

    GroupCommitWriter(ExperimentStore store, ServeCache cache) {
        this.store = store;
        this.cache = cache;
        this.life = new Lifecycle(store);
        String where = store.location().toLowerCase(java.util.Locale.ROOT);
        this.shared = where.startsWith("postgres") || where.startsWith("jdbc:postgresql");
        this.thread = Thread.ofPlatform().name("cerebro-store-writer").start(this::loop);
    }

    /** Queues a job; its future completes when it is committed (or fails with the reason). */
    <T> CompletableFuture<T> submit(Job job) {
        if (!running) {
            job.done().completeExceptionally(new IllegalStateException("the server is shutting down"));
        } else if (!queue.offer(job)) {
            job.done().completeExceptionally(new Overloaded());
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<T> f = (CompletableFuture<T>) job.done();
        return f;
    }

    /** The queue is full: the client should retry later. */
    static final class Overloaded extends RuntimeException {
        Overloaded() {
            super("the server's write queue is full (" + MAX_QUEUED + " requests); retry shortly", null, false, false);
        }
    }

    /** @return whether other processes may write the store too (PostgreSQL). */
    boolean shared() {
        return shared;
    }

    /** @return jobs waiting to be written. */
    int pending() {
        return queue.size();
    }

    /** @return write cycles so far (each commits one or more requests). */
    long commits() {
        return commits;
    }

    /** @return requests written so far. */
    long jobsWritten() {
        return jobsWritten;
    }

    private void loop() {
        List<Job> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Job first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_JOBS - 1);
                write(batch);
                commits++;
                jobsWritten += batch.size();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                // a failure no job claimed (write() fails the jobs it was writing): fail the rest of the batch
                for (Job j : batch) {
                    j.done().completeExceptionally(e);
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Job> batch) {
        Map<String, List<Job>> byExperiment = new LinkedHashMap<>();
        for (Job j : batch) {
            byExperiment.computeIfAbsent(j.experiment(), k -> new ArrayList<>()).add(j);
        }
        for (Map.Entry<String, List<Job>> e : byExperiment.entrySet()) {
            List<Job> jobs = e.getValue();
            try {
                Optional<Experiment> found = cache.experiment(e.getKey());
                if (found.isEmpty()) {
                    UserInputException missing = notFound(e.getKey());
                    jobs.forEach(j -> j.done().completeExceptionally(missing));
                    continue;
                }
                write(found.get(), jobs);
            } catch (RuntimeException ex) {
                jobs.forEach(j -> j.done().completeExceptionally(ex));
            }
        }
    }

    private UserInputException notFound(String name) {
        try {
            life.require(name);
            return new UserInputException("no experiment named '" + name + "'");
        } catch (UserInputException u) {
            return u;
        }
    }

    /**
     * One experiment's share of a cycle: the assignments and events of every good request in one
     * transaction. Assign requests come first; each new unit gets what {@code exp assign --unit}
     * gives it, and each record request's new units are assigned as its own {@code exp record}
     * call would assign them.
     */
    private void write(Experiment e, List<Job> jobs) {
        List<AssignJob> assigns = new ArrayList<>();
        List<RecordJob> records = new ArrayList<>();
        for (Job j : jobs) {
            if (j instanceof AssignJob a) {
                if (e.status() != ExperimentStatus.RUNNING) {
                    a.done().complete(life.assign(e.name(), a.unit(), a.stratum())); // the control, with the note why
                } else if (a.unit() == null || a.unit().isBlank()) {
                    a.done().completeExceptionally(new UserInputException("a unit id is empty; every unit needs an id"));
                } else {
                    assigns.add(a);
                }
            } else if (j instanceof RecordJob r) {
                try {
                    Lifecycle.checkRecordable(e, r.observations());
                    records.add(r);
                } catch (UserInputException bad) {
                    r.done().completeExceptionally(bad);
                }
            }
        }
        if (assigns.isEmpty() && records.isEmpty()) {
            return;
        }
        if (shared && e.strata() != null && e.status() == ExperimentStatus.RUNNING) {
            writeBalanced(e, assigns, records);
            return;
        }
        // the stored assignments of the units this cycle names: all in memory for a store this server
        // owns, else those the server has seen plus one look-up for the rest. New assignments of this
        // cycle go into 'known' only; memory learns them once they are committed, so that a request
        // answered from memory is always answered with stored data
        Map<String, String> owned = shared ? null : cache.owned(e);
        Map<String, String> known = new HashMap<>();
        LinkedHashSet<String> lookup = new LinkedHashSet<>();
        if (shared) {
            assigns.forEach(a -> need(e, a.unit(), known, lookup));
            records.forEach(r -> r.observations().forEach(o -> need(e, o.unit(), known, lookup)));
        } else {
            assigns.forEach(a -> copyOwned(owned, a.unit(), known));
            records.forEach(r -> r.observations().forEach(o -> copyOwned(owned, o.unit(), known)));
        }
        if (!lookup.isEmpty()) {
            store.assignments(e.name(), lookup).forEach((u, a) -> known.put(u, a.variant()));
        }
        Instant now = Instant.now();
        // with strata a new unit's variant depends on its stratum's counts: read once, kept up to date below
        Map<String, Map<String, Long>> counts = new HashMap<>();
        if (e.strata() != null) {
            store.stratumCounts(e.name()).forEach((st, c) -> counts.put(st, new HashMap<>(c)));
        }
        List<Assignment> fresh = new ArrayList<>();
        for (AssignJob a : assigns) {
            if (!known.containsKey(a.unit())) {
                Assignment x = Assigner.batch(e, List.of(new Assigner.Unit(a.unit(), a.stratum())), Map.of(), counts, now).get(0);
                known.put(x.unit(), x.variant());
                fresh.add(x);
                count(e, counts, x);
            }
        }
        List<MetricEvent> events = new ArrayList<>();
        List<Lifecycle.Recorded> answers = new ArrayList<>();
        for (RecordJob j : records) {
            long assignedHere = 0;
            if (e.status() == ExperimentStatus.RUNNING) {
                Map<String, String> strata = new LinkedHashMap<>();
                for (Lifecycle.Observation o : j.observations()) {
                    if (!known.containsKey(o.unit())) {
                        strata.putIfAbsent(o.unit(), o.stratum());
                    }
                }
                List<Assigner.Unit> missing = new ArrayList<>();
                strata.forEach((u, st) -> missing.add(new Assigner.Unit(u, st)));
                for (Assignment x : Assigner.batch(e, missing, Map.of(), counts, now)) {
                    if (known.putIfAbsent(x.unit(), x.variant()) == null) {
                        fresh.add(x);
                        assignedHere++;
                        count(e, counts, x);
                    }
                }
            }
            long stored = 0;
            long skipped = 0;
            for (Lifecycle.Observation o : j.observations()) {
                if (!known.containsKey(o.unit())) {
                    skipped++; // paused: the unit is not in the experiment
                    continue;
                }
                events.add(new MetricEvent(o.unit(), o.metric(), o.value(), now));
                stored++;
            }
            answers.add(new Lifecycle.Recorded(stored, assignedHere, skipped));
        }
        if (!fresh.isEmpty() || !events.isEmpty()) {
            store.recordEvents(e.name(), fresh, events, n -> { });
        }
        if (owned != null) {
            fresh.forEach(x -> owned.put(x.unit(), x.variant()));
        }
        if (shared && !fresh.isEmpty()) {
            // another process on a shared PostgreSQL store may have assigned some first: theirs stand
            store.assignments(e.name(), fresh.stream().map(Assignment::unit).toList()).forEach((u, a) -> known.put(u, a.variant()));
        }
        if (shared) {
            for (Assignment x : fresh) {
                cache.remember(e.name(), x.unit(), known.get(x.unit()));
            }
        }
        for (AssignJob a : assigns) {
            a.done().complete(new Lifecycle.Assigned(a.unit(), known.get(a.unit()), true, null));
        }
        for (int i = 0; i < records.size(); i++) {
            records.get(i).done().complete(answers.get(i));
        }
    }

    /**
     * A stratified experiment on a store other processes write too: the cycle's new units are
     * decided under the experiment's lock in the store, on counts that include the other
     * processes' units (see {@link ExperimentStore#assignBalanced}), so every stratum stays balanced.
     */
    private void writeBalanced(Experiment e, List<AssignJob> assigns, List<RecordJob> records) {
        LinkedHashSet<String> units = new LinkedHashSet<>();
        assigns.forEach(a -> units.add(a.unit()));
        Instant now = Instant.now();
        List<MetricEvent> events = new ArrayList<>();
        for (RecordJob r : records) {
            for (Lifecycle.Observation o : r.observations()) {
                units.add(o.unit());
                events.add(new MetricEvent(o.unit(), o.metric(), o.value(), now));
            }
        }
        long[] assignedHere = new long[records.size()];
        List<Assignment> fresh = new ArrayList<>();
        Map<String, Assignment> stored = store.assignBalanced(e.name(), units, (existing, storedCounts) -> {
            fresh.clear();
            java.util.Arrays.fill(assignedHere, 0);
            Map<String, String> known = new HashMap<>();
            existing.forEach((u, a) -> known.put(u, a.variant()));
            Map<String, Map<String, Long>> counts = new HashMap<>();
            storedCounts.forEach((st, c) -> counts.put(st, new HashMap<>(c)));
            for (AssignJob a : assigns) {
                if (!known.containsKey(a.unit())) {
                    Assignment x = Assigner.batch(e, List.of(new Assigner.Unit(a.unit(), a.stratum())), Map.of(), counts, now).get(0);
                    known.put(x.unit(), x.variant());
                    fresh.add(x);
                    count(e, counts, x);
                }
            }
            for (int i = 0; i < records.size(); i++) {
                Map<String, String> strata = new LinkedHashMap<>();
                for (Lifecycle.Observation o : records.get(i).observations()) {
                    if (!known.containsKey(o.unit())) {
                        strata.putIfAbsent(o.unit(), o.stratum());
                    }
                }
                List<Assigner.Unit> missing = new ArrayList<>();
                strata.forEach((u, st) -> missing.add(new Assigner.Unit(u, st)));
                for (Assignment x : Assigner.batch(e, missing, Map.of(), counts, now)) {
                    known.put(x.unit(), x.variant());
                    fresh.add(x);
                    assignedHere[i]++;
                    count(e, counts, x);
                }
            }
            return List.copyOf(fresh);
        }, events, n -> { });
        for (Assignment x : fresh) {
            cache.remember(e.name(), x.unit(), stored.get(x.unit()).variant());
        }
        for (AssignJob a : assigns) {
            a.done().complete(new Lifecycle.Assigned(a.unit(), stored.get(a.unit()).variant(), true, null));
        }
        for (int i = 0; i < records.size(); i++) {
            records.get(i).done().complete(new Lifecycle.Recorded(records.get(i).observations().size(), assignedHere[i], 0));
        }
    }

    private static void count(Experiment e, Map<String, Map<String, Long>> counts, Assignment x) {
        if (e.strata() != null) {
            counts.computeIfAbsent(x.stratum() == null ? "" : x.stratum(), k -> new HashMap<>()).merge(x.variant(), 1L, Long::sum);
        }
    }

    private static void copyOwned(Map<String, String> owned, String unit, Map<String, String> known) {
        String v = owned.get(unit);
        if (v != null) {
            known.put(unit, v);
        }
    }

    private void need(Experiment e, String unit, Map<String, String> known, LinkedHashSet<String> lookup) {
        if (known.containsKey(unit) || lookup.contains(unit)) {
            return;
        }
        String v = cache.variant(e.name(), unit);
        if (v != null) {
            known.put(unit, v);
        } else {
            lookup.add(unit);
        }
    }

    /** Stops taking work, writes what is queued, and waits for the writer to finish. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
