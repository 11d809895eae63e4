package io.cerebro.agents.improve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prompt versions of every family: an append-only JSON-lines file (locked and forced to disk like
 * the experience store) of every evaluated version, kept or dropped, with its score. A family's current
 * prompt is its last kept version; together the current prompts are the Pareto set over families, since
 * each family keeps the best-scoring version measured for it.
 */
public final class PromptBook {
    private final Path file;
    private final Map<String, PromptVersion> current = new LinkedHashMap<>();
    private final List<PromptVersion> history = new ArrayList<>();

    /** Opens (or starts) the book in {@code file}; null keeps it in memory only. */
    public PromptBook(Path file) {
        this.file = file == null ? null : file.toAbsolutePath().normalize();
        if (this.file != null) {
            for (PromptVersion v : ExperienceStore.readLines(this.file, PromptVersion.class, "prompt book").records()) {
                remember(v);
            }
        }
    }

    private void remember(PromptVersion v) {
        history.add(v);
        if (v.kept()) {
            current.put(v.family(), v);
        }
    }

    /** Records an evaluated version (durably when the book has a file). */
    public synchronized void record(PromptVersion v) {
        if (file != null) {
            ExperienceStore.appendLine(file, v, "prompt book");
        }
        remember(v);
    }

    /** @return the family's current version, or null when none was recorded. */
    public synchronized PromptVersion current(String family) {
        return current.get(family);
    }

    /** @return the amendments in force for the family (none before any version is kept). */
    public synchronized List<String> amendments(String family) {
        PromptVersion v = current.get(family);
        return v == null ? List.of() : v.amendments();
    }

    /** @return the family's current version number, 0 before any amendment is kept. */
    public synchronized int version(String family) {
        PromptVersion v = current.get(family);
        return v == null ? 0 : v.version();
    }

    /** @return every recorded version, kept and dropped, in order. */
    public synchronized List<PromptVersion> history() {
        return List.copyOf(history);
    }

    /** @return the current version of every family that has one. */
    public synchronized List<PromptVersion> currentVersions() {
        return List.copyOf(current.values());
    }
}
