package io.cerebro.cli;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.report.HtmlReport;
import io.cerebro.core.report.MarkdownReport;
import io.cerebro.core.report.TextReport;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.ResultJson;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** How a result is shown: terminal text, JSON or Markdown on stdout, and optionally a report file. */
public final class OutputOptions {
    /** Output formats for stdout. */
    public enum OutputFormat { TEXT, JSON, MARKDOWN }

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text",
            description = "Output on stdout: text (default), json or markdown.")
    OutputFormat format;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write a report: .html (self-contained, with charts) or .md.")
    Path report;

    /**
     * Checks the report path before any work is done, so a wrong extension fails at once instead of
     * after the analysis has printed.
     */
    public void validate() {
        if (report != null) {
            String name = report.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!(name.endsWith(".md") || name.endsWith(".markdown") || name.endsWith(".html") || name.endsWith(".htm"))) {
                throw new UserInputException("--report must end in .html or .md, got " + report);
            }
        }
    }

    /**
     * Builds, on a background thread, the JSON serialisers the result and its provenance will need:
     * Jackson's first use introspects every record of the result, a tenth of a second that would
     * otherwise run after the analysis, alone on one core, while the data scan leaves the other idle.
     */
    public void prewarm(io.cerebro.core.spec.AnalysisSpec spec) {
        boolean json = format == OutputFormat.JSON;
        Thread.ofPlatform().daemon().name("json-prewarm").start(() -> {
            try {
                io.cerebro.core.spec.SpecReader.toTree(spec);
                if (json) {
                    ResultJson.mapper().canSerialize(AnalysisResult.class);
                }
            } catch (RuntimeException ignored) {
                // only a head start: the real output builds whatever is missing and reports any problem
            }
        });
    }

    /** Prints the result and writes the report file if asked. */
    public void emit(AnalysisResult r, PrintWriter out) {
        switch (format) {
            case TEXT -> out.print(TextReport.render(r));
            case JSON -> out.println(ResultJson.write(r));
            case MARKDOWN -> out.print(MarkdownReport.render(r));
        }
        out.flush();
        if (report != null) {
            String name = report.getFileName().toString().toLowerCase(Locale.ROOT);
            String body = name.endsWith(".md") || name.endsWith(".markdown") ? MarkdownReport.render(r)
                    : name.endsWith(".html") || name.endsWith(".htm") ? HtmlReport.render(r) : null;
            if (body == null) {
                throw new UserInputException("--report must end in .html or .md, got " + report);
            }
            try {
                Path parent = report.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(report, body);
            } catch (IOException e) {
                throw new UserInputException("cannot write report " + report + ": " + e.getMessage());
            }
            if (format == OutputFormat.TEXT) {
                out.println("\nreport written to " + report);
                out.flush();
            }
        }
    }
}
