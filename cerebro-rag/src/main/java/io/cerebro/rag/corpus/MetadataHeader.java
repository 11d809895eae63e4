package io.cerebro.rag.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the metadata header at the top of a corpus file: a Java block comment between the lines
 * {@code /*---} and {@code ---*}{@code /}, Python comment lines between {@code # ---} lines, or
 * Markdown {@code ---} front matter. The content is plain YAML with the keys {@code id},
 * {@code title}, {@code family}, {@code methods}, {@code language}, {@code libraries} and
 * {@code description}.
 */
public final class MetadataHeader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** A header that is present but cannot be read; the file is skipped with this message. */
    public static final class InvalidHeaderException extends Exception {
        InvalidHeaderException(String message) {
            super(message);
        }
    }

    private MetadataHeader() {
    }

    /**
     * Extracts the YAML text of the header, if the file has one.
     *
     * @param text     the file's text
     * @param language {@code java}, {@code python}, {@code markdown} or {@code notebook}
     *                 (a notebook's first cell is read like Markdown)
     * @return the YAML between the header delimiters, or empty when the file has no header
     * @throws InvalidHeaderException when the header opens but never closes
     */
    public static Optional<String> yamlOf(String text, String language) throws InvalidHeaderException {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> lines = t.lines().toList();
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first >= lines.size()) {
            return Optional.empty();
        }
        String open = lines.get(first).strip();
        switch (language) {
            case "java" -> {
                if (!open.equals("/*---")) {
                    return Optional.empty();
                }
                StringBuilder yaml = new StringBuilder();
                for (int i = first + 1; i < lines.size(); i++) {
                    if (lines.get(i).strip().equals("---*/")) {
                        return Optional.of(yaml.toString());
                    }
                    yaml.append(lines.get(i)).append('\n');
                }
                throw new InvalidHeaderException("the '/*---' header has no closing '---*/' line");
            }
            case "python", "r", "sql" -> {
                // R shares Python's comment character; SQL uses "--" the same way
                String c = language.equals("sql") ? "--" : "#";
                if (!open.equals(c + " ---")) {
                    return Optional.empty();
                }
                StringBuilder yaml = new StringBuilder();
                for (int i = first + 1; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.strip().equals(c + " ---")) {
                        return Optional.of(yaml.toString());
                    }
                    if (line.startsWith(c + " ")) {
                        yaml.append(line, c.length() + 1, line.length()).append('\n');
                    } else if (line.strip().equals(c)) {
                        yaml.append('\n');
                    } else {
                        throw new InvalidHeaderException("header line " + (i + 1) + " does not start with '" + c + " '");
                    }
                }
                throw new InvalidHeaderException("the '" + c + " ---' header has no closing '" + c + " ---' line");
            }
            default -> {
                if (!open.equals("---")) {
                    return Optional.empty();
                }
                StringBuilder yaml = new StringBuilder();
                for (int i = first + 1; i < lines.size(); i++) {
                    if (lines.get(i).strip().equals("---")) {
                        return Optional.of(yaml.toString());
                    }
                    yaml.append(lines.get(i)).append('\n');
                }
                throw new InvalidHeaderException("the '---' front matter has no closing '---' line");
            }
        }
    }

    /**
     * The text with a leading metadata header (in any of the three styles) removed; text without
     * one is returned unchanged.
     */
    public static String strip(String text) {
        String t = text.stripLeading();
        String[][] delimiters = {{"/*---", "---*/"}, {"# ---", "# ---"}, {"-- ---", "-- ---"}, {"---", "---"}};
        for (String[] d : delimiters) {
            if (t.startsWith(d[0] + "\n") || t.startsWith(d[0] + "\r\n")) {
                int close = t.indexOf("\n" + d[1], d[0].length());
                while (close >= 0) {
                    int end = close + 1 + d[1].length();
                    if (end == t.length() || t.charAt(end) == '\n' || t.charAt(end) == '\r') {
                        return t.substring(end).stripLeading();
                    }
                    close = t.indexOf("\n" + d[1], end);
                }
                return text;
            }
        }
        return text;
    }

    /**
     * Reads the header into metadata, or derives metadata when the file has none.
     *
     * @param text         the file's text
     * @param language     the language implied by the file's extension
     * @param relativePath path relative to its source folder; the derived id
     * @param derivedTitle title to use when the header has none (class name, first heading, file name)
     */
    public static ExampleMetadata read(String text, String language, String relativePath, String derivedTitle)
            throws InvalidHeaderException {
        return read(text, language, language, relativePath, derivedTitle);
    }

    /**
     * Reads a header written in one style for a file of another language (a notebook keeps a
     * Markdown header in its first cell).
     *
     * @param headerStyle     {@code java}, {@code python} or {@code markdown}: how the header is delimited
     * @param defaultLanguage the language recorded when the header names none
     */
    public static ExampleMetadata read(String text, String headerStyle, String defaultLanguage, String relativePath,
                                       String derivedTitle) throws InvalidHeaderException {
        String language = defaultLanguage;
        Optional<String> yaml = yamlOf(text, headerStyle);
        if (yaml.isEmpty()) {
            return new ExampleMetadata(relativePath, derivedTitle, "", List.of(), language, List.of(), "", false);
        }
        Map<?, ?> map;
        try {
            Object parsed = YAML.readValue(yaml.get(), Object.class);
            if (parsed == null) {
                map = Map.of();
            } else if (parsed instanceof Map<?, ?> m) {
                map = m;
            } else {
                throw new InvalidHeaderException("the header is not a YAML mapping of keys to values");
            }
        } catch (InvalidHeaderException e) {
            throw e;
        } catch (Exception e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new InvalidHeaderException("the header is not valid YAML: " + msg);
        }
        String id = string(map.get("id"));
        String title = string(map.get("title"));
        String lang = string(map.get("language"));
        return new ExampleMetadata(
                id.isEmpty() ? relativePath : id,
                title.isEmpty() ? derivedTitle : title,
                string(map.get("family")).toLowerCase(Locale.ROOT),
                list(map.get("methods")),
                lang.isEmpty() ? language : lang.toLowerCase(Locale.ROOT),
                list(map.get("libraries")),
                string(map.get("description")).strip(),
                true);
    }

    private static String string(Object o) {
        return o == null ? "" : o.toString().strip();
    }

    private static List<String> list(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object x : l) {
                if (x != null && !x.toString().isBlank()) {
                    out.add(x.toString().strip());
                }
            }
        } else if (o != null && !o.toString().isBlank()) {
            for (String s : o.toString().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }
}
