package io.cerebro.agents.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls Java source out of an LLM answer: fenced blocks ({@code ```java ... ```}, {@code ```...```},
 * {@code ~~~}), or bare code surrounded by prose. When several fenced blocks are present the one
 * that declares a {@code main} method wins (else the longest).
 */
public final class CodeExtractor {
    private static final Pattern FENCE = Pattern.compile("(?ms)^[ \\t]*(```|~~~)[ \\t]*([\\w+#.-]*)[^\\n]*\\n(.*?)^[ \\t]*\\1[ \\t]*$");

    private CodeExtractor() {
    }

    /** @return the Java source found in {@code answer}, or the trimmed answer when nothing better is found. */
    public static String extract(String answer) {
        if (answer == null) {
            return "";
        }
        String text = answer.replace("\r\n", "\n");
        List<String> blocks = new ArrayList<>();
        Matcher m = FENCE.matcher(text);
        while (m.find()) {
            String lang = m.group(2).toLowerCase(java.util.Locale.ROOT);
            if (lang.isEmpty() || lang.equals("java")) {
                blocks.add(m.group(3));
            }
        }
        if (blocks.isEmpty()) {
            int open = text.indexOf("```");
            if (open >= 0) {
                // an unterminated fence (the answer was cut off or the model forgot to close it)
                int nl = text.indexOf('\n', open);
                if (nl > 0) {
                    blocks.add(text.substring(nl + 1));
                }
            }
        }
        if (!blocks.isEmpty()) {
            String best = null;
            for (String b : blocks) {
                boolean hasMain = b.contains("static void main");
                boolean bestHasMain = best != null && best.contains("static void main");
                if (best == null || (hasMain && !bestHasMain) || (hasMain == bestHasMain && b.length() > best.length())) {
                    best = b;
                }
            }
            return best.strip() + "\n";
        }
        return bareCode(text);
    }

    /** Trims prose before the first line that starts Java code and after the last closing brace. */
    private static String bareCode(String text) {
        String[] lines = text.split("\n", -1);
        int start = -1;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].stripLeading();
            if (l.startsWith("import ") || l.startsWith("package ") || l.startsWith("//DEPS") || l.startsWith("/*")
                    || l.startsWith("public class") || l.startsWith("class ") || l.startsWith("public final class")
                    || l.startsWith("final class") || l.startsWith("record ") || l.startsWith("public record")) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            return text.strip() + "\n";
        }
        int end = lines.length - 1;
        while (end > start && !lines[end].strip().endsWith("}")) {
            end--;
        }
        StringBuilder b = new StringBuilder();
        for (int i = start; i <= end; i++) {
            b.append(lines[i]).append('\n');
        }
        return b.toString();
    }
}
