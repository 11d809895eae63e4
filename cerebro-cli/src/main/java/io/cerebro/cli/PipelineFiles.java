package io.cerebro.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cerebro.agents.GeneratedPipeline;
import io.cerebro.agents.generate.Attempt;
import io.cerebro.agents.validate.PipelineClasspath;
import io.cerebro.agents.validate.StageTiming;
import io.cerebro.agents.validate.ValidationReport;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.ResultJson;
import io.cerebro.core.spec.SpecReader;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes a generated pipeline's files (Pipeline.java, README.md, validation.json) and prints its verdict. */
final class PipelineFiles {
    private PipelineFiles() {
    }

    /** The files a pipeline folder holds. */
    private static final java.util.List<String> FILES = java.util.List.of("Pipeline.java", "README.md", "validation.json");

    /**
     * Checks, before any analysis runs, that {@code dir} can take a pipeline: not a file, and without an
     * earlier pipeline unless {@code force}.
     */
    static void checkTarget(Path dir, boolean force) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserInputException(dir + " is a file, not a folder; name a folder for the pipeline (it is created if needed)");
        }
        if (!force && Files.isDirectory(dir)) {
            java.util.List<String> present = FILES.stream().filter(f -> Files.exists(dir.resolve(f))).toList();
            if (!present.isEmpty()) {
                throw new UserInputException(dir + " already holds a pipeline (" + String.join(", ", present)
                        + "); name another folder, or pass --force to overwrite it");
            }
        }
    }

    /** Writes the files into {@code dir} (created if needed) and returns the exit code: 0 validated, 1 not. */
    static int write(GeneratedPipeline p, Dataset data, Path dir, PrintWriter out) {
        try {
            Files.createDirectories(dir);
            if (p.code() != null) {
                Files.writeString(dir.resolve("Pipeline.java"), p.code());
            }
            Files.writeString(dir.resolve("README.md"), readme(p));
            Files.writeString(dir.resolve("validation.json"), ResultJson.mapper().writeValueAsString(validationJson(p, data)));
        } catch (IOException e) {
            throw new UserInputException("cannot write the pipeline to " + dir + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); choose a folder you can write to");
        }
        out.println("pipeline:   " + dir.resolve("Pipeline.java") + (p.validated() ? "" : "  (NOT validated: do not use it)"));
        out.println("verdict:    " + p.validation().verdict() + " - " + p.validation().verdict().meaning());
        for (String d : p.validation().diagnostics().stream().limit(20).toList()) {
            out.println("            " + d);
        }
        out.println("attempts:   " + p.attempts().size() + " (" + p.generator() + ", " + p.model() + ")");
        out.println("timing:     " + String.format(Locale.ROOT, "%.2f s", p.millis() / 1000.0) + " end to end; last validation "
                + timings(p.validation()));
        out.println("files:      Pipeline.java, README.md, validation.json in " + dir);
        out.flush();
        return p.validated() ? CliSupport.OK : CliSupport.FAILED;
    }

    /**
     * Adds a validated pipeline to the default corpus index ({@code --retain}) and says what it did.
     * A pipeline that did not validate is never retained: the corpus holds proven examples only.
     */
    static void retain(GeneratedPipeline p, Dataset data, PrintWriter out) {
        if (!p.validated() || p.code() == null) {
            out.println("retained:   no (the pipeline did not validate; only validated pipelines join the corpus)");
            out.flush();
            return;
        }
        java.util.Map<String, String> schema = new java.util.LinkedHashMap<>();
        data.columns().forEach(c -> schema.put(c.name(), c.type().name().toLowerCase(Locale.ROOT)));
        java.util.List<String> checks = p.validation().comparisons().stream()
                .map(c -> c.dataset() + ":" + c.field()).distinct().toList();
        String purpose = p.spec().family() + " analysis by " + p.method() + " on columns " + String.join(", ", schema.keySet());
        String specJson;
        try {
            specJson = ResultJson.mapper().writeValueAsString(SpecReader.toTree(p.spec()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        io.cerebro.rag.retain.RetainedExample ex = new io.cerebro.rag.retain.RetainedExample(p.spec().family(),
                java.util.List.of(p.method()), purpose, p.code(), specJson, schema, data.rowCount(),
                p.validation().verdict().name(), checks, p.generator() + " " + p.model());
        io.cerebro.rag.retain.RetainedCorpus.Retained r = io.cerebro.rag.index.DefaultIndex.retain(ex);
        out.println("retained:   " + (r.added() ? "added to the corpus as " + r.id() : "already in the corpus as " + r.id())
                + " (" + r.file() + ")");
        out.flush();
    }

    /** Prints a validation report of a user's program; returns 0 when it passed, 1 otherwise. */
    static int print(ValidationReport r, long millis, PrintWriter out) {
        out.println("verdict:    " + r.verdict() + " - " + r.verdict().meaning());
        for (String d : r.diagnostics().stream().limit(30).toList()) {
            out.println("            " + d);
        }
        for (String n : r.notes().stream().limit(10).toList()) {
            out.println("note:       " + n);
        }
        out.println("timing:     " + String.format(Locale.ROOT, "%.2f s", millis / 1000.0) + " end to end; " + timings(r));
        out.flush();
        return r.passed() ? CliSupport.OK : CliSupport.FAILED;
    }

    static String timings(ValidationReport r) {
        return r.timings().stream().map(t -> t.stage() + " " + t.millis() + " ms").collect(Collectors.joining(", "));
    }

    private static ObjectNode validationJson(GeneratedPipeline p, Dataset data) {
        ObjectNode n = ResultJson.mapper().createObjectNode();
        ValidationReport r = p.validation();
        n.put("verdict", r.verdict().name());
        n.put("passed", r.passed());
        n.put("meaning", r.verdict().meaning());
        n.set("diagnostics", ResultJson.mapper().valueToTree(r.diagnostics()));
        n.set("notes", ResultJson.mapper().valueToTree(r.notes()));
        ObjectNode t = n.putObject("timingsMillis");
        for (StageTiming s : r.timings()) {
            t.put(s.stage(), s.millis());
        }
        n.put("totalMillis", p.millis());
        n.put("method", p.method());
        n.put("language", p.language());
        n.put("generator", p.generator());
        n.put("model", p.model());
        n.put("promptHash", p.promptHash());
        n.set("retrievedExampleIds", ResultJson.mapper().valueToTree(p.retrievedExampleIds()));
        ArrayNode attempts = n.putArray("attempts");
        for (Attempt a : p.attempts()) {
            ObjectNode o = attempts.addObject();
            o.put("number", a.number());
            o.put("verdict", a.verdict().name());
            o.set("diagnostics", ResultJson.mapper().valueToTree(a.diagnostics()));
            o.put("generationMillis", a.generationMillis());
            o.put("validationMillis", a.validationMillis());
        }
        n.set("spec", SpecReader.toTree(p.spec()));
        ObjectNode d = n.putObject("data");
        d.put("source", data.source());
        d.put("sha256", data.sha256());
        d.put("rows", data.rowCount());
        n.set("pipelineClasspath", ResultJson.mapper().valueToTree(PipelineClasspath.COORDINATES));
        n.set("comparisons", ResultJson.mapper().valueToTree(r.comparisons()));
        if (r.second() != null) {
            n.set("syntheticData", ResultJson.mapper().valueToTree(r.second()));
        }
        return n;
    }

    private static String readme(GeneratedPipeline p) {
        StringBuilder b = new StringBuilder();
        b.append("# Generated analysis pipeline\n\n");
        b.append(p.validated()
                ? "`Pipeline.java` reproduced Cerebro's reference engine on your data and on a synthetic dataset with a planted effect "
                + "(see `validation.json`).\n\n"
                : "**Not validated** (" + p.validation().verdict() + "): do not rely on `Pipeline.java`; see `validation.json`.\n\n");
        b.append("Method: `").append(p.method()).append("`; generator: ").append(p.generator()).append(" (").append(p.model())
                .append(").\n\n");
        b.append("## Run it\n\nWith [JBang](https://www.jbang.dev) (the `//DEPS` lines at the top of the file fetch the libraries):\n\n");
        b.append("```sh\njbang Pipeline.java data.csv\n```\n\n");
        // commands run from this folder on any machine: no path of the machine that generated the pipeline
        b.append("With plain Java 21+ and the jars Cerebro validated against, fetched into `lib/` with Maven:\n\n```sh\n");
        for (String a : PipelineClasspath.artifacts()) {
            b.append("mvn -q dependency:copy -Dartifact=").append(a).append(" -DoutputDirectory=lib\n");
        }
        b.append("java -cp 'lib/*' Pipeline.java data.csv\n```\n\n");
        b.append("Libraries: ").append(String.join(", ", PipelineClasspath.COORDINATES))
                .append(" (Commons CSV also needs commons-io and commons-codec, which JBang resolves).\n\n");
        if (p.spec().where() != null) {
            String where = p.spec().where();
            b.append("## Filter\n\nThe spec keeps only rows where `").append(where).append("`. The program does not re-implement ")
                    .append("SQL: give it a filtered copy, e.g. with the DuckDB command line:\n\n```sh\nduckdb -c \"COPY (SELECT * FROM ")
                    .append("read_csv_auto('data.csv') WHERE ").append(where.replace("\"", "\\\""))
                    .append(") TO 'filtered.csv' (HEADER)\"\njbang Pipeline.java filtered.csv\n```\n\n");
        }
        b.append("The program prints one JSON object in Cerebro's result schema (`cerebro.result/1`).\n");
        return b.toString();
    }
}
