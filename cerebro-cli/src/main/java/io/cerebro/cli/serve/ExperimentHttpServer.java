package io.cerebro.cli.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cerebro.cli.exp.ExpCommand;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.ResultJson;
import io.cerebro.experiment.Lifecycle;
import io.cerebro.experiment.Recommendation;
import io.cerebro.store.Experiment;
import io.cerebro.store.ExperimentStatus;
import io.cerebro.store.ExperimentStore;
import io.cerebro.store.MetricDefinition;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP JSON API over an open store.
 *
 * <pre>
 * GET  /health                               {"status": "ok", ...}            (no token needed)
 * GET  /experiments                          every experiment's name, status and variants
 * POST /experiments/NAME/assign              {"unit": "user42", "attributes": {"country": "US"}}
 * GET  /experiments/NAME/assign?unit=user42
 * POST /experiments/NAME/events              {"unit": "user42", "metric": "converted", "value": 1}
 *                                            or {"unit": ..., "metrics": {"converted": 1, "revenue": 9.5}}
 *                                            or {"events": [ ...either form... ]}  (one batch: all or nothing)
 * GET  /experiments/NAME/analysis[?metric=M] the A/B engine's result JSON (as 'cerebro exp analyze --format json')
 * GET  /experiments/NAME/recommendation      {"decision": ..., "winner": ..., "message": ...}
 * </pre>
 * Errors are {@code {"error": "one line"}}: 400 for bad input, 401 without the token, 404 for an
 * unknown experiment or path, 405 for a wrong method, 503 when the write queue is full. An
 * analysis or recommendation stores its stopping decision, as the CLI's does.
 */
public final class ExperimentHttpServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Thread-safe and reused: a reader and a writer made once spare each request Jackson's per-call setup. */
    private static final ObjectReader TREE = JSON.reader();
    private static final ObjectWriter REPLY = JSON.writer();
    /** Longest a request waits for its batch to commit before answering 500. */
    private static final long COMMIT_WAIT_SECONDS = 60;
    /** Largest request body read (a batch of events). */
    private static final int MAX_BODY = 32 * 1024 * 1024;

    private final ExperimentStore store;
    private final Lifecycle life;
    private final ServeCache cache;
    private final GroupCommitWriter writer;
    private final HttpServer http;
    private final ExecutorService executor;
    private final byte[] token;

    /**
     * Starts serving.
     *
     * @param store the store (the caller closes it after this server)
     * @param host  the address to bind (e.g. 127.0.0.1, or 0.0.0.0 for every interface)
     * @param port  the port; 0 picks a free one ({@link #port()})
     * @param token the API token clients send as {@code Authorization: Bearer TOKEN}, or null for none
     */
    public ExperimentHttpServer(ExperimentStore store, String host, int port, String token) throws IOException {
        this.store = store;
        this.life = new Lifecycle(store);
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.cache = new ServeCache(store);
        this.writer = new GroupCommitWriter(store, cache);
        this.http = HttpServer.create(new InetSocketAddress(host, port), 1024);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(executor);
        http.createContext("/", this::handle);
        http.start();
    }

    /** @return the port the server listens on. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** An answer: status and JSON body. */
    private record Reply(int status, Object body) {
    }

    /** A request the client got wrong, with its status. */
    private static final class HttpError extends RuntimeException {
        final int status;

        HttpError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private void handle(HttpExchange x) throws IOException {
        Reply r;
        try {
            r = route(x);
        } catch (HttpError e) {
            r = new Reply(e.status, error(e.getMessage()));
        } catch (UnknownExperiment e) {
            r = new Reply(404, error(e.getMessage()));
        } catch (UserInputException e) {
            r = new Reply(400, error(e.getMessage()));
        } catch (GroupCommitWriter.Overloaded e) {
            r = new Reply(503, error(e.getMessage()));
        } catch (RuntimeException e) {
            System.err.println("cerebro serve: internal error on " + x.getRequestMethod() + " " + x.getRequestURI() + ": " + e);
            r = new Reply(500, error("internal error: " + e.getClass().getSimpleName() + " (see the server's stderr)"));
        }
        byte[] body = r.body() instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : REPLY.writeValueAsBytes(r.body());
        x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        x.sendResponseHeaders(r.status(), body.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(body);
        }
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", message.replace('\n', ' '));
    }

    private Reply route(HttpExchange x) {
        String path = x.getRequestURI().getRawPath();
        String method = x.getRequestMethod();
        if (path.equals("/health")) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("status", "ok");
            h.put("store", store.location());
            h.put("schema_version", store.schemaVersion());
            h.put("pending_writes", writer.pending());
            h.put("commits", writer.commits());
            h.put("requests_written", writer.jobsWritten());
            return new Reply(200, h);
        }
        authorize(x);
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--; // trailing slashes, without compiling a regular expression per request
        }
        String[] parts = path.substring(0, end).split("/");
        if (parts.length == 2 && parts[1].equals("experiments")) {
            allow(method, "GET");
            List<Map<String, Object>> all = new ArrayList<>();
            for (Experiment e : store.experiments()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", e.name());
                m.put("status", e.status().label());
                m.put("variants", e.variants().stream().map(v -> Map.of("name", v.name(), "weight", v.weight())).toList());
                m.put("metrics", e.metrics().stream().map(MetricDefinition::name).toList());
                all.add(m);
            }
            return new Reply(200, Map.of("experiments", all));
        }
        if (parts.length != 4 || !parts[1].equals("experiments")) {
            throw new HttpError(404, "no such path " + path + "; see GET /health, /experiments, /experiments/NAME/{assign,events,analysis,recommendation}");
        }
        String name = URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
        Map<String, String> query = query(x.getRequestURI().getRawQuery());
        return switch (parts[3]) {
            case "assign" -> assign(x, method, name, query);
            case "events" -> {
                allow(method, "POST");
                yield record(name, body(x));
            }
            case "analysis" -> {
                allow(method, "GET", "POST");
                requireExperiment(name);
                yield new Reply(200, ResultJson.write(ExpCommand.withStopping(life.analyze(name, query.get("metric"), true))));
            }
            case "recommendation" -> {
                allow(method, "GET", "POST");
                requireExperiment(name);
                Recommendation rec = life.recommend(name);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("experiment", name);
                m.put("decision", rec.decision());
                m.put("winner", rec.winner());
                m.put("message", rec.message());
                m.put("needed_per_arm", rec.neededPerArm());
                m.put("more_per_arm", rec.morePerArm());
                yield new Reply(200, m);
            }
            default -> throw new HttpError(404, "no such path " + path + "; an experiment has /assign, /events, /analysis and /recommendation");
        };
    }

    private void authorize(HttpExchange x) {
        if (token == null) {
            return;
        }
        String h = x.getRequestHeaders().getFirst("Authorization");
        byte[] given = h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).strip().getBytes(StandardCharsets.UTF_8) : null;
        if (given == null || !MessageDigest.isEqual(given, token)) {
            throw new HttpError(401, "missing or wrong API token; send the header 'Authorization: Bearer TOKEN' with the server's --token");
        }
    }

    private static void allow(String method, String... allowed) {
        for (String a : allowed) {
            if (a.equals(method)) {
                return;
            }
        }
        throw new HttpError(405, method + " is not allowed here; use " + String.join(" or ", allowed));
    }

    /** An experiment the request names does not exist (404). */
    static final class UnknownExperiment extends UserInputException {
        UnknownExperiment(String message) {
            super(message);
        }
    }

    private void requireExperiment(String name) {
        try {
            life.require(name);
        } catch (UserInputException e) {
            throw new UnknownExperiment(e.getMessage());
        }
    }

    private Reply assign(HttpExchange x, String method, String name, Map<String, String> query) {
        allow(method, "GET", "POST");
        String unit;
        Map<String, String> attributes = new LinkedHashMap<>();
        if (method.equals("GET")) {
            unit = query.get("unit");
            query.forEach((k, v) -> {
                if (!k.equals("unit")) {
                    attributes.put(k, v);
                }
            });
        } else {
            JsonNode b = body(x);
            unit = text(b, "unit");
            JsonNode a = b.get("attributes");
            if (a != null && a.isObject()) {
                a.properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
            }
        }
        if (unit == null || unit.isBlank()) {
            throw new UserInputException("give the unit: POST {\"unit\": \"user42\"} or GET ?unit=user42");
        }
        Experiment e = experimentOrNotFound(name);
        String stratum = e.strata() == null ? null : attributes.get(e.strata());
        Lifecycle.Assigned a;
        String seen = e.status() != ExperimentStatus.RUNNING ? null
                : writer.shared() ? cache.variant(name, unit) : cache.owned(e).get(unit);
        // a unit the server knows is answered from memory, which holds committed assignments only;
        // a new unit waits for the group commit that stores its assignment
        a = seen != null ? new Lifecycle.Assigned(unit, seen, true, null)
                : await(writer.submit(new GroupCommitWriter.AssignJob(name, unit, stratum, new CompletableFuture<>())));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("experiment", name);
        m.put("unit", a.unit());
        m.put("variant", a.variant());
        if (a.note() != null) {
            m.put("note", a.note());
        }
        return new Reply(200, m);
    }

    private Reply record(String name, JsonNode body) {
        Experiment e = experimentOrNotFound(name);
        List<Lifecycle.Observation> obs = new ArrayList<>();
        if (body.has("events")) {
            JsonNode list = body.get("events");
            if (!list.isArray()) {
                throw new UserInputException("'events' must be a list of {\"unit\": ..., \"metric\": ..., \"value\": ...}");
            }
            for (JsonNode ev : list) {
                observations(e, ev, obs);
            }
        } else {
            observations(e, body, obs);
        }
        if (obs.isEmpty()) {
            throw new UserInputException("no events given; send {\"unit\": \"user42\", \"metric\": \"converted\", \"value\": 1}");
        }
        Lifecycle.Recorded r = await(writer.submit(new GroupCommitWriter.RecordJob(name, obs, new CompletableFuture<>())));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("experiment", name);
        m.put("recorded", r.events());
        m.put("new_assignments", r.newAssignments());
        if (r.skipped() > 0) {
            m.put("skipped", r.skipped());
            m.put("note", "experiment '" + name + "' is paused: " + r.skipped() + " events of units not in it were not recorded");
        }
        return new Reply(200, m);
    }

    private static void observations(Experiment e, JsonNode ev, List<Lifecycle.Observation> out) {
        if (!ev.isObject()) {
            throw new UserInputException("an event must be an object {\"unit\": ..., \"metric\": ..., \"value\": ...}");
        }
        String unit = text(ev, "unit");
        String stratum = null;
        JsonNode a = ev.get("attributes");
        if (e.strata() != null && a != null && a.has(e.strata())) {
            stratum = a.get(e.strata()).asText();
        }
        if (ev.has("metrics")) {
            JsonNode ms = ev.get("metrics");
            if (!ms.isObject()) {
                throw new UserInputException("'metrics' must be an object of name: value, e.g. {\"converted\": 1}");
            }
            Iterator<Map.Entry<String, JsonNode>> it = ms.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> kv = it.next();
                out.add(new Lifecycle.Observation(unit, kv.getKey(), number(unit, kv.getKey(), kv.getValue()), stratum));
            }
        } else {
            String metric = text(ev, "metric");
            if (metric == null) {
                throw new UserInputException("an event needs 'metric' and 'value' (or 'metrics': {name: value}); unit '" + unit + "' has neither");
            }
            out.add(new Lifecycle.Observation(unit, metric, number(unit, metric, ev.get("value")), stratum));
        }
    }

    private static double number(String unit, String metric, JsonNode v) {
        if (v == null || !v.isNumber()) {
            if (v != null && v.isBoolean()) {
                return v.asBoolean() ? 1 : 0;
            }
            throw new UserInputException("unit '" + unit + "' has " + metric + " = " + v + ", not a number; send e.g. \"value\": 1 (nothing was stored)");
        }
        return v.asDouble();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private Experiment experimentOrNotFound(String name) {
        return cache.experiment(name).orElseGet(() -> {
            requireExperiment(name);
            return life.require(name);
        });
    }

    private static JsonNode body(HttpExchange x) {
        byte[] bytes;
        try (InputStream in = x.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            throw new HttpError(400, "cannot read the request body: " + e.getMessage());
        }
        if (bytes.length > MAX_BODY) {
            throw new HttpError(413, "the request body is over " + (MAX_BODY >> 20) + " MB; send events in smaller batches");
        }
        try {
            JsonNode n = TREE.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw new UserInputException("the request body must be a JSON object, e.g. {\"unit\": \"user42\"}");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new UserInputException("the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HttpError(400, "cannot read the request body: " + e.getMessage());
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UserInputException u && u.getMessage() != null && u.getMessage().startsWith("no experiment named")) {
                throw new UnknownExperiment(u.getMessage());
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the store did not commit within " + COMMIT_WAIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the store");
        }
    }

    /** Stops accepting requests, lets those in flight finish, and writes what is queued. */
    @Override
    public void close() {
        http.stop(1);
        writer.close();
        executor.shutdown();
    }
}
