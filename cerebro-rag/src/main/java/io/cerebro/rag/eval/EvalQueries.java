package io.cerebro.rag.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.error.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads an evaluation set: JSON lines {@code {"query": "...", "relevant": ["id", ...], "family": "ab"}}. */
public final class EvalQueries {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalQueries() {
    }

    /**
     * @throws UserInputException when the file is missing, or a line is not a query object
     *                            (the message names the line)
     */
    public static List<EvalQuery> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UserInputException("cannot read evaluation queries " + file + " (" + e.getClass().getSimpleName()
                    + "); pass an existing JSON-lines file to --queries");
        }
        List<EvalQuery> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("//")) {
                continue;
            }
            String where = file + " line " + (i + 1);
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (IOException e) {
                throw new UserInputException(where + " is not valid JSON; each line must be"
                        + " {\"query\": \"...\", \"relevant\": [\"id\"]}");
            }
            String q = n.path("query").asText("");
            if (q.isBlank() || !n.path("relevant").isArray() || n.path("relevant").isEmpty()) {
                throw new UserInputException(where + " needs a non-empty \"query\" and a non-empty \"relevant\" list of ids");
            }
            List<String> rel = new ArrayList<>();
            n.path("relevant").forEach(r -> rel.add(r.asText()));
            String fam = n.hasNonNull("family") ? n.get("family").asText() : null;
            out.add(new EvalQuery(q, rel, fam));
        }
        if (out.isEmpty()) {
            throw new UserInputException("evaluation file " + file + " holds no queries; add JSON lines"
                    + " {\"query\": \"...\", \"relevant\": [\"id\"]}");
        }
        return out;
    }
}
