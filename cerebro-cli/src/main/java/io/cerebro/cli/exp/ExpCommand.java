package io.cerebro.cli.exp;

import io.cerebro.cli.CliSupport;
import io.cerebro.cli.OutputOptions;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.experiment.Analysis;
import io.cerebro.experiment.Assigner;
import io.cerebro.experiment.ExperimentDesigns;
import io.cerebro.experiment.Lifecycle;
import io.cerebro.experiment.Recommendation;
import io.cerebro.experiment.StoppingRule;
import io.cerebro.store.Experiment;
import io.cerebro.store.ExperimentStore;
import io.cerebro.store.MetricDefinition;
import io.cerebro.store.SequentialTest;
import io.cerebro.store.StatusChange;
import io.cerebro.store.StoppingDecision;
import io.cerebro.store.Variant;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code cerebro exp}: define, run, analyse and conclude experiments kept in a store. */
@Command(name = "exp", mixinStandardHelpOptions = true,
        description = {"Run experiments: create, start/pause/stop, assign units, record metrics, analyse with the A/B engine "
                + "(sequential tests, early stopping), recommend, list, show, export.",
                "Example: cerebro exp create checkout-v2 --variants control:0.5,treatment:0.5 --metric converted:binary --min-samples 2000"},
        subcommands = {ExpCommand.Create.class, ExpCommand.Start.class, ExpCommand.Pause.class, ExpCommand.Stop.class,
                ExpCommand.Allocate.class, ExpCommand.Assign.class, ExpCommand.Record.class, ExpCommand.Analyze.class,
                ExpCommand.Recommend.class, ExpCommand.ListAll.class, ExpCommand.Show.class, ExpCommand.Export.class})
public final class ExpCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Override
    public void run() {
        cmd.commandLine().usage(cmd.commandLine().getOut());
    }

    /** Shared by the subcommands: the store, the output streams, and running with the store open. */
    abstract static class StoreCommand implements Callable<Integer> {
        @Mixin
        StoreOption storeOption;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec cmd;

        PrintWriter out() {
            return cmd.commandLine().getOut();
        }

        PrintWriter err() {
            return cmd.commandLine().getErr();
        }

        @Override
        public final Integer call() throws Exception {
            check();
            try (ExperimentStore store = storeOption.open()) {
                int code = run(new Lifecycle(store));
                out().flush();
                err().flush();
                return code;
            }
        }

        /** Checks the flags before the store is opened. */
        void check() {
        }

        abstract int run(Lifecycle life) throws Exception;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false, description = "Create an experiment (in draft; start it to assign units).")
    static final class Create extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Experiment name, e.g. checkout-v2.")
        String name;

        @Option(names = "--variants", required = true, paramLabel = "NAME:SHARE,...", description = "Variants and their shares (summing to 1), control first.")
        String variants;

        @Option(names = "--metric", required = true, paramLabel = "NAME:KIND", description = "A metric, binary or continuous; repeat for more. The first is primary.")
        List<String> metrics;

        @Option(names = "--min-samples", paramLabel = "N", defaultValue = "100", description = "Units per variant before any stopping decision (default 100).")
        long minSamples;

        @Option(names = "--planned-samples", paramLabel = "N", description = "Planned units per variant: the horizon of the futility check (default: the power engine's size for --mde).")
        Long plannedSamples;

        @Option(names = "--strata", paramLabel = "ATTR", description = "Unit attribute to balance variants within (batch assignment), e.g. country.")
        String strata;

        @Option(names = "--hypothesis", paramLabel = "TEXT", description = "What the experiment is meant to show.")
        String hypothesis;

        @Option(names = "--sequential", paramLabel = "TEST", defaultValue = "msprt",
                description = "msprt (default: an always-valid test you may read every day) or none (fixed horizon: read once at the planned size).")
        SequentialTest sequential;

        @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05", description = "Significance level (default 0.05).")
        double alpha;

        @Option(names = "--power", paramLabel = "P", defaultValue = "0.8", description = "Target power (default 0.8).")
        double power;

        @Option(names = "--mde", paramLabel = "D", description = "Minimum detectable effect of the primary metric (absolute difference); also the mSPRT's mixing scale.")
        Double mde;

        @Option(names = "--min-effect", paramLabel = "D", description = "Smallest difference worth shipping: success needs at least this.")
        Double minEffect;

        @Option(names = "--futility-power", paramLabel = "P", defaultValue = "0.2", description = "Stop for futility below this conditional power (default 0.2).")
        double futilityPower;

        @Option(names = "--salt", paramLabel = "TEXT", description = "Assignment salt (default: random); the same salt gives the same assignment everywhere.")
        String salt;

        @Override
        void check() {
            ExperimentDesigns.variants(variants);
            metrics.forEach(ExperimentDesigns::metric);
        }

        @Override
        int run(Lifecycle life) {
            List<MetricDefinition> ms = metrics.stream().map(ExperimentDesigns::metric).toList();
            Experiment e = life.create(new Lifecycle.Design(name, ExperimentDesigns.variants(variants), ms, minSamples, plannedSamples,
                    strata, hypothesis, sequential, alpha, power, mde, minEffect, futilityPower, salt));
            out().println("created experiment " + e.name() + " (" + e.status().label() + ") in " + life.store().location()
                    + ": " + describeVariants(e) + "; start it with 'cerebro exp start " + e.name() + "'");
            return CliSupport.OK;
        }
    }

    static String describeVariants(Experiment e) {
        List<String> parts = new ArrayList<>();
        for (Variant v : e.variants()) {
            parts.add(v.name() + " " + pct(v.weight()));
        }
        return String.join(", ", parts);
    }

    private static String pct(double w) {
        return String.format(Locale.ROOT, "%.4g%%", w * 100);
    }

    /** start, pause and stop. */
    abstract static class StatusCommand extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Experiment name.")
        String name;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the experiment's log.")
        String reason;

        abstract Experiment apply(Lifecycle life);

        @Override
        int run(Lifecycle life) {
            Experiment e = apply(life);
            out().println("experiment " + e.name() + " is " + e.status().label());
            return CliSupport.OK;
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start (or resume) an experiment: units are assigned to variants.")
    static final class Start extends StatusCommand {
        @Override
        Experiment apply(Lifecycle life) {
            return life.start(name, reason);
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause: new units get the control; events of units already in it are still recorded.")
    static final class Pause extends StatusCommand {
        @Override
        Experiment apply(Lifecycle life) {
            return life.pause(name, reason);
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop for good: units get the control, no events are recorded.")
    static final class Stop extends StatusCommand {
        @Override
        Experiment apply(Lifecycle life) {
            return life.stop(name, reason);
        }
    }

    @Command(name = "allocate", mixinStandardHelpOptions = true, description = "Change the shares of new units; assigned units keep their variant.")
    static final class Allocate extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Experiment name.")
        String name;

        @Option(names = "--variants", required = true, paramLabel = "NAME:SHARE,...", description = "The same variants with new shares.")
        String variants;

        @Override
        void check() {
            ExperimentDesigns.variants(variants);
        }

        @Override
        int run(Lifecycle life) {
            Experiment e = life.reallocate(name, ExperimentDesigns.variants(variants));
            out().println("experiment " + e.name() + " now assigns new units " + describeVariants(e));
            return CliSupport.OK;
        }
    }

    static Map<String, String> attributes(List<String> attrs) {
        Map<String, String> out = new LinkedHashMap<>();
        if (attrs != null) {
            for (String a : attrs) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw new UserInputException("--attr '" + a + "' is not key=value; write e.g. --attr country=US");
                }
                out.put(a.substring(0, eq).strip(), a.substring(eq + 1).strip());
            }
        }
        return out;
    }

    static Dataset readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("file " + file + " does not exist; give a CSV, TSV, Parquet or JSON file");
        }
        return Dataset.read(file).load();
    }

    @Command(name = "assign", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Assign a unit (prints its variant) or a file of units (writes them with a variant column).")
    static final class Assign extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Experiment name.")
        String name;

        @Option(names = "--unit", paramLabel = "ID", description = "One unit id.")
        String unit;

        @Option(names = "--attr", paramLabel = "KEY=VALUE", description = "A unit attribute, e.g. country=US (the strata attribute is stored).")
        List<String> attrs;

        @Option(names = "--file", paramLabel = "FILE", description = "A file of units (CSV, TSV, Parquet, JSON).")
        Path file;

        @Option(names = "--unit-column", paramLabel = "COL", defaultValue = "unit", description = "The file's unit id column (default unit).")
        String unitColumn;

        @Option(names = "--output", paramLabel = "FILE", description = "Where to write the assigned units as CSV (default: stdout).")
        Path output;

        @Override
        void check() {
            if ((unit == null) == (file == null)) {
                throw new UserInputException("give either --unit ID or --file FILE to 'cerebro exp assign'");
            }
            if (output != null && file != null && output.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
                throw new UserInputException("--output " + output + " is the input file; write the assignments to another file");
            }
        }

        @Override
        int run(Lifecycle life) throws IOException {
            Experiment e = life.require(name);
            if (unit != null) {
                Map<String, String> a = attributes(attrs);
                String stratum = e.strata() == null ? null : a.get(e.strata());
                Lifecycle.Assigned r = life.assign(name, unit, stratum);
                out().println(r.variant());
                if (r.note() != null) {
                    err().println("cerebro: " + r.note());
                }
                return CliSupport.OK;
            }
            try (Dataset d = readFile(file)) {
                String[] ids = unitColumn(d, unitColumn, file);
                String[] strata = null;
                if (e.strata() != null) {
                    if (d.column(e.strata()).isEmpty()) {
                        throw new UserInputException("experiment '" + name + "' balances on '" + e.strata() + "' but " + file
                                + " has no such column; add it (columns: " + String.join(", ", d.columnNames()) + ")");
                    }
                    strata = d.strings(e.strata());
                }
                List<Assigner.Unit> units = new ArrayList<>();
                for (int i = 0; i < ids.length; i++) {
                    units.add(new Assigner.Unit(ids[i], strata == null ? null : strata[i]));
                }
                List<Lifecycle.Assigned> assigned = life.assignBatch(name, units);
                List<String> cols = d.columnNames();
                List<String[]> values = new ArrayList<>();
                for (String c : cols) {
                    values.add(d.strings(c));
                }
                StringBuilder csv = new StringBuilder();
                List<String> header = new ArrayList<>(cols);
                header.add("variant");
                csv.append(Lifecycle.csvLine(header));
                for (int i = 0; i < ids.length; i++) {
                    List<String> row = new ArrayList<>();
                    for (String[] v : values) {
                        row.add(v[i] == null ? "" : v[i]);
                    }
                    row.add(assigned.get(i).variant());
                    csv.append(Lifecycle.csvLine(row));
                }
                if (output == null) {
                    out().print(csv);
                } else {
                    Files.writeString(output, csv, StandardCharsets.UTF_8);
                    Map<String, Long> counts = new java.util.TreeMap<>();
                    assigned.forEach(x -> counts.merge(x.variant(), 1L, Long::sum));
                    out().println("assigned " + ids.length + " units of " + name + " " + counts + "; written to " + output);
                }
                if (!assigned.isEmpty() && assigned.get(0).note() != null) {
                    err().println("cerebro: " + assigned.get(0).note());
                }
            }
            return CliSupport.OK;
        }
    }

    static String[] unitColumn(Dataset d, String col, Path file) {
        if (d.column(col).isEmpty()) {
            throw new UserInputException(file + " has no column '" + col + "'; name the unit id column with --unit-column (columns: "
                    + String.join(", ", d.columnNames()) + ")");
        }
        return d.strings(col);
    }

    @Command(name = "record", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Record metric events for a unit, or a file of them (one transaction: all or nothing).",
                    "A file has a unit column and either one column per metric, or 'metric' and 'value' columns."})
    static final class Record extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Experiment name.")
        String name;

        @Option(names = "--unit", paramLabel = "ID", description = "The unit.")
        String unit;

        @Option(names = "--metric", paramLabel = "NAME=VALUE", description = "A metric value, e.g. converted=1; repeat for more.")
        List<String> metricValues;

        @Option(names = "--attr", paramLabel = "KEY=VALUE", description = "A unit attribute (the strata attribute is stored if the event assigns the unit).")
        List<String> attrs;

        @Option(names = "--file", paramLabel = "FILE", description = "A file of events.")
        Path file;

        @Option(names = "--unit-column", paramLabel = "COL", defaultValue = "unit", description = "The file's unit id column (default unit).")
        String unitColumn;

        @Override
        void check() {
            if ((unit == null) == (file == null)) {
                throw new UserInputException("give either --unit ID with --metric NAME=VALUE, or --file FILE, to 'cerebro exp record'");
            }
            if (unit != null && (metricValues == null || metricValues.isEmpty())) {
                throw new UserInputException("--unit needs at least one --metric NAME=VALUE, e.g. --metric converted=1");
            }
        }

        @Override
        int run(Lifecycle life) {
            Experiment e = life.require(name);
            List<Lifecycle.Observation> obs = new ArrayList<>();
            if (unit != null) {
                String stratum = e.strata() == null ? null : ExpCommand.attributes(attrs).get(e.strata());
                for (Map.Entry<String, String> kv : attributes(metricValues, "--metric", "converted=1").entrySet()) {
                    obs.add(new Lifecycle.Observation(unit, kv.getKey(), number(kv.getKey(), kv.getValue()), stratum));
                }
            } else {
                try (Dataset d = readFile(file)) {
                    String[] ids = unitColumn(d, unitColumn, file);
                    String[] strata = e.strata() != null && d.column(e.strata()).isPresent() ? d.strings(e.strata()) : null;
                    if (d.column("metric").isPresent() && d.column("value").isPresent()) {
                        String[] metric = d.strings("metric");
                        double[] value = d.doubles("value");
                        for (int i = 0; i < ids.length; i++) {
                            if (!Double.isNaN(value[i])) {
                                obs.add(new Lifecycle.Observation(ids[i], metric[i], value[i], strata == null ? null : strata[i]));
                            }
                        }
                    } else {
                        for (String c : d.columnNames()) {
                            if (c.equals(unitColumn) || c.equals(e.strata())) {
                                continue;
                            }
                            if (e.metric(c).isEmpty()) {
                                throw new UserInputException(file + " has column '" + c + "', which is not a metric of " + name
                                        + " (" + String.join(", ", e.metrics().stream().map(MetricDefinition::name).toList())
                                        + "); remove it or use 'metric' and 'value' columns (nothing was stored)");
                            }
                            double[] v = d.doubles(c);
                            for (int i = 0; i < ids.length; i++) {
                                if (!Double.isNaN(v[i])) {
                                    obs.add(new Lifecycle.Observation(ids[i], c, v[i], strata == null ? null : strata[i]));
                                }
                            }
                        }
                    }
                }
            }
            Lifecycle.Recorded r = life.record(name, obs, n -> { });
            out().println("recorded " + r.events() + " events in " + name
                    + (r.newAssignments() > 0 ? " (" + r.newAssignments() + " new units assigned)" : ""));
            if (r.skipped() > 0) {
                err().println("cerebro: experiment '" + name + "' is paused: " + r.skipped()
                        + " events of units not in it were not recorded");
            }
            return CliSupport.OK;
        }

        private static Map<String, String> attributes(List<String> kvs, String flag, String example) {
            Map<String, String> out = new LinkedHashMap<>();
            for (String a : kvs) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw new UserInputException(flag + " '" + a + "' is not name=value; write e.g. " + flag + " " + example);
                }
                out.put(a.substring(0, eq).strip(), a.substring(eq + 1).strip());
            }
            return out;
        }

        private static double number(String metric, String text) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException ex) {
                throw new UserInputException("--metric " + metric + "=" + text + " is not a number; e.g. --metric " + metric + "=1");
            }
        }
    }

    @Command(name = "analyze", aliases = "analyse", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Analyse with the A/B engine (the experiment's sequential test, sample-ratio check) and record the stopping decision.")
    static final class Analyze extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Experiment name.")
        String name;

        @Option(names = "--metric", paramLabel = "NAME", description = "Metric to analyse (default: the primary).")
        String metric;

        @Mixin
        OutputOptions output;

        @Override
        void check() {
            output.validate();
        }

        @Override
        int run(Lifecycle life) {
            Analysis a = life.analyze(name, metric, true);
            AnalysisResult r = withStopping(a);
            output.emit(r, out());
            if (!isJson()) {
                out().println();
                out().println("experiment " + name + " (" + a.experiment().status().label() + ", " + a.experiment().sequential().label()
                        + "): decision " + a.overall());
                for (StoppingDecision d : a.decisions()) {
                    out().println("  " + d.arm() + ": " + d.decision() + " — " + d.reason());
                }
            }
            return CliSupport.OK;
        }

        private boolean isJson() {
            Object format = cmd.commandLine().getParseResult().matchedOptionValue("--format", "text");
            return String.valueOf(format).equalsIgnoreCase("json");
        }
    }

    /** @return the A/B engine's result with the look's stopping decisions under {@code details.stopping} (what {@code exp analyze} prints). */
    public static AnalysisResult withStopping(Analysis a) {
        Map<String, Object> stopping = new LinkedHashMap<>();
        stopping.put("decision", a.overall());
        List<Map<String, Object>> arms = new ArrayList<>();
        for (StoppingDecision d : a.decisions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("arm", d.arm());
            m.put("decision", d.decision());
            m.put("n_control", d.nControl());
            m.put("n_treatment", d.nTreatment());
            m.put("estimate", d.estimate());
            m.put("p_value", d.pValue());
            m.put("conditional_power", d.conditionalPower());
            m.put("reason", d.reason());
            arms.add(m);
        }
        stopping.put("arms", arms);
        return a.result().withDetail("stopping", stopping);
    }

    @Command(name = "recommend", mixinStandardHelpOptions = true, description = "Name the winner, or say why there is none yet and how many more units the power analysis needs.")
    static final class Recommend extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Experiment name.")
        String name;

        @Override
        int run(Lifecycle life) {
            Recommendation r = life.recommend(name);
            out().println(r.message());
            return CliSupport.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the experiments in the store.")
    static final class ListAll extends StoreCommand {
        @Override
        int run(Lifecycle life) {
            List<Experiment> all = life.store().experiments();
            if (all.isEmpty()) {
                out().println("no experiments in " + life.store().location() + "; create one with 'cerebro exp create NAME --variants ... --metric ...'");
                return CliSupport.OK;
            }
            out().printf(Locale.ROOT, "%-24s %-8s %-8s %10s  %s%n", "name", "status", "test", "units", "variants");
            for (Experiment e : all) {
                long units = life.store().variantCounts(e.name()).values().stream().mapToLong(Long::longValue).sum();
                out().printf(Locale.ROOT, "%-24s %-8s %-8s %10d  %s%n", e.name(), e.status().label(), e.sequential().label(), units,
                        describeVariants(e));
            }
            return CliSupport.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show an experiment: design, status log, units, events and stopping decisions.")
    static final class Show extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Experiment name.")
        String name;

        @Override
        int run(Lifecycle life) {
            Experiment e = life.require(name);
            ExperimentStore s = life.store();
            PrintWriter o = out();
            o.println("experiment  " + e.name() + " (" + e.status().label() + ")");
            if (e.hypothesis() != null) {
                o.println("hypothesis  " + e.hypothesis());
            }
            o.println("variants    " + describeVariants(e) + " (control: " + e.control().name() + ")");
            o.println("metrics     " + String.join(", ", e.metrics().stream().map(m -> m.name() + " (" + m.kind().label() + ")").toList())
                    + " (primary: " + e.metrics().get(0).name() + ")");
            o.printf(Locale.ROOT, "design      %s test, alpha %s, power %s, min-samples %d per variant%s%s%s, futility below conditional power %s%n",
                    e.sequential().label(), e.alpha(), e.power(), e.minSamples(),
                    e.plannedSamples() == null ? "" : ", planned " + e.plannedSamples() + " per variant",
                    e.mde() == null ? "" : ", mde " + e.mde(), e.minEffect() == null ? "" : ", min-effect " + e.minEffect(), e.futilityPower());
            if (e.strata() != null) {
                o.println("strata      " + e.strata());
            }
            o.println("salt        " + e.salt());
            o.println("units       " + s.variantCounts(name) + ", " + s.eventCount(name) + " events");
            o.println("log");
            for (StatusChange c : s.statusChanges(name)) {
                o.println("  " + c.changedAt() + "  " + c.status().label() + (c.reason() == null ? "" : "  " + c.reason()));
            }
            List<StoppingDecision> ds = s.decisions(name);
            if (!ds.isEmpty()) {
                o.println("decisions");
                for (StoppingDecision d : ds) {
                    o.println("  " + d.decidedAt() + "  " + d.metric() + "  " + d.arm() + ": " + d.decision() + " (n " + d.nControl() + "/"
                            + d.nTreatment() + ", estimate " + StoppingRule.num(d.estimate()) + ", p " + StoppingRule.num(d.pValue())
                            + (d.conditionalPower() == null ? "" : ", conditional power " + StoppingRule.num(d.conditionalPower())) + ")");
                }
            }
            return CliSupport.OK;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write one row per assigned unit (unit, variant, strata attribute, each metric) as CSV: the data 'analyze' reads.")
    static final class Export extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Experiment name.")
        String name;

        @Option(names = "--output", paramLabel = "FILE", description = "CSV file to write (default: stdout).")
        Path output;

        @Override
        int run(Lifecycle life) throws IOException {
            life.require(name);
            if (output == null) {
                life.export(name, out());
                return CliSupport.OK;
            }
            long n;
            try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                n = life.export(name, w);
            }
            out().println("exported " + n + " units of " + name + " to " + output);
            return CliSupport.OK;
        }
    }
}
