package io.cerebro.rag.chunk;

import io.cerebro.rag.corpus.Chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits Python source into a {@code module} chunk (the whole file) and one chunk per top-level
 * {@code def}, {@code async def} or {@code class}, including its decorators and the comment
 * lines directly above it. A definition ends at the next line that starts at column zero and is
 * not a comment.
 */
public final class PythonChunker implements Chunker {
    private static final Pattern DEF = Pattern.compile("^(?:async\\s+def|def|class)\\s+([A-Za-z_][A-Za-z0-9_]*)");

    @Override
    public String language() {
        return "python";
    }

    @Override
    public Chunked chunk(String text, String fileName) throws UnparsableException {
        String[] lines = text.split("\r?\n", -1);
        List<Chunk> chunks = new ArrayList<>();
        chunks.add(new Chunk("module", stem(fileName), text.strip(), 1));
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            var m = DEF.matcher(line);
            if (line.startsWith("@") || m.find()) {
                int start = i;
                while (start > 0 && lines[start - 1].startsWith("#") && !lines[start - 1].startsWith("# ---")) {
                    start--;
                }
                int j = i;
                while (j < lines.length && lines[j].startsWith("@")) {
                    j++;
                }
                if (j >= lines.length) {
                    throw new UnparsableException("decorator at line " + (i + 1) + " is not followed by a definition");
                }
                var dm = DEF.matcher(lines[j]);
                if (!dm.find()) {
                    i = j + 1;
                    continue;
                }
                String name = dm.group(1);
                int end = j + 1;
                while (end < lines.length) {
                    String l = lines[end];
                    if (!l.isEmpty() && !Character.isWhitespace(l.charAt(0)) && !l.startsWith("#")) {
                        break;
                    }
                    end++;
                }
                // a definition owns trailing comments only if they are indented
                int last = end - 1;
                while (last > j && (lines[last].isBlank() || lines[last].startsWith("#"))) {
                    last--;
                }
                if (last == j && !lines[j].stripTrailing().endsWith(":") && !lines[j].contains(":")) {
                    throw new UnparsableException("definition at line " + (j + 1) + " has no body");
                }
                StringBuilder sb = new StringBuilder();
                for (int k = start; k <= last; k++) {
                    sb.append(lines[k]).append('\n');
                }
                chunks.add(new Chunk(lines[j].startsWith("class") ? "class" : "function", name, sb.toString().strip(),
                        start + 1));
                i = last + 1;
            } else {
                i++;
            }
        }
        return new Chunked(stem(fileName), chunks);
    }

    static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
