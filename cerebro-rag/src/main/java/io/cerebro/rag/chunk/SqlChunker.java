package io.cerebro.rag.chunk;

import io.cerebro.rag.corpus.Chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL into one {@code statement} chunk per statement ending in {@code ;}, with the
 * {@code --} comments directly above it (they usually say what the query measures), and a
 * {@code module} chunk for the whole file when it has more than one statement. Semicolons inside
 * string literals, quoted identifiers and comments do not end a statement. A statement is named
 * by its verb and target: {@code CREATE TABLE daily_conversions}, {@code WITH ... SELECT}.
 */
public final class SqlChunker implements Chunker {
    @Override
    public String language() {
        return "sql";
    }

    @Override
    public Chunked chunk(String text, String fileName) throws UnparsableException {
        List<Chunk> statements = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int line = 1;
        int start = -1;
        char quote = 0;
        boolean lineComment = false;
        boolean blockComment = false;
        boolean code = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (start < 0 && !Character.isWhitespace(c)) {
                start = line;
            }
            cur.append(c);
            if (c == '\n') {
                line++;
                lineComment = false;
                continue;
            }
            if (lineComment) {
                continue;
            }
            if (blockComment) {
                if (c == '*' && next == '/') {
                    blockComment = false;
                    cur.append(next);
                    i++;
                }
                continue;
            }
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '-' && next == '-') {
                lineComment = true;
            } else if (c == '/' && next == '*') {
                blockComment = true;
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                code = true;
            } else if (c == ';') {
                if (code) {
                    statements.add(new Chunk("statement", name(cur.toString()), cur.toString().strip(), start));
                }
                cur.setLength(0);
                start = -1;
                code = false;
            } else if (!Character.isWhitespace(c)) {
                code = true;
            }
        }
        if (quote != 0 || blockComment) {
            throw new UnparsableException(quote != 0 ? "a quoted string or identifier is never closed" : "a /* comment is never closed");
        }
        if (code) {
            statements.add(new Chunk("statement", name(cur.toString()), cur.toString().strip(), start));
        }
        List<Chunk> out = new ArrayList<>();
        if (statements.size() > 1) {
            out.add(new Chunk("module", PythonChunker.stem(fileName), text.strip(), 1));
        }
        out.addAll(statements);
        return new Chunked(PythonChunker.stem(fileName), out);
    }

    /** The statement's verb and target, from its code with comments removed. */
    static String name(String statement) {
        String code = statement.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\n]*", " ").strip();
        String[] w = code.split("\\s+");
        if (w.length == 0 || w[0].isEmpty()) {
            return "statement";
        }
        String verb = w[0].toUpperCase(Locale.ROOT);
        switch (verb) {
            case "CREATE", "DROP", "ALTER" -> {
                int k = 1;
                StringBuilder sb = new StringBuilder(verb);
                while (k < w.length && List.of("OR", "REPLACE", "TEMP", "TEMPORARY", "TABLE", "VIEW", "MATERIALIZED",
                        "IF", "NOT", "EXISTS", "INDEX", "UNIQUE").contains(w[k].toUpperCase(Locale.ROOT))) {
                    sb.append(' ').append(w[k].toUpperCase(Locale.ROOT));
                    k++;
                }
                return k < w.length ? sb + " " + clean(w[k]) : sb.toString();
            }
            case "INSERT", "DELETE" -> {
                return w.length > 2 ? verb + " " + w[1].toUpperCase(Locale.ROOT) + " " + clean(w[2]) : verb;
            }
            case "UPDATE" -> {
                return w.length > 1 ? verb + " " + clean(w[1]) : verb;
            }
            case "WITH" -> {
                return "WITH " + (w.length > 1 ? clean(w[1]) : "") + " ... SELECT";
            }
            default -> {
                return verb;
            }
        }
    }

    private static String clean(String word) {
        return word.replaceAll("[(;,]+.*$", "");
    }
}
