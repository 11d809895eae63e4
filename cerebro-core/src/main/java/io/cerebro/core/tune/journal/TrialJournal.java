package io.cerebro.core.tune.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cerebro.core.error.UserInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A study's append-only journal. Lines are {@code {"event":"study",...}} (once, first),
 * {@code {"event":"start","trial":n,"params":{...},"owner":...}} and
 * {@code {"event":"finish","trial":n,"state":...,"values":[...],...}}. Every append happens under an
 * exclusive lock of the file (shared by processes: the operating system's advisory lock) and is
 * forced to disk before the lock is released, so a finished trial is never lost.
 *
 * <p>A line cut short by a crash is skipped when read, and the next writer starts a fresh line. A
 * trial whose start was written by a process that is no longer alive is abandoned: the next claim
 * runs it again under the same number and configuration, so a killed study resumes with no trial
 * lost, repeated or renumbered.
 */
public final class TrialJournal implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path path;
    private final FileChannel channel;
    private final String owner;
    private final Map<Integer, Trial> trials = new TreeMap<>();
    private String studyName;
    private long offset;
    private boolean endsWithNewline = true;

    private TrialJournal(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
        this.owner = currentOwner();
    }

    /** @return the journal at {@code path}, created (with its folder) when missing. */
    public static TrialJournal open(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new TrialJournal(path, FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UserInputException("cannot open the trial journal " + path + ": " + e.getMessage() + "; choose a writable path with journal:");
        }
    }

    /** @return the journal's file. */
    public Path path() {
        return path;
    }

    /** @return this process's owner id: pid and start time, so a recycled pid is not taken for a live tuner. */
    public static String currentOwner() {
        ProcessHandle me = ProcessHandle.current();
        return me.pid() + ":" + me.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
    }

    static boolean alive(String owner) {
        if (owner == null) {
            return false;
        }
        String[] parts = owner.split(":");
        try {
            long pid = Long.parseLong(parts[0]);
            long start = parts.length > 1 ? Long.parseLong(parts[1]) : 0;
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .map(h -> start == 0 || h.info().startInstant().map(i -> i.toEpochMilli() == start).orElse(true)).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** @return every trial in number order, as the journal stands now. */
    public synchronized List<Trial> trials() {
        try (FileLock ignored = channel.lock()) {
            refresh();
            return new ArrayList<>(trials.values());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the study name the journal was started for, or null for a new journal. */
    public synchronized String studyName() {
        trials();
        return studyName;
    }

    /**
     * Writes a new journal holding {@code trials} as finished trials (a start and a finish line each,
     * the format {@link #finish} writes), forced to disk once at the end: for copying a study and for
     * benchmarks that need a long journal quickly. Refuses a file that exists.
     */
    public static void writeFinished(Path path, String name, List<Trial> trials) {
        if (Files.exists(path)) {
            throw new UserInputException("journal " + path + " already exists; give a new path");
        }
        try (TrialJournal j = open(path); FileLock ignored = j.channel.lock()) {
            StringBuilder sb = new StringBuilder();
            ObjectNode h = JSON.createObjectNode();
            h.put("event", "study");
            h.put("name", name);
            h.put("created", java.time.Instant.now().toString());
            sb.append(JSON.writeValueAsString(h)).append('\n');
            for (Trial t : trials) {
                ObjectNode st = JSON.createObjectNode();
                st.put("event", "start");
                st.put("trial", t.number());
                st.set("params", JSON.valueToTree(t.params()));
                st.put("owner", t.owner());
                sb.append(JSON.writeValueAsString(st)).append('\n');
                sb.append(JSON.writeValueAsString(finishLine(t, t.owner()))).append('\n');
            }
            ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            long pos = 0;
            while (buf.hasRemaining()) {
                pos += j.channel.write(buf, pos);
            }
            j.channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the study header when the journal is new; refuses a journal that belongs to another study. */
    public synchronized void begin(String name) {
        try (FileLock ignored = channel.lock()) {
            refresh();
            if (studyName == null) {
                ObjectNode h = JSON.createObjectNode();
                h.put("event", "study");
                h.put("name", name);
                h.put("created", java.time.Instant.now().toString());
                append(h);
                studyName = name;
            } else if (!studyName.equals(name)) {
                throw new UserInputException("journal " + path + " belongs to study '" + studyName + "', not '" + name
                        + "'; give this study its own journal: path or rename it back");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Claims the next trial: an abandoned trial (its tuner died) if there is one, else a new number,
     * as long as finished and running trials stay within {@code budget}.
     *
     * @param budget  the study's trial budget
     * @param suggest the configuration of a new trial number, given the finished trials (called under the lock)
     * @return the claimed trial (state running), or null when the budget is used up
     */
    public synchronized Trial claim(int budget, SuggestFunction suggest) {
        try (FileLock ignored = channel.lock()) {
            refresh();
            for (Trial t : trials.values()) {
                if (t.state() == Trial.State.RUNNING && !t.owner().equals(owner) && !alive(t.owner())) {
                    return start(t.number(), t.params());
                }
            }
            if (trials.size() >= budget) {
                return null;
            }
            int number = trials.isEmpty() ? 0 : ((TreeMap<Integer, Trial>) trials).lastKey() + 1;
            List<Trial> finished = trials.values().stream().filter(t -> t.state() != Trial.State.RUNNING).toList();
            return start(number, suggest.apply(number, finished));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sampler's side of a claim. */
    @FunctionalInterface
    public interface SuggestFunction {
        Map<String, Object> apply(int number, List<Trial> finished);
    }

    private Trial start(int number, Map<String, Object> params) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("event", "start");
        n.put("trial", number);
        n.set("params", JSON.valueToTree(params));
        n.put("owner", owner);
        append(n, false);
        Trial t = new Trial(number, params, Trial.State.RUNNING, List.of(), Double.NaN, List.of(), null, 0, owner);
        trials.put(number, t);
        return t;
    }

    /**
     * Records an intermediate value of a running trial (not forced to disk: a trial whose finish is
     * lost runs again from its first step), so pruners in other tuner processes see it.
     */
    public synchronized void step(int number, Trial.Step s) {
        try (FileLock ignored = channel.lock()) {
            refresh();
            ObjectNode n = JSON.createObjectNode();
            n.put("event", "step");
            n.put("trial", number);
            n.put("step", s.step());
            n.put("value", s.value());
            append(n, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records a trial's end (complete, failed, timeout or pruned, with its intermediate values). */
    public synchronized void finish(Trial t) {
        try (FileLock ignored = channel.lock()) {
            refresh();
            ObjectNode n = finishLine(t, owner);
            append(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode finishLine(Trial t, String owner) {
        ObjectNode n = JSON.createObjectNode();
        n.put("event", "finish");
        n.put("trial", t.number());
        n.put("state", t.state().name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode vs = n.putArray("values");
        t.values().forEach(vs::add);
        if (Double.isFinite(t.spread())) {
            n.put("spread", t.spread());
        }
        ArrayNode rs = n.putArray("runs");
        t.runs().forEach(rs::add);
        if (t.error() != null) {
            n.put("error", t.error());
        }
        n.put("seconds", t.seconds());
        n.put("owner", owner);
        if (!t.steps().isEmpty()) {
            ArrayNode st = n.putArray("steps");
            t.steps().forEach(s -> st.addArray().add(s.step()).add(s.value()));
        }
        return n;
    }

    private void append(ObjectNode node) throws IOException {
        append(node, true);
    }

    /**
     * @param durable force the line to disk before returning. A start line need not be: a killed
     *                process's writes are in the operating system's cache, which every reader shares,
     *                and a start lost with the machine only means the trial runs again.
     */
    private void append(ObjectNode node, boolean durable) throws IOException {
        long end = channel.size();
        if (end > 0 && !endsWithNewline(end)) {
            // a writer died mid-line: close that line so ours is read on its own
            channel.write(ByteBuffer.wrap(new byte[]{'\n'}), end);
            end++;
        }
        byte[] line = (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.wrap(line);
        long pos = end;
        while (buf.hasRemaining()) {
            pos += channel.write(buf, pos);
        }
        if (durable) {
            channel.force(false);
        }
        // our own line is applied when read back, like everyone else's
        refresh();
    }

    private boolean endsWithNewline(long size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1);
        channel.read(b, size - 1);
        return b.get(0) == '\n';
    }

    /** Reads the lines appended since the last read (a trailing partial line waits for its newline). */
    private void refresh() throws IOException {
        long size = channel.size();
        if (size <= offset) {
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size - offset));
        long pos = offset;
        while (buf.hasRemaining()) {
            int r = channel.read(buf, pos);
            if (r < 0) {
                break;
            }
            pos += r;
        }
        byte[] bytes = buf.array();
        int lineStart = 0;
        for (int i = 0; i < buf.position(); i++) {
            if (bytes[i] == '\n') {
                apply(new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8));
                lineStart = i + 1;
            }
        }
        offset += lineStart;
    }

    private void apply(String line) {
        if (line.isBlank()) {
            return;
        }
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (IOException e) {
            return; // a line torn by a crash: the trial it started is re-run, its finish was never acknowledged
        }
        if (n == null || !n.isObject()) {
            return;
        }
        String event = n.path("event").asText();
        switch (event) {
            case "study" -> studyName = n.path("name").asText();
            case "start" -> {
                int number = n.path("trial").asInt();
                Trial prev = trials.get(number);
                if (prev != null && prev.state() != Trial.State.RUNNING) {
                    return; // a finished trial is never re-opened
                }
                trials.put(number, new Trial(number, params(n.path("params")), Trial.State.RUNNING, List.of(), Double.NaN, List.of(), null, 0,
                        n.path("owner").asText()));
            }
            case "step" -> {
                int number = n.path("trial").asInt();
                Trial prev = trials.get(number);
                if (prev == null || prev.state() != Trial.State.RUNNING) {
                    return;
                }
                List<Trial.Step> steps = new ArrayList<>(prev.steps());
                steps.add(new Trial.Step(n.path("step").asLong(), n.path("value").asDouble()));
                trials.put(number, new Trial(number, prev.params(), prev.state(), prev.values(), prev.spread(), prev.runs(), prev.error(),
                        prev.seconds(), prev.owner(), steps));
            }
            case "finish" -> {
                int number = n.path("trial").asInt();
                Trial prev = trials.get(number);
                if (prev == null || prev.state() != Trial.State.RUNNING) {
                    return; // a second finish of one trial (two tuners raced on an abandoned trial): the first stands
                }
                List<Double> values = new ArrayList<>();
                n.path("values").forEach(v -> values.add(v.asDouble()));
                List<Double> runs = new ArrayList<>();
                n.path("runs").forEach(v -> runs.add(v.asDouble()));
                Trial.State state = Trial.State.valueOf(n.path("state").asText("failed").toUpperCase(java.util.Locale.ROOT));
                List<Trial.Step> steps = new ArrayList<>();
                n.path("steps").forEach(s -> steps.add(new Trial.Step(s.get(0).asLong(), s.get(1).asDouble())));
                trials.put(number, new Trial(number, prev.params(), state, values, n.has("spread") ? n.get("spread").asDouble() : Double.NaN,
                        runs, n.has("error") ? n.get("error").asText() : null, n.path("seconds").asDouble(), n.path("owner").asText(), steps));
            }
            default -> {
            }
        }
    }

    private static Map<String, Object> params(JsonNode p) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            out.put(e.getKey(), v.isIntegralNumber() ? (Object) v.asLong() : v.isNumber() ? (Object) v.asDouble()
                    : v.isBoolean() ? (Object) v.asBoolean() : v.asText());
        }
        return out;
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
