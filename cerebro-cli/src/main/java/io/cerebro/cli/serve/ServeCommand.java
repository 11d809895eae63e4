package io.cerebro.cli.serve;

import io.cerebro.cli.CliSupport;
import io.cerebro.core.error.UserInputException;
import io.cerebro.store.ExperimentStore;
import io.cerebro.store.Stores;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.BindException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code cerebro serve}: the HTTP JSON API for applications, over one store, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve experiments over HTTP JSON: assign units, record events (single or batch), analyse, recommend, health.",
                "Writes go through one group-commit writer, so many clients share a DuckDB store without lock waits.",
                "Example: cerebro serve --port 8080 --store cerebro.duckdb --token s3cret"})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port to listen on (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to bind (default ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--store", paramLabel = "PATH|URL",
            description = "A DuckDB file or postgresql:// URL (default: $CEREBRO_STORE, else the user's data directory).")
    String store;

    @Option(names = "--token", paramLabel = "T",
            description = "API token clients must send as 'Authorization: Bearer T' (default: $CEREBRO_API_TOKEN; none when unset).")
    String token;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws IOException {
        if (port < 0 || port > 65535) {
            throw new UserInputException("--port must be between 0 and 65535, got " + port);
        }
        String t = token != null ? token : System.getenv("CEREBRO_API_TOKEN");
        if (t != null && t.isBlank()) {
            throw new UserInputException("--token is empty; give a secret, or leave it out for no token");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        ExperimentStore s = Stores.open(store);
        ExperimentHttpServer server;
        try {
            server = new ExperimentHttpServer(s, host, port, t);
        } catch (BindException e) {
            s.close();
            throw new UserInputException("cannot listen on " + host + ":" + port + " (" + e.getMessage() + "); choose another --port");
        }
        // Ctrl-C or SIGTERM: answer the requests in flight, commit what is queued, release the store
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            s.close();
            stopped.countDown();
        }, "cerebro-serve-shutdown"));
        cmd.commandLine().getErr().println("cerebro: serving " + s.location() + " on http://" + host + ":" + server.port()
                + (t == null ? " (no API token: anyone who can reach the port may write)" : " (API token required)")
                + "; stop with Ctrl-C");
        cmd.commandLine().getErr().flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return CliSupport.OK;
    }
}
