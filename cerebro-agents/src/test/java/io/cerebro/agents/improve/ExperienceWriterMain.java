package io.cerebro.agents.improve;

import java.nio.file.Path;
import java.util.List;

/**
 * A child process for the experience-store tests: appends {@code count} records tagged {@code tag}
 * (0 = until killed) and prints {@code acked N} after each append returned.
 */
public final class ExperienceWriterMain {
    private ExperienceWriterMain() {
    }

    public static void main(String[] args) {
        ExperienceStore store = new ExperienceStore(Path.of(args[0]));
        String tag = args[1];
        int count = Integer.parseInt(args[2]);
        for (int i = 0; count == 0 || i < count; i++) {
            store.append(record(tag, i));
            System.out.println("acked " + i);
            System.out.flush();
        }
    }

    static Experience record(String tag, int i) {
        return new Experience("2026-01-01T00:00:00Z", "ab", tag + "-" + i, "offline/none/ranked/standard/a1", 0, i % 2 == 0, 1,
                List.of("PASSED"), 0, 1, false);
    }
}
