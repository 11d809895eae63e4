package io.cerebro.core.causal.quasi.rdd;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.causal.quasi.Fixtures;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.RddDesign;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The covariate-adjusted fuzzy RD's standard errors, which kernel-weighted 2SLS does not give
 * (rdrobust treats the pooled covariate coefficient as known): against an independent base-R
 * computation of rdrobust's formulas (tools/fixtures/quasi_fuzzy_rdd_covs.R, fuzzy_rdd_covs.json),
 * whose point estimate in turn equals AER::ivreg's 2SLS with the covariate as a control.
 */
class RddFuzzyCovariatesTest {

    @Test
    void standardErrorsMatchTheFormulasComputedInR() {
        JsonNode o = Fixtures.json("fuzzy_rdd_covs.json");
        JsonNode iv = Fixtures.json("fuzzy_rdd_ivreg.json").get("triangular_with_covariate");
        try (Dataset data = Fixtures.dataset("fuzzy_rdd.csv")) {
            for (String vce : new String[]{"hc0", "hc1"}) {
                JsonNode e = o.get(vce);
                CausalSpec s = new CausalSpec(CausalMethod.RDD, null, "y_cov", List.of("w"), null, null, null, null, null,
                        null, null, null, new RddDesign("x", 0.0, "take", "triangular", 1, o.get("h").asDouble(), vce), null, null,
                        null, null, null);
                AnalysisResult r = Engines.run(s, data);
                assertEquals(iv.get("estimate").asDouble(), e.get("estimate").asDouble(), 1e-10, "the R computation against ivreg");
                assertEquals(e.get("estimate").asDouble(), r.estimates().get(1).estimate(), 1e-9, vce);
                assertEquals(e.get("se").asDouble(), r.estimates().get(1).standardError(), 1e-9, vce);
                assertEquals(e.get("robust_se").asDouble(), r.standardError(), 1e-9, vce);
                assertEquals(e.get("bias_corrected").asDouble(), r.estimates().get(2).estimate(), 1e-9, vce);
                assertEquals(e.get("jump_in_outcome").asDouble(), (Double) r.details().get("jump_in_outcome"), 1e-9, vce);
                assertEquals(e.get("jump_in_take_up").asDouble(), (Double) r.details().get("jump_in_take_up"), 1e-9, vce);
                assertEquals(e.get("n_eff").asLong(), r.sampleSizes().get("effective_left") + r.sampleSizes().get("effective_right"));
            }
        }
    }
}
