package io.cerebro.rag.chunk;

import io.cerebro.rag.corpus.Chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits R Markdown ({@code .Rmd}) and Quarto ({@code .qmd}) documents into one {@code cell}
 * chunk per executable code chunk ({@code ```{r label, ...}}, {@code ```{python}}, ...), each
 * carrying the prose written since the previous code chunk, because that prose is what says what
 * the code does; prose after the last code chunk becomes a {@code section}. The chunk is named by
 * its label ({@code label=} or the first bare option, or Quarto's {@code #| label:} line), else by
 * the nearest heading. R code chunks also yield their functions (see {@link RChunker}). The YAML
 * front matter is left out (it is the metadata header).
 */
public final class RMarkdownChunker implements Chunker {
    private static final Pattern OPEN = Pattern.compile("^\\s*```+\\s*\\{\\s*([A-Za-z0-9_]+)([^}]*)}\\s*$");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern QUARTO_LABEL = Pattern.compile("^#\\|\\s*label:\\s*(\\S+)");

    private final String language;

    /** @param language {@code rmarkdown} or {@code quarto}, recorded as the file's language */
    public RMarkdownChunker(String language) {
        this.language = language;
    }

    @Override
    public String language() {
        return language;
    }

    @Override
    public Chunked chunk(String text, String fileName) throws UnparsableException {
        String[] lines = text.split("\r?\n", -1);
        int i = frontMatterEnd(lines);
        List<Chunk> chunks = new ArrayList<>();
        List<Chunk> functions = new ArrayList<>();
        StringBuilder prose = new StringBuilder();
        int proseStart = i;
        String heading = null;
        String title = null;
        int cellNo = 0;
        while (i < lines.length) {
            String line = lines[i];
            Matcher open = OPEN.matcher(line);
            if (open.matches()) {
                String engine = open.group(1).toLowerCase(Locale.ROOT);
                String label = label(open.group(2));
                int codeStart = i + 1;
                int j = codeStart;
                while (j < lines.length && !lines[j].strip().startsWith("```")) {
                    j++;
                }
                if (j >= lines.length) {
                    throw new UnparsableException("code chunk at line " + (i + 1) + " is never closed with ```");
                }
                StringBuilder code = new StringBuilder();
                for (int k = codeStart; k < j; k++) {
                    Matcher q = QUARTO_LABEL.matcher(lines[k]);
                    if (label == null && q.find()) {
                        label = q.group(1);
                    }
                    code.append(lines[k]).append('\n');
                }
                cellNo++;
                String name = label != null ? label : heading != null ? heading + " (chunk " + cellNo + ")" : "chunk " + cellNo;
                String body = (prose.toString().strip() + "\n\n```" + engine + "\n" + code.toString().strip() + "\n```").strip();
                chunks.add(new Chunk("cell", name, body, (prose.toString().isBlank() ? i : proseStart) + 1));
                if (engine.equals("r") && !code.toString().isBlank()) {
                    try {
                        Chunked r = RChunker.split(code.toString(), name, codeStart);
                        functions.addAll(r.chunks().subList(1, r.chunks().size()));
                    } catch (UnparsableException e) {
                        // an R chunk that does not parse still counts as a cell; only its functions are lost
                    }
                }
                prose.setLength(0);
                i = j + 1;
                proseStart = i;
                continue;
            }
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                heading = h.group(1);
                if (title == null) {
                    title = heading;
                }
            }
            if (prose.isEmpty() && line.isBlank()) {
                proseStart = i + 1;
            } else {
                prose.append(line).append('\n');
            }
            i++;
        }
        if (!prose.toString().isBlank()) {
            chunks.add(new Chunk("section", heading != null ? heading : "closing notes", prose.toString().strip(),
                    proseStart + 1));
        }
        chunks.addAll(functions);
        return new Chunked(title != null ? title : PythonChunker.stem(fileName), chunks);
    }

    /** The label of a chunk from its options ({@code r my-label, echo=FALSE} or {@code label="x"}). */
    private static String label(String options) {
        String o = options.strip();
        if (o.startsWith(",")) {
            o = o.substring(1).strip();
        }
        for (String part : o.split(",")) {
            String p = part.strip();
            if (p.startsWith("label")) {
                String v = p.replaceFirst("^label\\s*=\\s*", "").replace("\"", "").replace("'", "").strip();
                return v.isEmpty() ? null : v;
            }
        }
        String first = o.split(",")[0].strip();
        return first.isEmpty() || first.contains("=") ? null : first;
    }

    private static int frontMatterEnd(String[] lines) {
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
