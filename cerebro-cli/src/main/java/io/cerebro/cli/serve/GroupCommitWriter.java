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
 * {@value #MAX_JOBS} jobs), and per experiment stores the batch's new assignments in one
 * transaction and its events in another, then completes each request's future: a request is
 * answered only once its data is committed. Under load one commit serves many requests, and no two
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

    /** A unit to assign; completes with its variant. */
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
    private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long commits;
    private volatile long jobsWritten;

    GroupCommitWriter(ExperimentStore store) {
        this.store = store;
        this.life = new Lifecycle(store);
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
                Optional<Experiment> found = store.experiment(e.getKey());
                if (found.isEmpty()) {
                    UserInputException missing = notFound(e.getKey());
                    jobs.forEach(j -> j.done().completeExceptionally(missing));
                    continue;
                }
                writeAssignments(found.get(), jobs.stream().filter(j -> j instanceof AssignJob).map(j -> (AssignJob) j).toList());
                writeEvents(found.get(), jobs.stream().filter(j -> j instanceof RecordJob).map(j -> (RecordJob) j).toList());
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

    /** New units of a running experiment get what {@code exp assign --unit} gives each; others get the control. */
    private void writeAssignments(Experiment e, List<AssignJob> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        if (e.status() != ExperimentStatus.RUNNING) {
            for (AssignJob j : jobs) {
                j.done().complete(life.assign(e.name(), j.unit(), j.stratum()));
            }
            return;
        }
        for (AssignJob j : jobs) {
            if (j.unit() == null || j.unit().isBlank()) {
                j.done().completeExceptionally(new UserInputException("a unit id is empty; every unit needs an id (check the unit column)"));
            }
        }
        List<AssignJob> ok = jobs.stream().filter(j -> !j.done().isDone()).toList();
        LinkedHashSet<String> units = new LinkedHashSet<>();
        ok.forEach(j -> units.add(j.unit()));
        Map<String, Assignment> known = new HashMap<>(store.assignments(e.name(), units));
        Instant now = Instant.now();
        List<Assignment> fresh = new ArrayList<>();
        for (AssignJob j : ok) {
            if (!known.containsKey(j.unit())) {
                Assignment a = Assigner.batch(e, List.of(new Assigner.Unit(j.unit(), j.stratum())), Map.of(), now).get(0);
                known.put(j.unit(), a);
                fresh.add(a);
            }
        }
        if (!fresh.isEmpty() && store.saveAssignments(e.name(), fresh) < fresh.size()) {
            // another process (a PostgreSQL store is shared) assigned some first: theirs stand
            known.putAll(store.assignments(e.name(), fresh.stream().map(Assignment::unit).toList()));
        }
        for (AssignJob j : ok) {
            j.done().complete(new Lifecycle.Assigned(j.unit(), known.get(j.unit()).variant(), true, null));
        }
    }

    /** Each request is checked alone; the good ones are stored together in one transaction. */
    private void writeEvents(Experiment e, List<RecordJob> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        List<RecordJob> ok = new ArrayList<>();
        for (RecordJob j : jobs) {
            try {
                Lifecycle.checkRecordable(e, j.observations());
                ok.add(j);
            } catch (UserInputException bad) {
                j.done().completeExceptionally(bad);
            }
        }
        if (ok.isEmpty()) {
            return;
        }
        LinkedHashSet<String> units = new LinkedHashSet<>();
        ok.forEach(j -> j.observations().forEach(o -> units.add(o.unit())));
        Map<String, Assignment> known = new HashMap<>(store.assignments(e.name(), units));
        Instant now = Instant.now();
        List<Assignment> fresh = new ArrayList<>();
        List<MetricEvent> events = new ArrayList<>();
        List<Lifecycle.Recorded> answers = new ArrayList<>();
        for (RecordJob j : ok) {
            long stored = 0;
            long skipped = 0;
            List<Assignment> mine = List.of();
            if (e.status() == ExperimentStatus.RUNNING) {
                // as Lifecycle.record: this request's unassigned units, in order, as one batch
                Map<String, String> strata = new LinkedHashMap<>();
                for (Lifecycle.Observation o : j.observations()) {
                    if (!known.containsKey(o.unit())) {
                        strata.putIfAbsent(o.unit(), o.stratum());
                    }
                }
                List<Assigner.Unit> missing = new ArrayList<>();
                strata.forEach((u, s) -> missing.add(new Assigner.Unit(u, s)));
                mine = Assigner.batch(e, missing, Map.of(), now);
                mine.forEach(a -> known.put(a.unit(), a));
                fresh.addAll(mine);
            }
            for (Lifecycle.Observation o : j.observations()) {
                if (!known.containsKey(o.unit())) {
                    skipped++; // paused: the unit is not in the experiment
                    continue;
                }
                events.add(new MetricEvent(o.unit(), o.metric(), o.value(), now));
                stored++;
            }
            answers.add(new Lifecycle.Recorded(stored, mine.size(), skipped));
        }
        store.recordEvents(e.name(), fresh, events, n -> { });
        for (int i = 0; i < ok.size(); i++) {
            ok.get(i).done().complete(answers.get(i));
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
