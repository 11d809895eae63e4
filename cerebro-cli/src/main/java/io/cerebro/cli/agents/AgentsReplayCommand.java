package io.cerebro.cli.agents;

import io.cerebro.agents.bench.ReplayEndpoint;
import io.cerebro.cli.CliSupport;
import io.cerebro.core.error.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code cerebro agents replay}: serves recorded LLM answers as an OpenAI-compatible endpoint on
 * loopback ({@link ReplayEndpoint}), so {@code cerebro agents bench --llm URL} or any other client runs
 * the LLM path without a model.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve recorded answers as an OpenAI-compatible chat endpoint on loopback (no model needed).",
                "Example: cerebro agents replay --port 8099 --recordings answers.jsonl",
                "         cerebro agents bench --llm http://127.0.0.1:8099/v1 --model replay"})
public final class AgentsReplayCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "P", required = true, description = "Loopback port to listen on (1 to 65535).")
    int port;

    @Option(names = "--recordings", paramLabel = "FILE", required = true,
            description = "JSON lines of {\"spec\": \"<spec YAML as in the prompt>\", \"answers\": [\"...\", ...]}; "
                    + "attempt i of a conversation gets answer i.")
    Path recordings;

    @Option(names = "--max-requests", paramLabel = "N", defaultValue = "0",
            description = "Stop after answering N requests (default ${DEFAULT-VALUE}: serve until interrupted).")
    int maxRequests;

    @Override
    public Integer call() {
        if (port < 1 || port > 65535) {
            throw new UserInputException("--port must be 1 to 65535, got " + port);
        }
        if (maxRequests < 0) {
            throw new UserInputException("--max-requests must be 0 (no limit) or more, got " + maxRequests);
        }
        if (!Files.isRegularFile(recordings)) {
            throw new UserInputException("recordings " + recordings + " not found; write JSON lines of "
                    + "{\"spec\": ..., \"answers\": [...]} (docs/agents.md, the replay endpoint)");
        }
        ReplayEndpoint.Responder responder;
        try {
            responder = ReplayEndpoint.recordings(recordings);
        } catch (IOException | RuntimeException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    : String.valueOf(e.getMessage());
            throw new UserInputException("cannot read the recordings " + recordings + " (" + why.lines().findFirst().orElse("")
                    + "); each line must be a JSON object with spec and answers");
        }
        ReplayEndpoint endpoint;
        try {
            endpoint = new ReplayEndpoint(responder, port);
        } catch (IOException e) {
            throw new UserInputException("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + "); choose a free port");
        }
        try (endpoint) {
            System.out.println("replaying " + recordings + " at " + endpoint.baseUrl()
                    + (maxRequests > 0 ? " for " + maxRequests + " requests" : " (Ctrl-C to stop)"));
            System.out.flush();
            while (maxRequests == 0 || endpoint.served() < maxRequests) {
                Thread.sleep(50);
            }
            System.out.println("answered " + endpoint.served() + " requests");
            return CliSupport.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CliSupport.OK;
        }
    }
}
