package io.cerebro.cli;

import io.cerebro.cli.CliTestSupport.Run;
import io.cerebro.core.spec.CausalMethod;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A design option the chosen method does not read is named on stderr instead of being silently dropped. */
class UnusedOptionsTest {
    @Test
    void optionsOfOtherDesignsAreNamed() {
        assertEquals(List.of("--treated-unit", "--leads"),
                CausalCommand.unusedOptions(CausalMethod.RDD, List.of("--outcome", "--running", "--treated-unit", "--leads", "--vce")));
        assertEquals(List.of("--leads", "--lags"),
                CausalCommand.unusedOptions(CausalMethod.STAGGERED_DID, List.of("--unit", "--time", "--first-treated", "--leads", "--lags")));
        assertEquals(List.of(), CausalCommand.unusedOptions(CausalMethod.SYNTH, List.of("--unit", "--time", "--treated-unit",
                "--treatment-start", "--predictors", "--outcome")));
        assertEquals(List.of("--caliper"), CausalCommand.unusedOptions(CausalMethod.IPW, List.of("--clip", "--caliper", "--hajek")));
    }

    @Test
    void theCommandWarnsAndStillRuns() {
        String csv = CliTestSupport.repoFile("examples/rdrobust_senate.csv").toString();
        Run r = CliTestSupport.run("causal", csv, "--method", "rdd", "--outcome", "vote", "--running", "margin", "--drop-missing",
                "--treated-unit", "California");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("cerebro: --treated-unit is not used by --method rdd; ignored"), r.err());
        assertTrue(r.out().contains("7.4141"), r.out());
        Run clean = CliTestSupport.run("causal", csv, "--method", "rdd", "--outcome", "vote", "--running", "margin", "--drop-missing");
        assertFalse(clean.err().contains("not used"), clean.err());
    }
}
