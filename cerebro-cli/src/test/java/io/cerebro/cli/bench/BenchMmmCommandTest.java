package io.cerebro.cli.bench;

import io.cerebro.cli.CerebroCommand;
import io.cerebro.cli.CliSupport;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cerebro bench mmm} runs on tiny sizes without the peer and refuses impossible sizes with exit 2. */
class BenchMmmCommandTest {

    @Test
    void runsWithoutPeerAndPrintsTimesAndShares() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        int code;
        try {
            code = CerebroCommand.execute("bench", "mmm", "--weeks", "60", "--channels", "2", "--candidates", "40",
                    "--bootstrap", "20", "--script", "does-not-exist.py");
        } finally {
            System.setOut(old);
        }
        assertEquals(CliSupport.OK, code);
        String out = buf.toString();
        assertTrue(out.contains("mmm bench: 60 weeks, 2 channels, 40 candidates") && out.contains("bootstrap")
                && out.contains("ch2") && out.contains("comparison skipped"), out);
    }

    @Test
    void impossibleSizesAreBadInput() {
        assertEquals(CliSupport.BAD_INPUT, CerebroCommand.execute("bench", "mmm", "--weeks", "20"));
    }
}
