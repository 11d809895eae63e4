package io.cerebro.cli.bench;

import io.cerebro.cli.CerebroCommand;
import io.cerebro.cli.CliSupport;
import io.cerebro.cli.CliTestSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cerebro bench tune} on a small budget: prints the per-trial split (sampler, objective,
 * journal) and both resumes, whose studies end with the journal's trials plus one (checked inside
 * the command); impossible sizes are bad input. No timing is asserted.
 */
class BenchTuneCommandTest {
    @Test
    void smallRunPrintsTheSplitAndTheResumes() {
        CliTestSupport.Run r = CliTestSupport.run("bench", "tune", "--trials", "25", "--resume-trials", "300", "--python", "/nonexistent/python");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("per trial: sampler "), r.out());
        assertTrue(r.out().contains("resume of 300 trials (1 objective"), r.out());
        assertTrue(r.out().contains("resume of 300 trials (2 objectives"), r.out());
        assertTrue(r.out().contains("journal read back: 25 trials"), r.out());
    }

    @Test
    void impossibleSizesAreBadInput() {
        assertEquals(CliSupport.BAD_INPUT, CerebroCommand.execute("bench", "tune", "--trials", "0"));
        assertEquals(CliSupport.BAD_INPUT, CerebroCommand.execute("bench", "tune", "--resume-trials", "0"));
    }
}
