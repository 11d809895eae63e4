package io.cerebro.core.tune;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.tune.journal.Trial;
import io.cerebro.core.tune.journal.TrialJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A journal written in bulk reads back as the trials it was given, and is resumable like any other. */
class JournalBulkWriteTest {
    @Test
    void bulkWrittenJournalReadsBack(@TempDir Path dir) {
        List<Trial> trials = List.of(
                new Trial(0, Map.of("x", 0.5), Trial.State.COMPLETE, List.of(1.5, 2.0), 0.1, List.of(1.4, 1.6), null, 0.25, "me"),
                new Trial(1, Map.of("x", 0.7), Trial.State.FAILED, List.of(), Double.NaN, List.of(), "exit 1", 0.5, "me"));
        Path p = dir.resolve("j.jsonl");
        TrialJournal.writeFinished(p, "s", trials);
        try (TrialJournal j = TrialJournal.open(p)) {
            assertEquals("s", j.studyName());
            List<Trial> back = j.trials();
            assertEquals(2, back.size());
            assertEquals(trials.get(0).values(), back.get(0).values());
            assertEquals(0.1, back.get(0).spread());
            assertEquals(trials.get(0).runs(), back.get(0).runs());
            assertEquals(0.5, ((Number) back.get(0).params().get("x")).doubleValue());
            assertEquals(Trial.State.FAILED, back.get(1).state());
            assertEquals("exit 1", back.get(1).error());
        }
        assertThrows(UserInputException.class, () -> TrialJournal.writeFinished(p, "s", trials));
    }
}
