package io.cerebro.core.ab.bayes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Beta-Binomial quantities at the scale of a 10-million-row experiment (400,000 vs 403,000
 * conversions in 5 million users per arm), against {@code ab_extra_oracles.json/large_counts}
 * (scipy quad + brentq, {@code tools/fixtures/ab_extra.py}).
 */
class BetaBinomialModelLargeCountsTest {
    private static void close(double expected, double actual, double rel, String what) {
        assertTrue(Math.abs(actual - expected) <= rel * Math.abs(expected),
                what + ": expected " + expected + " got " + actual + " (rel " + Math.abs(actual - expected) / Math.abs(expected) + ")");
    }

    @Test
    void matchesQuadratureAtScale() throws IOException {
        JsonNode o;
        try (InputStream in = getClass().getResourceAsStream("/oracles/ab/ab_extra_oracles.json")) {
            o = JsonMapper.builder().enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build()
                    .readTree(in).at("/large_counts/bayes");
        }
        BetaPosterior a = new BetaPosterior(o.at("/posterior_control/0").asDouble(), o.at("/posterior_control/1").asDouble());
        BetaPosterior b = new BetaPosterior(o.at("/posterior_arm/0").asDouble(), o.at("/posterior_arm/1").asDouble());
        close(o.get("prob_arm_beats_control").asDouble(), BetaBinomialModel.probGreater(a, b), 1e-9, "P(B > A)");
        close(o.at("/credible/0").asDouble(), BetaBinomialModel.differenceQuantile(a, b, 0.025), 1e-6, "2.5% quantile");
        close(o.at("/credible/1").asDouble(), BetaBinomialModel.differenceQuantile(a, b, 0.975), 1e-6, "97.5% quantile");
        // the loss (1e-8) is a difference of two terms near 0.08: both the closed form and the oracle's
        // quadrature lose about eight digits to cancellation, so agreement to 1e-4 is all either can claim
        close(o.get("expected_loss_arm").asDouble(), BetaBinomialModel.expectedLoss(a, b), 1e-4, "expected loss");
    }
}
