package io.cerebro.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.tune.suggest.NextExperimentAdvisor;
import io.cerebro.core.tune.suggest.Suggestion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code cerebro suggest-next}: the follow-up experiment of a finished A/B result, with its reasons. */
@Command(name = "suggest-next", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read a finished A/B result (cerebro abtest --format json) and write the spec of the follow-up experiment: "
                + "more units when underpowered, CUPED or a rank test for heavy tails, a subgroup test when the effect varies by --by.",
                "Example: cerebro suggest-next result.json --by country --output-dir next/"})
public final class SuggestNextCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Parameters(index = "0", paramLabel = "RESULT.json", description = "The result of a two-arm A/B analysis.")
    Path result;

    @Option(names = "--data", paramLabel = "FILE", description = "The data (default: the result's provenance dataSource).")
    Path data;

    @Option(names = "--by", paramLabel = "COL", description = "Subgroup column for the heterogeneity detector.")
    String by;

    @Option(names = "--output-dir", paramLabel = "DIR", defaultValue = ".", description = "Where the follow-up specs are written (default: here).")
    Path outputDir;

    @Override
    public Integer call() {
        List<Suggestion> found = NextExperimentAdvisor.advise(result, data, by);
        PrintWriter out = cmd.commandLine().getOut();
        if (found.isEmpty()) {
            out.println("No follow-up suggested: the result is significant or adequately powered, the outcome is not heavy-tailed"
                    + (by == null ? "" : ", and the effect does not vary across " + by) + ".");
            out.flush();
            return CliSupport.OK;
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
        try {
            Files.createDirectories(outputDir);
            for (Suggestion s : found) {
                Path f = outputDir.resolve(s.file());
                Files.writeString(f, "# cerebro suggest-next (" + s.detector() + "): " + s.reason() + "\n" + yaml.writeValueAsString(s.spec()));
                out.println(s.detector() + ": " + s.reason());
                out.println("  -> " + f + "  (run: cerebro abtest DATA --spec " + f + ")");
            }
        } catch (IOException e) {
            throw new UserInputException("cannot write to " + outputDir + ": " + e.getMessage());
        }
        out.flush();
        return CliSupport.OK;
    }
}
