package io.cerebro.agents.ab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.agents.Fixtures;
import io.cerebro.agents.validate.InMemoryCompiler;
import io.cerebro.agents.validate.SandboxLimits;
import io.cerebro.agents.validate.SandboxRunner;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.spec.ABTestSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the offline program for a spec, compiles it and runs it on a fixture file; returns the printed JSON. */
final class TemplateRun {
    private TemplateRun() {
    }

    static String code(ABTestSpec spec, String file) {
        try (Dataset d = Fixtures.open(file, spec.where())) {
            return AbPipelineWriter.write(AbPipelinePlan.of(spec, d));
        }
    }

    static JsonNode run(ABTestSpec spec, String file) {
        return run(spec, file, Fixtures.ab(file));
    }

    static JsonNode run(ABTestSpec spec, String file, Path input) {
        String code = code(spec, file);
        InMemoryCompiler.Compilation c = InMemoryCompiler.compile("Pipeline", code);
        if (!c.ok()) {
            throw new AssertionError("template does not compile: " + c.errors() + "\n" + code);
        }
        try {
            Path scratch = Files.createTempDirectory("cerebro-template-");
            SandboxRunner.Run r = SandboxRunner.run(c.classes(), "Pipeline", List.of(input.toString()), scratch, SandboxLimits.DEFAULT);
            if (r.exitCode() != 0) {
                throw new AssertionError("template failed: " + r.stderr());
            }
            return new ObjectMapper().readTree(r.stdout());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The estimate with this method and label. */
    static JsonNode estimate(JsonNode result, String method, String label) {
        for (JsonNode e : result.path("estimates")) {
            if (e.path("method").asText().equals(method) && e.path("label").asText().equals(label)) {
                return e;
            }
        }
        throw new AssertionError("no estimate " + method + " / " + label + " in " + result.toPrettyString());
    }
}
