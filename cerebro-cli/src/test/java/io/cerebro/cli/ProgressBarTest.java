package io.cerebro.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The progress bar redraws one line on a terminal and writes a line at the start and per tenth into a log. */
class ProgressBarTest {
    @Test
    void aLogGetsOneLinePerTenthAndNoCarriageReturns() {
        StringWriter w = new StringWriter();
        MmmCommand.ProgressBar bar = new MmmCommand.ProgressBar(new PrintWriter(w), false);
        for (int i = 1; i <= 1000; i++) {
            bar.update("forest", i, 1000);
        }
        String log = w.toString();
        assertFalse(log.contains("\r"), log);
        String[] lines = log.split("\n");
        // the start, then each tenth
        assertEquals(11, lines.length, log);
        assertTrue(lines[0].matches("forest\\s+0% \\(1/1000\\)"), lines[0]);
        assertTrue(lines[1].matches("forest\\s+10% \\(100/1000\\)"), lines[1]);
        assertTrue(lines[10].matches("forest\\s+100% \\(1000/1000\\)"), lines[10]);
    }

    @Test
    void aTerminalGetsOneLineRedrawnInPlace() {
        StringWriter w = new StringWriter();
        MmmCommand.ProgressBar bar = new MmmCommand.ProgressBar(new PrintWriter(w), true);
        for (int i = 1; i <= 200; i++) {
            bar.update("fit", i, 200);
        }
        String out = w.toString();
        assertEquals(1, out.chars().filter(c -> c == '\n').count(), out);
        assertTrue(out.contains("\r") && out.endsWith("100% (200/200)\n"), out);
    }
}
