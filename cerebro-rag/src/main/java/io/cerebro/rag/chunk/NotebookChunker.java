package io.cerebro.rag.chunk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.rag.corpus.Chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Jupyter notebook ({@code .ipynb}) into one chunk per non-empty code or Markdown cell.
 * Outputs are ignored. A metadata header, if any, is the front matter of the first Markdown or
 * raw cell; {@link #headerText(String)} exposes it.
 */
public final class NotebookChunker implements Chunker {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String language() {
        return "notebook";
    }

    @Override
    public Chunked chunk(String text, String fileName) throws UnparsableException {
        JsonNode cells = cells(text);
        List<Chunk> chunks = new ArrayList<>();
        String title = null;
        for (int i = 0; i < cells.size(); i++) {
            JsonNode cell = cells.get(i);
            String type = cell.path("cell_type").asText("");
            String src = source(cell).strip();
            if (src.isEmpty() || type.equals("raw")) {
                continue;
            }
            if (type.equals("markdown")) {
                Chunked md = MarkdownChunker.split(src, "cell " + (i + 1), "cell", 0);
                if (title == null && md.chunks().stream().anyMatch(c -> !c.name().startsWith("cell "))) {
                    title = md.derivedTitle();
                }
                String body = md.chunks().stream().map(Chunk::text).reduce((a, b) -> a + "\n\n" + b).orElse("");
                if (!body.isBlank()) {
                    chunks.add(new Chunk("cell", "cell " + (i + 1), body, i + 1));
                }
            } else {
                chunks.add(new Chunk("cell", "cell " + (i + 1), src, i + 1));
            }
        }
        if (chunks.isEmpty()) {
            throw new UnparsableException("the notebook has no non-empty cells");
        }
        return new Chunked(title == null ? PythonChunker.stem(fileName) : title, chunks);
    }

    /** The text of the first Markdown or raw cell, where a notebook keeps its metadata header. */
    public static String headerText(String text) throws UnparsableException {
        JsonNode cells = cells(text);
        for (JsonNode cell : cells) {
            String type = cell.path("cell_type").asText("");
            if (type.equals("markdown") || type.equals("raw")) {
                return source(cell);
            }
            if (!source(cell).isBlank()) {
                return "";
            }
        }
        return "";
    }

    /** The kernel language recorded in the notebook, or {@code python} when absent. */
    public static String kernelLanguage(String text) throws UnparsableException {
        try {
            JsonNode root = JSON.readTree(text);
            String lang = root.path("metadata").path("kernelspec").path("language").asText("");
            if (lang.isEmpty()) {
                lang = root.path("metadata").path("language_info").path("name").asText("python");
            }
            return lang.toLowerCase(java.util.Locale.ROOT);
        } catch (Exception e) {
            throw new UnparsableException("not valid notebook JSON");
        }
    }

    private static JsonNode cells(String text) throws UnparsableException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (Exception e) {
            String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new UnparsableException("not valid notebook JSON: " + msg);
        }
        if (root == null || !root.path("cells").isArray()) {
            throw new UnparsableException("no 'cells' array: not a Jupyter notebook");
        }
        return root.path("cells");
    }

    private static String source(JsonNode cell) {
        JsonNode src = cell.path("source");
        if (src.isArray()) {
            StringBuilder sb = new StringBuilder();
            src.forEach(s -> sb.append(s.asText()));
            return sb.toString();
        }
        return src.asText("");
    }
}
