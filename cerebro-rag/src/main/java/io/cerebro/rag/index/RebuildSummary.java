package io.cerebro.rag.index;

import io.cerebro.rag.corpus.Skipped;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a rebuild did.
 *
 * @param index        the index folder
 * @param generation   the generation in use afterwards
 * @param changed      whether a new generation was written (false when nothing changed)
 * @param files        files indexed
 * @param chunks       chunks indexed
 * @param reusedFiles  files whose chunks and vectors were copied from the previous generation
 * @param embedded     chunks embedded in this run
 * @param skipped      files left out, with reasons
 * @param note         why the previous generation could not be reused, or empty
 * @param millis       wall time of the rebuild
 */
public record RebuildSummary(Path index, Path generation, boolean changed, int files, int chunks, int reusedFiles,
                             long embedded, List<Skipped> skipped, String note, long millis) {
    public RebuildSummary {
        skipped = List.copyOf(skipped);
    }

    /** Number of skipped files per reason, sorted by reason. */
    public Map<String, Integer> skippedByReason() {
        Map<String, Integer> m = new TreeMap<>();
        skipped.forEach(s -> m.merge(s.reason(), 1, Integer::sum));
        return m;
    }

    /** A few lines for the terminal. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(changed ? "index rebuilt: " : "index up to date: ").append(index).append('\n');
        sb.append(String.format("  files %d, chunks %d, re-embedded %d chunks, reused %d unchanged files, %.1f s%n",
                files, chunks, embedded, reusedFiles, millis / 1000.0));
        if (skipped.isEmpty()) {
            sb.append("  skipped 0 files\n");
        } else {
            sb.append("  skipped ").append(skipped.size()).append(" files:");
            skippedByReason().forEach((r, n) -> sb.append(' ').append(r).append(" (").append(n).append(')').append(','));
            sb.setLength(sb.length() - 1);
            sb.append('\n');
        }
        if (!note.isEmpty()) {
            sb.append("  note: ").append(note).append('\n');
        }
        return sb.toString();
    }
}
