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
 * mu1, x1..x25; the true individual effect is mu1 - mu0). sqrt-PEHE is measured as the peers'
 * was (uplift/ihdp/peer_baselines.json, scikit-learn fitted and scored in-sample): the fitted model's
 * effects of the training rows. The out-of-fold (forest: out-of-bag) figure, what the deciles and
 * {@code auto}'s R-loss use, is printed too; {@code auto} chooses without the true effects.
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
        return run(learner, UpliftSpec.Base.GBM);
    }

    /** @return {mean sqrt-PEHE in-sample, mean |ATE error|, replications whose true ATE lies outside the 95% interval, mean ATE SE} */
    static double[] run(UpliftSpec.Learner learner, UpliftSpec.Base base) throws Exception {
        double pehe = 0;
        double ateErr = 0;
        double oof = 0;
        int outside = 0;
        double seSum = 0;
        StringBuilder per = new StringBuilder();
        for (int rep = 1; rep <= 10; rep++) {
            Rep r = load(rep);
            List<String> features = r.data().x().names();
            UpliftSpec spec = UpliftSpec.builder("w", "y").features(features).learner(learner).base(base).trees(500).seed(7L).build();
            UpliftEngine.Fitted f = UpliftEngine.fit(spec, r.data(), ProgressListener.NONE);
            double e = UpliftSimulation.rmse(f.predict(r.data().x().columns())[0], r.trueCate());
            oof += UpliftSimulation.rmse(f.chosen().fit().oof(), r.trueCate());
            AverageEffects.Effect ate = AverageEffects.ate(f.nuisances().aipwScores(r.data()));
            double truth = java.util.Arrays.stream(r.trueCate()).average().orElseThrow();
            pehe += e;
            ateErr += Math.abs(ate.estimate() - truth);
            seSum += ate.se();
            if (Math.abs(ate.estimate() - truth) > 1.959964 * ate.se()) {
                outside++;
            }
            per.append(String.format(java.util.Locale.ROOT, " %d:%.3f(%s)", rep, e, f.chosen().fit().learner()));
        }
        System.out.println("IHDP " + learner + " (" + base + "): mean sqrt-PEHE in-sample " + pehe / 10 + " (out-of-fold " + oof / 10 + "), mean |ATE error| "
                + ateErr / 10 + " (mean SE " + seSum / 10 + ", true ATE outside the 95% interval in " + outside + " of 10) per rep" + per);
        return new double[] {pehe / 10, ateErr / 10, outside, seSum / 10};
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
        // measured (seed 7), in-sample as the peers: auto 1.10, forest 1.07, below every peer (best: T-learner GBR 1.21)
        assertTrue(auto[0] < bestPehe, "auto " + auto[0]);
        assertTrue(forest[0] < bestPehe, "forest " + forest[0]);
        // The ATE is AIPW on the cross-fitted nuisances whatever the learner (doubly robust, with an interval). Measured
        // (seed 7): mean |ATE error| 0.080, mean SE 0.233 (0.146 without replication 9), each replication's true
        // in-sample ATE inside its 95% interval. The scikit-learn peers' 0.067 is a plug-in mean of in-sample effects:
        // no correction term and no interval. A plug-in mean of Cerebro's own effects is worse (forest 0.099, auto
        // 0.111), as are AIPW with normalised weights (0.0799) and a TMLE fluctuation (0.082); AIPW with the true
        // outcome surfaces of the files has 0.094. The gap to 0.067 is smaller than one replication's SE: noise.
        assertTrue(auto[1] < 0.085, "ATE error " + auto[1]);
        assertTrue(forest[1] < 0.085, "ATE error " + forest[1]);
        assertTrue(auto[2] == 0, auto[2] + " of 10 replications' true ATE outside the 95% interval");
    }

    @Test
    void randomForestTLearnerBeatsTheScikitLearnRandomForestTLearner() throws Exception {
        double peer = peers().get("T_rf").get("mean_sqrt_pehe").asDouble();
        double[] rf = run(UpliftSpec.Learner.T, UpliftSpec.Base.RF);
        System.out.println("scikit-learn RandomForestRegressor T-learner mean sqrt-PEHE " + peer);
        assertTrue(rf[0] < peer, "rf T-learner " + rf[0] + " against " + peer);
    }
}
