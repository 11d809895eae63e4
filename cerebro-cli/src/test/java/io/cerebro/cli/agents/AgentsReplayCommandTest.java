package io.cerebro.cli.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.cli.CliTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cerebro agents replay}: recorded answers over HTTP, attempt by attempt; bad flags. */
class AgentsReplayCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void servesTheRecordedAnswersOfEachAttempt(@TempDir Path tmp) throws Exception {
        Path rec = tmp.resolve("answers.jsonl");
        Files.writeString(rec, "{\"spec\": \"family: ab\\n\", \"answers\": [\"first answer\", \"repaired answer\"]}\n");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int p = port;
        CompletableFuture<CliTestSupport.Run> run = CompletableFuture.supplyAsync(() -> CliTestSupport.run("agents", "replay",
                "--port", String.valueOf(p), "--recordings", rec.toString(), "--max-requests", "3"));
        awaitListening(port, run);
        HttpClient http = HttpClient.newHttpClient();
        String user = "Spec:\n```yaml\nfamily: ab\n```\nwrite the pipeline";
        JsonNode first = chat(http, port, "[{\"role\":\"system\",\"content\":\"rules\"},{\"role\":\"user\",\"content\":"
                + JSON.writeValueAsString(user) + "}]");
        assertEquals("first answer", first.at("/choices/0/message/content").asText());
        // tokens are characters / 4: of the system and first user message, and of the answer (12 / 4 = 3)
        assertEquals((5 + user.length()) / 4, first.at("/usage/prompt_tokens").asInt());
        assertEquals("first answer".length() / 4, first.at("/usage/completion_tokens").asInt());
        JsonNode repair = chat(http, port, "[{\"role\":\"system\",\"content\":\"rules\"},{\"role\":\"user\",\"content\":"
                + JSON.writeValueAsString(user) + "},{\"role\":\"assistant\",\"content\":\"first answer\"},"
                + "{\"role\":\"user\",\"content\":\"it failed\"}]");
        assertEquals("repaired answer", repair.at("/choices/0/message/content").asText());
        JsonNode other = chat(http, port, "[{\"role\":\"user\",\"content\":\"```yaml\\nfamily: causal\\n```\"}]");
        assertEquals("no recording for this spec", other.at("/choices/0/message/content").asText());
        CliTestSupport.Run r = run.get(1, TimeUnit.MINUTES);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("at http://127.0.0.1:" + port + "/v1 for 3 requests"), r.out());
        assertTrue(r.out().contains("answered 3 requests"), r.out());
    }

    @Test
    void badFlagsAreOneLine(@TempDir Path tmp) throws Exception {
        CliTestSupport.badInput(CliTestSupport.run("agents", "replay", "--port", "8099", "--recordings", tmp.resolve("none.jsonl").toString()),
                "recordings", "not found");
        Path rec = tmp.resolve("a.jsonl");
        Files.writeString(rec, "{\"spec\": \"x\", \"answers\": [\"y\"]}\n");
        CliTestSupport.badInput(CliTestSupport.run("agents", "replay", "--port", "0", "--recordings", rec.toString()), "--port must be 1 to 65535");
        Files.writeString(rec, "not json\n");
        CliTestSupport.badInput(CliTestSupport.run("agents", "replay", "--port", "8099", "--recordings", rec.toString()),
                "cannot read the recordings");
        Files.writeString(rec, "{\"spec\": \"x\", \"answers\": [\"y\"]}\n");
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliTestSupport.badInput(CliTestSupport.run("agents", "replay", "--port", String.valueOf(taken.getLocalPort()),
                    "--recordings", rec.toString()), "cannot listen on 127.0.0.1:", "choose a free port");
        }
    }

    private static JsonNode chat(HttpClient http, int port, String messages) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"replay\",\"messages\":" + messages + "}")).build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode(), res.body());
        return JSON.readTree(res.body());
    }

    private static void awaitListening(int port, CompletableFuture<?> run) throws InterruptedException {
        while (!run.isDone()) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the replay command ended before listening: " + run.join());
    }
}
