package io.cerebro.rag.chunk;

import io.cerebro.rag.corpus.Chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits an R script into a {@code module} chunk (the whole file) and one {@code function} chunk
 * per top-level assignment of a function ({@code name <- function(...)}, {@code name = function},
 * backquoted names included), together with the roxygen block ({@code #'} lines) and plain
 * comments directly above it. A function ends where its braces balance; braces inside strings
 * and comments are ignored, so a {@code "}"} in a message does not end it.
 */
public final class RChunker implements Chunker {
    private static final Pattern ASSIGN_FUNCTION = Pattern.compile(
            "^(`[^`]+`|[A-Za-z.][A-Za-z0-9._]*)\\s*(?:<<?-|=)\\s*function\\s*\\(");

    @Override
    public String language() {
        return "r";
    }

    @Override
    public Chunked chunk(String text, String fileName) throws UnparsableException {
        return split(text, PythonChunker.stem(fileName), 0);
    }

    /** Splits R code; {@code lineOffset} is added to line numbers (for R Markdown chunks). */
    static Chunked split(String text, String stem, int lineOffset) throws UnparsableException {
        String[] lines = text.split("\r?\n", -1);
        List<Chunk> chunks = new ArrayList<>();
        chunks.add(new Chunk("module", stem, text.strip(), 1 + lineOffset));
        int i = 0;
        while (i < lines.length) {
            Matcher m = ASSIGN_FUNCTION.matcher(lines[i]);
            if (!m.find()) {
                i++;
                continue;
            }
            String name = m.group(1).replace("`", "");
            int start = i;
            while (start > 0 && lines[start - 1].stripLeading().startsWith("#")
                    && !lines[start - 1].strip().equals("# ---")) {
                start--;
            }
            int end = endOfFunction(lines, i);
            if (end < 0) {
                throw new UnparsableException("function '" + name + "' at line " + (i + 1 + lineOffset)
                        + " has an unclosed '{'");
            }
            StringBuilder sb = new StringBuilder();
            for (int k = start; k <= end; k++) {
                sb.append(lines[k]).append('\n');
            }
            chunks.add(new Chunk("function", name, sb.toString().strip(), start + 1 + lineOffset));
            i = end + 1;
        }
        return new Chunked(stem, chunks);
    }

    /**
     * The last line of the function whose header is at {@code from}: the line where the braces
     * opened after the header balance, or, for a body without braces, the first line whose
     * parentheses balance and that does not end in an operator. Returns -1 for an unclosed brace.
     */
    private static int endOfFunction(String[] lines, int from) {
        int depthBrace = 0;
        int depthParen = 0;
        boolean sawBrace = false;
        char quote = 0;
        for (int i = from; i < lines.length; i++) {
            String line = lines[i];
            for (int c = 0; c < line.length(); c++) {
                char ch = line.charAt(c);
                if (quote != 0) {
                    if (ch == '\\') {
                        c++;
                    } else if (ch == quote) {
                        quote = 0;
                    }
                    continue;
                }
                switch (ch) {
                    case '"', '\'', '`' -> quote = ch;
                    case '#' -> c = line.length();
                    case '(' -> depthParen++;
                    case ')' -> depthParen--;
                    case '{' -> {
                        depthBrace++;
                        sawBrace = true;
                    }
                    case '}' -> depthBrace--;
                    default -> {
                    }
                }
            }
            if (quote != 0) {
                continue;
            }
            if (sawBrace && depthBrace <= 0 && depthParen <= 0) {
                return i;
            }
            if (!sawBrace && depthParen <= 0 && depthBrace == 0 && !line.strip().isEmpty()
                    && !endsWithOperator(line)) {
                // one-line bodies such as `sq <- function(x) x^2`
                String rest = line.replaceFirst(".*function\\s*\\(.*?\\)", "").strip();
                if (!rest.isEmpty() || i > from) {
                    return i;
                }
            }
        }
        return sawBrace ? -1 : lines.length - 1;
    }

    private static boolean endsWithOperator(String line) {
        String s = line.replaceFirst("#.*$", "").strip();
        return s.endsWith(",") || s.endsWith("+") || s.endsWith("-") || s.endsWith("*") || s.endsWith("/")
                || s.endsWith("|>") || s.endsWith("%>%") || s.endsWith("<-") || s.endsWith("=") || s.endsWith("(")
                || s.endsWith("&") || s.endsWith("|");
    }
}
