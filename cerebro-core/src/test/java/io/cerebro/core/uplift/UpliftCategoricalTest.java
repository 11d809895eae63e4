package io.cerebro.core.uplift;

import com.fasterxml.jackson.databind.JsonNode;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.spec.UpliftSpec;
import io.cerebro.core.uplift.learner.Folds;
import io.cerebro.core.uplift.learner.UpliftData;
import io.cerebro.core.uplift.model.LinearLearner;
import io.cerebro.core.uplift.model.Loss;
import io.cerebro.core.uplift.model.Model;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A text feature listed as categorical, one-hot encoded by the reader (first sorted level the
 * reference), fitted per arm by least squares: the T-learner's CATE and ATE against statsmodels'
 * OLS with C(region) (fixture: tools/fixtures/uplift_categorical.py).
 */
class UpliftCategoricalTest {
    @Test
    void encodedTLearnerMatchesStatsmodelsOls() throws Exception {
        JsonNode f = UpliftOracleTest.load("categorical_oracle.json");
        Path csv = Path.of(UpliftCategoricalTest.class.getResource("/uplift/categorical.csv").toURI());
        UpliftSpec spec = UpliftSpec.builder("w", "y").features(List.of("age", "region")).categorical(List.of("region")).build();
        try (Dataset data = Dataset.read(csv)) {
            UpliftData d = UpliftDataReader.read(spec, data).data();
            assertEquals(List.of("age", "region=north", "region=south", "region=west"), d.x().names());
            int[] all = new int[d.rows()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            LinearLearner ols = new LinearLearner(1e-12);
            Model m0 = ols.fit(d.x(), d.y(), null, Folds.arm(all, d.w(), 0), Loss.SQUARED);
            Model m1 = ols.fit(d.x(), d.y(), null, Folds.arm(all, d.w(), 1), Loss.SQUARED);
            double[][] x = d.x().columns();
            double[] cate = UpliftOracleTest.values(f.get("cate"));
            double sum = 0;
            for (int i = 0; i < cate.length; i++) {
                double t = m1.predict(x, i) - m0.predict(x, i);
                assertEquals(cate[i], t, 1e-8);
                sum += t;
            }
            assertEquals(f.get("ate").asDouble(), sum / cate.length, 1e-8);
            // prediction rows encoded with the training levels give the same design
            double[][] p = UpliftDataReader.predictionColumns(spec, data, data, "--predict");
            for (int j = 0; j < x.length; j++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(x[j], p[j], 0);
            }
        }
    }

    @Test
    void theResultNamesEachCategoricalFeaturesReferenceLevel() throws Exception {
        Path csv = Path.of(UpliftCategoricalTest.class.getResource("/uplift/categorical.csv").toURI());
        UpliftSpec spec = UpliftSpec.builder("w", "y").features(List.of("age", "region")).categorical(List.of("region"))
                .learner(UpliftSpec.Learner.T).base(UpliftSpec.Base.LINEAR).build();
        try (Dataset data = Dataset.read(csv)) {
            Object encoding = new UpliftEngine().run(spec, data).details().get("categorical");
            // statsmodels' C(region) takes the same reference (the fixture's provenance names it: east)
            assertEquals(java.util.Map.of("region", "reference east; dummies north, south, west"), encoding);
        }
    }
}
