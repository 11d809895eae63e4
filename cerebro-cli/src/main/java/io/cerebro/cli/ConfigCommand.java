package io.cerebro.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cerebro.core.config.CerebroConfig;
import io.cerebro.core.config.Profile;
import io.cerebro.core.config.Setting;
import io.cerebro.core.error.UserInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code cerebro config}: shows, saves and lists the configuration and its profiles. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Cerebro's configuration: defaults < profile (--profile, CEREBRO_PROFILE or profile: in the file) < file "
                + "(CEREBRO_CONFIG or ~/.config/cerebro/config.yaml) < environment (CEREBRO_<KEY>) < flags.",
                "Example: cerebro config show --profile conservative",
                "Example: cerebro config save --output my-config.yaml"},
        subcommands = {ConfigCommand.Show.class, ConfigCommand.Save.class, ConfigCommand.Profiles.class})
public final class ConfigCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Map<String, String> flags(List<String> set) {
        Map<String, String> m = new LinkedHashMap<>();
        if (set != null) {
            for (String s : set) {
                int eq = s.indexOf('=');
                if (eq <= 0) {
                    throw new UserInputException("--set " + s + ": write KEY=VALUE, e.g. --set analysis.alpha=0.01");
                }
                m.put(s.substring(0, eq).trim(), s.substring(eq + 1));
            }
        }
        return m;
    }

    /** {@code config show}: every value with the layer it came from. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print every value and the layer (default, profile, file, environment, flag) it came from.")
    static final class Show implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--format", paramLabel = "FMT", defaultValue = "text", description = "text, json or yaml (default ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A value given as a flag (the top layer); repeatable.")
        List<String> set;

        @Override
        public Integer call() throws IOException {
            CerebroConfig c = CliConfig.withFlags(flags(set));
            PrintWriter out = spec.commandLine().getOut();
            switch (format.toLowerCase(Locale.ROOT)) {
                case "json" -> out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(c.tree(true)));
                case "yaml" -> out.print(new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()
                        .disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER)).writeValueAsString(c.tree(true)));
                case "text" -> {
                    out.println("profile: " + (c.profile() == null ? "(none)" : c.profile()) + "    file: " + (c.file() == null ? "(none)" : c.file()));
                    for (Map.Entry<String, CerebroConfig.Value> e : c.values().entrySet()) {
                        CerebroConfig.Value v = e.getValue();
                        String shown = v.value() instanceof String s && s.isEmpty() ? "''" : String.valueOf(v.value());
                        out.printf(Locale.ROOT, "%-27s %-22s %s (%s)%n", e.getKey(), shown, v.layer().label(), v.source());
                    }
                }
                default -> throw new UserInputException("--format " + format + " is unknown; use text, json or yaml");
            }
            out.flush();
            return CliSupport.OK;
        }
    }

    /** {@code config save}: writes the effective values as a file {@code config} reads back. */
    @Command(name = "save", mixinStandardHelpOptions = true, description = "Write the effective configuration as a YAML file (default ~/.config/cerebro/config.yaml).")
    static final class Save implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--output", paramLabel = "FILE", description = "Where to write (default ~/.config/cerebro/config.yaml).")
        Path output;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A value to save; repeatable.")
        List<String> set;

        @Option(names = "--force", description = "Overwrite the file if it exists.")
        boolean force;

        @Override
        public Integer call() {
            CerebroConfig c = CliConfig.withFlags(flags(set));
            Path to = output != null ? output : CerebroConfig.userFile(System.getProperty("user.home"));
            if (Files.exists(to) && !force) {
                throw new UserInputException(to + " exists; pass --force to overwrite it or --output another file");
            }
            try {
                Path parent = to.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(to, "# Cerebro configuration (cerebro config save); keys: cerebro config show\n" + c.toYaml());
            } catch (IOException e) {
                throw new UserInputException("cannot write " + to + ": " + e.getMessage());
            }
            spec.commandLine().getOut().println("Wrote " + to);
            spec.commandLine().getOut().flush();
            return CliSupport.OK;
        }
    }

    /** {@code config profiles}: the six profiles, what each is for and what it sets. */
    @Command(name = "profiles", mixinStandardHelpOptions = true, description = "List the profiles, what each is for and the values it sets.")
    static final class Profiles implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            for (Profile p : Profile.ALL) {
                out.println(p.name() + ": " + p.why());
                StringBuilder sb = new StringBuilder("    ");
                p.values().forEach((k, v) -> sb.append(k).append('=').append(v).append("  "));
                out.println(sb.toString().stripTrailing());
            }
            out.println("Keys and their environment variables:");
            for (Setting s : Setting.ALL) {
                out.printf(Locale.ROOT, "    %-27s %-30s %s%n", s.key(), s.environmentVariable(), s.description());
            }
            out.flush();
        }
    }
}
