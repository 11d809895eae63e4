package io.cerebro.agents.generate;

import dev.langchain4j.rag.content.Content;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.spec.AnalysisSpec;

import java.util.List;
import java.util.function.Supplier;

/**
 * Everything a generator needs to write one pipeline.
 *
 * @param spec           the validated spec
 * @param data           the dataset (only its schema and per-column summaries reach an LLM)
 * @param method         the headline method id, e.g. {@code ab.welch}
 * @param guidance       family-specific instructions: what to compute and how to print it
 * @param examples       retrieved worked examples (may be empty)
 * @param offlineProgram the family's deterministic template program for this spec
 */
public record GenerationRequest(AnalysisSpec spec, Dataset data, String method, String guidance, List<Content> examples,
                                Supplier<String> offlineProgram) {
    public GenerationRequest {
        examples = List.copyOf(examples);
    }
}
