package io.cerebro.cli;

import io.cerebro.cli.bench.BenchCommand;
import io.cerebro.core.CerebroVersion;
import io.cerebro.core.data.Dataset;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cerebro} command: one subcommand per job. */
@Command(name = "cerebro", mixinStandardHelpOptions = true, versionProvider = CerebroCommand.Version.class,
        description = "Experiment analysis and causal inference: reference engines, reports and validated pipelines.",
        subcommands = {
                AbtestCommand.class,
                CausalCommand.class,
                CorpusCommand.class,
                PowerCommand.class,
                MmmCommand.class,
                GeotestCommand.class,
                UpliftCommand.class,
                BanditCommand.class,
                TuneCommand.class,
                SuggestNextCommand.class,
                ConfigCommand.class,
                io.cerebro.cli.exp.ExpCommand.class,
                io.cerebro.cli.policy.PolicyCommand.class,
                io.cerebro.cli.mcp.McpCommand.class,
                io.cerebro.cli.serve.ServeCommand.class,
                BenchCommand.class,
                io.cerebro.cli.agents.AgentsCommand.class,
                GenerateCommand.class,
                ValidateCommand.class,
                CommandLine.HelpCommand.class
        })
public final class CerebroCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The global {@code --profile}: read before parsing (see {@link CliConfig}), declared here so every command accepts it. */
    @CommandLine.Option(names = "--profile", paramLabel = "P", scope = CommandLine.ScopeType.INHERIT,
            description = "Configuration profile: development, production, research, conservative, aggressive or minimal (see 'cerebro config profiles').")
    String profile;


    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Entry point: exits with the command's code (0 ok, 1 a failed check or verdict, 2 bad input). */
    /**
     * Lucene's notice that the JDK's incubating Vector API is not enabled: it is for developers tuning
     * the index, not for users (enabling the module prints a JVM warning of its own). Held here so the
     * logger, and its level, live as long as the program.
     */
    private static final java.util.logging.Logger LUCENE_VECTORIZATION =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

    public static void main(String[] args) {
        LUCENE_VECTORIZATION.setLevel(java.util.logging.Level.SEVERE);
        if (System.getenv(NO_DIGEST_CACHE) == null) {
            // the command line re-analyses the same files: remember their provenance hashes (see FileDigest)
            io.cerebro.core.data.FileDigest.cacheIn(cacheDir().resolve("digests"));
        }
        if (args.length > 0 && READS_DATA.contains(args[0])) {
            // DuckDB's native library takes a while to unpack and link: overlap it with picocli's start-up
            Thread.ofPlatform().daemon().name("duckdb-preload").start(Dataset::preloadEngine);
        }
        long t0 = System.nanoTime();
        int code = execute(args);
        if (System.getenv(IN_PROCESS_TIMING) != null) {
            // for `cerebro bench`: the time inside main, beside the process's wall clock it measures
            System.err.printf(java.util.Locale.ROOT, "%s %.6f%n", IN_PROCESS_TIMING, (System.nanoTime() - t0) / 1e9);
        }
        System.exit(code);
    }

    /** With this environment variable set, every data file is hashed from its bytes again (no digest cache). */
    public static final String NO_DIGEST_CACHE = "CEREBRO_NO_DIGEST_CACHE";

    /** Cerebro's per-user cache folder: $CEREBRO_CACHE_DIR, else $XDG_CACHE_HOME/cerebro, else ~/.cache/cerebro. */
    static java.nio.file.Path cacheDir() {
        return io.cerebro.core.config.UserDirs.cache();
    }

    /** With this environment variable set, main prints the seconds it ran on stderr (used by the benchmarks). */
    public static final String IN_PROCESS_TIMING = "CEREBRO_IN_PROCESS_TIMING";

    /** The root command holding a single subcommand (see {@link #execute}). */
    @Command(name = "cerebro", mixinStandardHelpOptions = true, versionProvider = CerebroCommand.Version.class,
            description = "Experiment analysis and causal inference: reference engines, reports and validated pipelines.")
    static final class One implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** The global {@code --profile}: read before parsing (see {@link CliConfig}), declared here so every command accepts it. */
        @CommandLine.Option(names = "--profile", paramLabel = "P", scope = CommandLine.ScopeType.INHERIT,
                description = "Configuration profile: development, production, research, conservative, aggressive or minimal (see 'cerebro config profiles').")
        String profile;


        @Override
        public void run() {
            spec.commandLine().usage(System.out);
        }
    }

    /** Subcommands that read a dataset: every family's command that does, and the pipeline commands. */
    private static final java.util.Set<String> READS_DATA = readsData();

    private static java.util.Set<String> readsData() {
        java.util.Set<String> s = new java.util.TreeSet<>(io.cerebro.core.family.Families.dataCommands());
        s.add("generate");
        s.add("validate");
        return s;
    }

    /**
     * Runs the command line in-process and returns the exit code (used by tests). When the first
     * argument names a subcommand, picocli is given only that one: it builds a model of every option
     * of every command it holds, which for the whole tree costs tens of milliseconds at each start.
     * Messages, help and exit codes are the same.
     */
    public static int execute(String... args) {
        return execute(System.getenv(), args);
    }

    /** As {@link #execute(String...)}, with {@code env} as the environment the configuration reads. */
    public static int execute(java.util.Map<String, String> env, String... args) {
        String profile = CliConfig.profileIn(java.util.List.of(args));
        if (profile != null) {
            try {
                io.cerebro.core.config.Profile.of(profile, "--profile");
            } catch (io.cerebro.core.error.UserInputException e) {
                System.err.println("cerebro: " + e.getMessage());
                return CliSupport.BAD_INPUT;
            }
        }
        CliConfig.reset(profile, env);
        if (args.length > 0) {
            for (Class<?> sub : CerebroCommand.class.getAnnotation(Command.class).subcommands()) {
                Command c = sub.getAnnotation(Command.class);
                if (c != null && c.name().equals(args[0]) && sub != CommandLine.HelpCommand.class) {
                    CommandLine cl = new CommandLine(new One());
                    cl.addSubcommand(sub);
                    return CliSupport.configure(cl).execute(args);
                }
            }
        }
        return CliSupport.newCommandLine(new CerebroCommand()).execute(args);
    }

    /** Reports the Cerebro version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"cerebro " + CerebroVersion.get() + " (Java " + Runtime.version() + ")"};
        }
    }
}
