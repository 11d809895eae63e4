package io.cerebro.agents.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

/**
 * An OpenAI-compatible chat-completions endpoint on loopback that answers from a script: answer i
 * for the i-th request. Records every request body so tests can check what the client sent.
 */
final class ScriptedOpenAiServer implements AutoCloseable {
    private final HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    ScriptedOpenAiServer(IntFunction<String> answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ObjectMapper json = new ObjectMapper();
        server.createContext("/v1/chat/completions", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int index = requests.size();
            requests.add(body);
            ObjectNode response = json.createObjectNode();
            response.put("id", "chatcmpl-" + index);
            response.put("object", "chat.completion");
            response.put("created", 1_700_000_000L);
            response.put("model", "scripted");
            ObjectNode choice = response.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", answers.apply(index));
            choice.put("finish_reason", "stop");
            response.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 100).put("total_tokens", 200);
            byte[] bytes = json.writeValueAsBytes(response);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** @return the OpenAI-style base URL, ending in /v1. */
    String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/v1";
    }

    /** @return the request bodies received so far. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
