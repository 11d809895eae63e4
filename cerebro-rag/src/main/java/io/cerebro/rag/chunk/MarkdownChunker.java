package io.cerebro.rag.chunk;

import io.cerebro.rag.corpus.Chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits Markdown by heading: each ATX heading ({@code #} to {@code ######}) starts a section that
 * runs to the next heading. Headings inside fenced code blocks do not count; the front matter is
 * left out of the sections; text before the first heading becomes a section of its own.
 */
public final class MarkdownChunker implements Chunker {
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");

    @Override
    public String language() {
        return "markdown";
    }

    @Override
    public Chunked chunk(String text, String fileName) {
        return split(text, PythonChunker.stem(fileName), "section", 0);
    }

    /** Splits Markdown text; {@code lineOffset} is added to line numbers (for notebook cells). */
    static Chunked split(String text, String fallbackTitle, String kind, int lineOffset) {
        String[] lines = text.split("\r?\n", -1);
        int first = skipFrontMatter(lines);
        List<Chunk> chunks = new ArrayList<>();
        String title = null;
        String name = null;
        int start = first;
        StringBuilder sb = new StringBuilder();
        boolean fenced = false;
        for (int i = first; i < lines.length; i++) {
            String line = lines[i];
            String s = line.strip();
            if (s.startsWith("```") || s.startsWith("~~~")) {
                fenced = !fenced;
            }
            Matcher m = fenced ? null : HEADING.matcher(line);
            if (m != null && m.matches()) {
                flush(chunks, kind, name == null ? fallbackTitle : name, sb, start + 1 + lineOffset);
                name = m.group(2);
                if (title == null) {
                    title = name;
                }
                start = i;
                sb.setLength(0);
            }
            sb.append(line).append('\n');
        }
        flush(chunks, kind, name == null ? fallbackTitle : name, sb, start + 1 + lineOffset);
        return new Chunked(title == null ? fallbackTitle : title, chunks);
    }

    private static void flush(List<Chunk> chunks, String kind, String name, StringBuilder sb, int line) {
        String t = sb.toString().strip();
        if (!t.isEmpty()) {
            chunks.add(new Chunk(kind, name, t, line));
        }
    }

    private static int skipFrontMatter(String[] lines) {
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        if (i < lines.length && lines[i].strip().equals("---")) {
            for (int j = i + 1; j < lines.length; j++) {
                if (lines[j].strip().equals("---")) {
                    return j + 1;
                }
            }
        }
        return 0;
    }
}
