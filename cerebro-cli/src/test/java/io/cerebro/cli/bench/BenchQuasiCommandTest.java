package io.cerebro.cli.bench;

import io.cerebro.cli.CerebroCommand;
import io.cerebro.cli.CliSupport;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark command runs on tiny sizes (no peer) and rejects impossible sizes with exit code 2. */
class BenchQuasiCommandTest {

    @Test
    void runsWithoutPeerAndReportsBothBenchmarks() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        int code;
        try {
            code = CerebroCommand.execute("bench", "quasi", "--units", "40", "--peer-units", "10", "--periods", "6",
                    "--rdd-rows", "3000", "--repeats", "1", "--script", "does-not-exist.py");
        } finally {
            System.setOut(old);
        }
        assertEquals(CliSupport.OK, code);
        String out = buf.toString();
        assertTrue(out.contains("TWFE: 40 units x 6 periods") && out.contains("RDD: 3,000 rows") && out.contains("comparison skipped"), out);
    }

    @Test
    void impossibleSizesAreBadInput() {
        assertEquals(CliSupport.BAD_INPUT, CerebroCommand.execute("bench", "quasi", "--units", "5", "--peer-units", "10"));
    }
}
