package io.cerebro.cli.bench;

import io.cerebro.cli.CliTestSupport;
import io.cerebro.cli.CliTestSupport.Run;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cerebro bench uplift} at a small size, without the Python peer: both fits run and report their error. */
class BenchUpliftCommandTest {
    @Test
    void smallRunReportsBothFits() {
        Run r = CliTestSupport.run("bench", "uplift", "--rows", "3000", "--features", "5", "--trees", "20", "--script", "no-such-peer.py");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("cerebro T-learner") && r.out().contains("cerebro causal forest") && r.out().contains("sqrt-PEHE"), r.out());
        assertTrue(r.out().contains("comparison skipped"), r.out());
    }
}
