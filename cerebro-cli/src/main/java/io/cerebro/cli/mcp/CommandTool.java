package io.cerebro.cli.mcp;

import io.cerebro.cli.CliSupport;
import io.cerebro.core.error.UserInputException;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An MCP tool that is one {@code cerebro} command: its input schema is made from the command's
 * picocli options (one property per option, named by its long name with {@code _} for {@code -}),
 * and a call runs the command in-process on the arguments turned back into flags. The tool's result
 * is what the command prints on stdout; an error is the one line it prints on stderr, so a tool
 * and the CLI never disagree on a number or a message.
 */
final class CommandTool {
    /** Options a tool does not offer: output formatting is fixed, and pipeline generation needs a terminal session. */
    private static final Set<String> HIDDEN = Set.of("--format", "--report", "--generate", "--offline", "--max-attempts",
            "--timeout", "--heap", "--force", "--no-retrieval");

    /** The root command the tool's command runs under (messages then read 'cerebro abtest ...', as in a terminal). */
    @CommandLine.Command(name = "cerebro")
    static final class Root implements Runnable {
        @Override
        public void run() {
        }
    }

    /** One property: the flag it stands for (null for a positional), and how to write its value. */
    private record Property(String flag, ArgSpec arg, int position) {
    }

    private final String name;
    private final String description;
    private final Class<?> command;
    private final List<String> path;
    private final List<String> fixedArgs;
    private final Map<String, Property> properties = new LinkedHashMap<>();
    private final Map<String, Object> schema = new LinkedHashMap<>();

    /**
     * @param name      the tool's name
     * @param command   the top-level command class (e.g. ExpCommand)
     * @param path      the command names from the top level down (e.g. exp, assign)
     * @param fixedArgs flags every call gets (e.g. --format json)
     */
    CommandTool(String name, Class<?> command, List<String> path, List<String> fixedArgs) {
        this.name = name;
        this.command = command;
        this.path = path;
        this.fixedArgs = fixedArgs;
        CommandLine cl = new CommandLine(command);
        for (String sub : path.subList(1, path.size())) {
            cl = cl.getSubcommands().get(sub);
        }
        CommandSpec spec = cl.getCommandSpec();
        this.description = String.join(" ", spec.usageMessage().description()) + " (runs 'cerebro " + String.join(" ", path)
                + (fixedArgs.isEmpty() ? "" : " " + String.join(" ", fixedArgs)) + "')";
        Map<String, Object> props = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp() || HIDDEN.contains(o.longestName()) || fixedArgs.contains(o.longestName())) {
                continue;
            }
            String p = o.longestName().replaceFirst("^-+", "").replace('-', '_');
            properties.put(p, new Property(o.longestName(), o, -1));
            props.put(p, schemaOf(o));
            if (o.required()) {
                required.add(p);
            }
        }
        for (PositionalParamSpec pp : spec.positionalParameters()) {
            String p = pp.paramLabel().replaceAll("[<>]", "").toLowerCase(Locale.ROOT).replace('-', '_');
            if (properties.containsKey(p)) {
                continue; // e.g. the data file, also offered as --data
            }
            properties.put(p, new Property(null, pp, pp.index().min()));
            props.put(p, schemaOf(pp));
            if (pp.arity().min() > 0) {
                required.add(p);
            }
        }
        schema.put("type", "object");
        schema.put("properties", props);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
    }

    String name() {
        return name;
    }

    String description() {
        return description;
    }

    /** @return the JSON schema of the tool's arguments. */
    Map<String, Object> inputSchema() {
        return schema;
    }

    private static Map<String, Object> schemaOf(ArgSpec a) {
        Map<String, Object> s = new LinkedHashMap<>();
        String text = String.join(" ", a.description()).replace("${DEFAULT-VALUE}", String.valueOf(a.defaultValue()));
        if (a instanceof OptionSpec o && o.arity().max() == 0) {
            s.put("type", "boolean");
        } else if (a.isMultiValue()) {
            s.put("type", "array");
            Class<?>[] aux = a.auxiliaryTypes();
            s.put("items", scalar(aux.length > 0 ? aux[0] : String.class));
        } else {
            s.putAll(scalar(a.type()));
        }
        s.put("description", text);
        return s;
    }

    private static Map<String, Object> scalar(Class<?> t) {
        Map<String, Object> s = new LinkedHashMap<>();
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            s.put("type", "integer");
        } else if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
            s.put("type", "number");
        } else if (t.isEnum()) {
            s.put("type", "string");
            s.put("enum", Arrays.stream(t.getEnumConstants()).map(c -> c.toString().toLowerCase(Locale.ROOT)).toList());
        } else {
            s.put("type", "string");
        }
        return s;
    }

    /**
     * The command's output.
     *
     * @param code   its exit code
     * @param stdout what it printed on stdout (the result)
     * @param stderr what it printed on stderr (notes, or the one-line error)
     */
    record Outcome(int code, String stdout, String stderr) {
        boolean failed() {
            return code != CliSupport.OK;
        }
    }

    /** @return the command line the arguments stand for (after the command path). */
    List<String> argv(Map<String, Object> args, Map<String, String> defaults) {
        Map<String, Object> all = new LinkedHashMap<>();
        defaults.forEach((k, v) -> {
            if (properties.containsKey(k)) {
                all.put(k, v);
            }
        });
        if (args != null) {
            all.putAll(args);
        }
        List<String> flags = new ArrayList<>(fixedArgs);
        String[] positionals = new String[properties.size()];
        for (Map.Entry<String, Object> e : all.entrySet()) {
            Property p = properties.get(e.getKey());
            if (p == null) {
                throw new UserInputException("tool " + name + " has no argument '" + e.getKey() + "'; its arguments are "
                        + String.join(", ", properties.keySet()));
            }
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            if (p.flag() == null) {
                positionals[p.position()] = text(p.arg(), v);
            } else if (p.arg() instanceof OptionSpec o && o.arity().max() == 0) {
                if (Boolean.TRUE.equals(v) || "true".equalsIgnoreCase(String.valueOf(v))) {
                    flags.add(p.flag());
                }
            } else if (v instanceof List<?> list) {
                for (Object x : list) {
                    flags.add(p.flag());
                    flags.add(text(p.arg(), x));
                }
            } else if (v instanceof Map<?, ?> map && !p.arg().isMultiValue()) {
                // a single text option given an object is JSON text (e.g. a state: --state '{"repo": "a"}')
                flags.add(p.flag());
                flags.add(json(map));
            } else if (v instanceof Map<?, ?> map) {
                // key=value options (--metric converted=1, --attr country=US) may be given as an object
                for (Map.Entry<?, ?> kv : map.entrySet()) {
                    flags.add(p.flag());
                    flags.add(kv.getKey() + "=" + text(p.arg(), kv.getValue()));
                }
            } else {
                flags.add(p.flag());
                flags.add(text(p.arg(), v));
            }
        }
        List<String> argv = new ArrayList<>(path);
        for (String pos : positionals) {
            if (pos != null) {
                argv.add(pos);
            }
        }
        argv.addAll(flags);
        return argv;
    }

    private static String json(Object v) {
        try {
            return io.cerebro.core.spec.SpecReader.jsonMapper().writeValueAsString(v);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserInputException("an argument object cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    /** JSON numbers arrive as doubles: a whole number for an integer option is written without ".0". */
    private static String text(ArgSpec a, Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            Class<?> t = a.isMultiValue() && a.auxiliaryTypes().length > 0 ? a.auxiliaryTypes()[0] : a.type();
            if (t != double.class && t != Double.class) {
                return Long.toString(d.longValue());
            }
        }
        return String.valueOf(v);
    }

    /** Runs the command in-process with the arguments, capturing what it prints. */
    Outcome call(Map<String, Object> args, Map<String, String> defaults) {
        List<String> argv;
        try {
            argv = argv(args, defaults);
        } catch (UserInputException e) {
            return new Outcome(CliSupport.BAD_INPUT, "", "cerebro: " + e.getMessage());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Root());
        cl.addSubcommand(command);
        CliSupport.configure(cl);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(argv.toArray(String[]::new));
        return new Outcome(code, out.toString(), err.toString());
    }
}
