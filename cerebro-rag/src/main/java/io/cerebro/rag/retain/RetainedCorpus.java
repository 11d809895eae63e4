package io.cerebro.rag.retain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.cerebro.core.error.UserInputException;
import io.cerebro.rag.chunk.ExampleLoader;
import io.cerebro.rag.corpus.CorpusSource;
import io.cerebro.rag.corpus.SourceRegistry;
import io.cerebro.rag.embed.Embedder;
import io.cerebro.rag.index.IndexBuilder;
import io.cerebro.rag.index.RebuildProgress;
import io.cerebro.rag.index.RebuildRequest;
import io.cerebro.rag.index.RebuildSummary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Adds validated pipelines to an index as examples of a source named {@value #SOURCE_NAME}: each is
 * written as a Java file under {@code retained/<family>/} beside the index, with a metadata header
 * that carries its family and methods (so the family filter and the agents' per-family retrieval
 * find it), a description in search words (purpose, data columns, verdict), and the full record
 * (spec, data schema, validation) as YAML; then the index is rebuilt incrementally, which embeds
 * only the new file's chunks.
 *
 * <pre>{@code
 * RetainedCorpus.Retained r = RetainedCorpus.retain(indexDir, List.of(bundled), example,
 *         "all-minilm-l6-v2-q", EmbeddingModels::defaultEmbedder);
 * }</pre>
 */
public final class RetainedCorpus {
    /** Name of the retained source in the index's {@code sources.json}. */
    public static final String SOURCE_NAME = "retained";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a retain did. */
    public record Retained(String id, Path file, boolean added, RebuildSummary rebuild) {
    }

    private RetainedCorpus() {
    }

    /** The folder retained examples of an index are written to. */
    public static Path folderFor(Path indexDir) {
        return indexDir.toAbsolutePath().normalize().resolve(SOURCE_NAME);
    }

    /**
     * Writes the example, registers the retained folder with the index (once) and rebuilds the
     * index incrementally from {@code baseSources}, the registered sources and the retained folder.
     * Retaining the same program for the same spec twice adds nothing.
     *
     * @param indexDir    the index folder
     * @param baseSources sources the index is built from besides the registered ones (the bundled corpus, usually)
     * @param modelId     the embedding model of the index
     * @throws UserInputException when the example did not pass validation or carries no family or method
     */
    public static Retained retain(Path indexDir, List<CorpusSource> baseSources, RetainedExample ex, String modelId,
                                  Supplier<Embedder> embedder) {
        return retain(indexDir, folderFor(indexDir), baseSources, ex, modelId, embedder);
    }

    /**
     * As {@link #retain(Path, List, RetainedExample, String, Supplier)}, with the retained examples
     * kept in {@code folder} (the default index keeps them in the user cache, outside the
     * index folder, so that a new Cerebro version's default index includes them too).
     */
    public static Retained retain(Path indexDir, Path folder, List<CorpusSource> baseSources, RetainedExample ex,
                                  String modelId, Supplier<Embedder> embedder) {
        if (!"PASSED".equals(ex.verdict())) {
            throw new UserInputException("only a pipeline that passed validation can be retained (verdict "
                    + ex.verdict() + "); fix it and validate again");
        }
        if (ex.family().isBlank() || ex.methods().isEmpty()) {
            throw new UserInputException("a retained pipeline needs a family and a method; the spec names neither");
        }
        String method = ex.methods().get(0);
        String id = "retained-" + method.replace('.', '-').replace('_', '-') + "-"
                + ExampleLoader.sha256((ex.code() + "\n" + ex.specJson()).getBytes(StandardCharsets.UTF_8)).substring(0, 12);
        Path file = folder.resolve(ex.family()).resolve(id.replace('-', '_') + ".java");
        boolean added = !Files.exists(file);
        try {
            Files.createDirectories(file.getParent());
            if (added) {
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(tmp, render(id, ex));
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UserInputException("cannot write the retained example to " + folder + " (" + e.getMessage()
                    + "); make the index folder writable");
        }
        SourceRegistry registry = register(indexDir, folder);
        List<CorpusSource> sources = new ArrayList<>(baseSources);
        sources.addAll(registry.sources());
        RebuildSummary s = IndexBuilder.rebuild(new RebuildRequest(sources, indexDir, modelId, embedder, RebuildProgress.NONE));
        return new Retained(id, file, added, s);
    }

    /** Registers {@code folder} as the index's retained source, unless it already is; returns the registry. */
    public static SourceRegistry register(Path indexDir, Path folder) {
        SourceRegistry registry = new SourceRegistry(indexDir);
        if (registry.entries().stream().noneMatch(e -> e.name().equals(SOURCE_NAME))) {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UserInputException("cannot create " + folder + " (" + e.getMessage() + "); make it writable");
            }
            registry.add(folder.toAbsolutePath().normalize().toString(), SOURCE_NAME, "generated by Cerebro, validated");
        }
        return registry;
    }

    /** The Java file: the metadata header with the record, then the program. */
    static String render(String id, RetainedExample ex) {
        String method = ex.methods().get(0);
        String columns = String.join(", ", ex.schema().entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue().toLowerCase(Locale.ROOT) + ")").toList());
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("id", id);
        header.put("title", "Validated pipeline: " + ex.purpose());
        header.put("family", ex.family());
        header.put("methods", ex.methods());
        header.put("language", "java");
        header.put("libraries", List.of("cerebro pipeline classpath"));
        header.put("description", "A pipeline Cerebro generated (" + ex.generator() + ") and proved against its reference"
                + " engine (verdict " + ex.verdict() + "): " + ex.purpose() + ". Method " + method + " (" + words(method)
                + "). Spec: " + specWords(ex.specJson()) + ". Data columns: " + columns + "; " + ex.rows() + " rows.");
        Map<String, Object> record = new LinkedHashMap<>();
        try {
            record.put("spec", JSON.readValue(ex.specJson(), Object.class));
        } catch (IOException e) {
            record.put("spec", ex.specJson());
        }
        record.put("schema", ex.schema());
        record.put("rows", ex.rows());
        record.put("validation", Map.of("verdict", ex.verdict(), "checks", ex.checks(), "generator", ex.generator()));
        header.put("retained", record);
        String yaml;
        try {
            yaml = YAML.writeValueAsString(header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // nothing in the YAML may close the Java comment early
        yaml = yaml.replace("*/", "* /");
        return "/*---\n" + yaml + (yaml.endsWith("\n") ? "" : "\n") + "---*/\n" + ex.code();
    }

    /** "ab.welch" as words: "ab welch". */
    private static String words(String method) {
        return method.replace('.', ' ').replace('_', ' ');
    }

    /** The spec's values as search words: every string and number of the JSON, keys as labels. */
    static String specWords(String specJson) {
        try {
            StringBuilder sb = new StringBuilder();
            flatten("", JSON.readTree(specJson), sb);
            return sb.toString().strip();
        } catch (IOException e) {
            return specJson;
        }
    }

    private static void flatten(String key, com.fasterxml.jackson.databind.JsonNode n, StringBuilder sb) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> flatten(e.getKey(), e.getValue(), sb));
        } else if (n.isArray()) {
            n.forEach(x -> flatten(key, x, sb));
        } else if (!n.isNull()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(key).append(' ').append(n.asText());
        }
    }
}
