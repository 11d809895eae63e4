package io.cerebro.agents.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible chat-completions endpoint on loopback that answers from recorded or scripted
 * answers instead of a model, so the LLM path (LangChain4j's client, the repair loop, strategy
 * selection, prompt evolution) runs deterministically without a model or network.
 *
 * <p>Each request is handed to a {@link Responder} as an {@link Exchange}: the system message, the first
 * user message, and which attempt of its conversation it is (the number of assistant messages already
 * in it), so the answer depends only on what was asked, never on timing or the order of concurrent
 * conversations. Usage is reported as characters / 4 of the prompt and of the answer.
 */
public final class ReplayEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * One chat request.
     *
     * @param system      the system message
     * @param user        the first user message (the spec, the dataset profile, the examples)
     * @param attempt     0 for the first answer of a conversation, 1 for the first repair, ...
     * @param lastMessage the last user message (the first one, or the latest repair request)
     */
    public record Exchange(String system, String user, int attempt, String lastMessage) {
        /** @return the spec YAML block of the first user message, or "" when it has none. */
        public String specYaml() {
            int start = user.indexOf("```yaml\n");
            int end = start < 0 ? -1 : user.indexOf("\n```", start + 8);
            return start < 0 || end < 0 ? "" : user.substring(start + 8, end + 1);
        }

        /** @return whether the system or first user message contains {@code text}. */
        public boolean promptContains(String text) {
            return system.contains(text) || user.contains(text);
        }
    }

    /** Answers one request. */
    @FunctionalInterface
    public interface Responder {
        /** @return the assistant's answer text */
        String answer(Exchange exchange);
    }

    /** Starts the endpoint on a free loopback port. */
    public ReplayEndpoint(Responder responder) throws IOException {
        this(responder, 0);
    }

    /**
     * Starts the endpoint on a loopback port.
     *
     * @param port the port, or 0 for a free one
     * @throws IOException when the port cannot be bound (e.g. it is in use)
     */
    public ReplayEndpoint(Responder responder, int port) throws IOException {
        Objects.requireNonNull(responder, "responder");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "cerebro-replay");
            t.setDaemon(true);
            return t;
        }));
        ObjectMapper json = new ObjectMapper();
        server.createContext("/v1/chat/completions", exchange -> {
            try {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                requests.add(body);
                Exchange ex = parse(json.readTree(body));
                String answer = responder.answer(ex);
                ObjectNode response = json.createObjectNode();
                response.put("id", "chatcmpl-replay-" + requests.size());
                response.put("object", "chat.completion");
                response.put("created", 1_700_000_000L);
                response.put("model", "replay");
                ObjectNode choice = response.putArray("choices").addObject();
                choice.put("index", 0);
                choice.putObject("message").put("role", "assistant").put("content", answer);
                choice.put("finish_reason", "stop");
                int prompt = (ex.system().length() + ex.user().length()) / 4;
                int completion = answer.length() / 4;
                response.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                        .put("total_tokens", prompt + completion);
                byte[] bytes = json.writeValueAsBytes(response);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
                served.incrementAndGet();
            } catch (RuntimeException e) {
                byte[] bytes = ("{\"error\": {\"message\": " + json.writeValueAsString(String.valueOf(e.getMessage())) + "}}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(500, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
                served.incrementAndGet();
            }
        });
        server.start();
    }

    private static Exchange parse(JsonNode body) {
        String system = "";
        String user = null;
        String last = "";
        int assistants = 0;
        for (JsonNode m : body.path("messages")) {
            String role = m.path("role").asText();
            String content = m.path("content").isTextual() ? m.path("content").asText() : m.path("content").toString();
            switch (role) {
                case "system" -> system = content;
                case "user" -> {
                    if (user == null) {
                        user = content;
                    }
                    last = content;
                }
                case "assistant" -> assistants++;
                default -> {
                }
            }
        }
        return new Exchange(system, user == null ? "" : user, assistants, last);
    }

    /**
     * A responder that replays recordings: a JSON-lines file of {@code {"spec": "<spec YAML as in the
     * prompt>", "answers": ["...", "..."]}}; attempt i of a conversation about that spec gets answer i
     * (the last one once they run out). A spec with no recording gets an answer that fails to parse.
     */
    public static Responder recordings(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        java.util.Map<String, List<String>> bySpec = new java.util.HashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            List<String> answers = new ArrayList<>();
            n.path("answers").forEach(a -> answers.add(a.asText()));
            bySpec.put(n.path("spec").asText(), answers);
        }
        return ex -> {
            List<String> answers = bySpec.get(ex.specYaml());
            if (answers == null || answers.isEmpty()) {
                return "no recording for this spec";
            }
            return answers.get(Math.min(ex.attempt(), answers.size() - 1));
        };
    }

    /** @return the OpenAI-style base URL, ending in /v1. */
    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/v1";
    }

    /** @return the requests answered so far (responses written in full, errors included). */
    public int served() {
        return served.get();
    }

    /** @return the request bodies received so far. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
