package io.cerebro.core.uplift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.mmm.fit.ProgressListener;
import io.cerebro.core.spec.UpliftSpec;
import io.cerebro.core.uplift.evaluation.AverageEffects;
import io.cerebro.core.uplift.learner.UpliftData;
import io.cerebro.core.uplift.model.FeatureMatrix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IHDP replications 1-10 (Hill 2011; the CEVAE csv files: treatment, y_factual, y_cfactual, mu0,
 * mu1, x1..x25; the true individual effect is mu1 - mu0). sqrt-PEHE is measured on each row's
 * out-of-fold (forest: out-of-bag) effect, the peers in-sample; the peers' scikit-learn numbers are
 * in uplift/ihdp/peer_baselines.json.
 */
@Tag("slow")
class IhdpBenchmarkTest {
    record Rep(UpliftData data, double[] trueCate) {
    }

    static Rep load(int rep) throws Exception {
        List<double[]> rows = new ArrayList<>();
        try (InputStream in = IhdpBenchmarkTest.class.getResourceAsStream("/uplift/ihdp/ihdp_npci_" + rep + ".csv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    String[] f = line.split(",");
                    double[] v = new double[f.length];
                    for (int j = 0; j < f.length; j++) {
                        v[j] = Double.parseDouble(f[j]);
                    }
                    rows.add(v);
                }
            }
        }
        int n = rows.size();
        int p = rows.get(0).length - 5;
        double[][] x = new double[p][n];
        double[] y = new double[n];
        double[] w = new double[n];
        double[] tau = new double[n];
        List<String> names = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            names.add("x" + (j + 1));
        }
        for (int i = 0; i < n; i++) {
            double[] v = rows.get(i);
            w[i] = v[0];
            y[i] = v[1];
            tau[i] = v[4] - v[3];
            for (int j = 0; j < p; j++) {
                x[j][i] = v[5 + j];
            }
        }
        return new Rep(new UpliftData(new FeatureMatrix(names, x), y, w, false, null), tau);
    }

    static double[] run(UpliftSpec.Learner learner) throws Exception {
        double pehe = 0;
        double ateErr = 0;
        StringBuilder per = new StringBuilder();
        for (int rep = 1; rep <= 10; rep++) {
            Rep r = load(rep);
            List<String> features = r.data().x().names();
            UpliftSpec spec = UpliftSpec.builder("w", "y").features(features).learner(learner).trees(500).seed(7L).build();
            UpliftEngine.Fitted f = UpliftEngine.fit(spec, r.data(), ProgressListener.NONE);
            double e = UpliftSimulation.rmse(f.chosen().fit().oof(), r.trueCate());
            double ate = AverageEffects.ate(f.nuisances().aipwScores(r.data())).estimate();
            double truth = java.util.Arrays.stream(r.trueCate()).average().orElseThrow();
            pehe += e;
            ateErr += Math.abs(ate - truth);
            per.append(String.format(java.util.Locale.ROOT, " %d:%.3f(%s)", rep, e, f.chosen().fit().learner()));
        }
        System.out.println("IHDP " + learner + ": mean sqrt-PEHE " + pehe / 10 + ", mean |ATE error| " + ateErr / 10 + " per rep" + per);
        return new double[] {pehe / 10, ateErr / 10};
    }

    static JsonNode peers() throws Exception {
        try (InputStream in = IhdpBenchmarkTest.class.getResourceAsStream("/uplift/ihdp/peer_baselines.json")) {
            return new ObjectMapper().readTree(in).get("results");
        }
    }

    @Test
    void causalForestAndAutoAgainstTheScikitLearnPeers() throws Exception {
        JsonNode peers = peers();
        double bestPehe = Double.POSITIVE_INFINITY;
        for (JsonNode p : peers) {
            bestPehe = Math.min(bestPehe, p.get("mean_sqrt_pehe").asDouble());
        }
        double[] forest = run(UpliftSpec.Learner.CAUSAL_FOREST);
        double[] auto = run(UpliftSpec.Learner.AUTO);
        System.out.println("best peer mean sqrt-PEHE " + bestPehe);
        // measured (seed 7): auto 1.80, forest 3.04 (rep 9, whose effects reach 50, gives the forest 17.7); out-of-fold here,
        // in-sample for the peers. auto beats the random-forest T-learner, OLS T-learner and boosted S-learner peers;
        // it does not yet reach the boosted T- and X-learners (1.21, 1.75), nor the forest any peer on the mean.
        assertTrue(auto[0] < peers.get("T_rf").get("mean_sqrt_pehe").asDouble(), "auto " + auto[0]);
        assertTrue(auto[0] < peers.get("T_ols").get("mean_sqrt_pehe").asDouble(), "auto " + auto[0]);
        assertTrue(auto[0] < peers.get("S_gbr").get("mean_sqrt_pehe").asDouble(), "auto " + auto[0]);
        assertTrue(forest[0] < 3.2, "forest " + forest[0]);
        // AIPW with boosted nuisances: mean |ATE error| 0.14 (the best peer's plug-in ATE: 0.067)
        assertTrue(auto[1] < 0.2, "ATE error " + auto[1]);
    }
}
