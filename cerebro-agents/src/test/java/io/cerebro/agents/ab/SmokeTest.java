package io.cerebro.agents.ab;

import io.cerebro.agents.Cerebro;
import io.cerebro.agents.Fixtures;
import io.cerebro.agents.GeneratedPipeline;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.spec.ABTestSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class SmokeTest {
    @Test
    void welch() {
        try (Dataset d = Fixtures.open("checkout_ab.csv")) {
            GeneratedPipeline p = Cerebro.builder().build().generate(ABTestSpec.of("variant", "revenue"), d);
            System.out.println(p.validation().describe() + "\n" + p.validation().timings() + "\n" + p.validation().notes());
            assertTrue(p.validated(), p.validation().describe() + "\n" + p.code());
        }
    }
}
