package io.cerebro.core.tune;

import io.cerebro.core.tune.journal.Trial;
import io.cerebro.core.tune.sampler.QuadraticModel;
import io.cerebro.core.tune.sampler.TpeSampler;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TPE's local refinement: the schedule, the trust-region radius and the quadratic model, against hand-worked values. */
class LocalRefinementTest {
    static TpeSampler tpe(String options) {
        StudySpec spec = StudySpecReader.parse(BenchmarkFunctionsTest.BRANIN + "sampler: tpe\nsampler_options: {" + options + "}\ntrials: 60\n",
                "t", Path.of("."), Path.of("j.jsonl"));
        return new TpeSampler(spec.space(), spec.directions(), 1, spec.options());
    }

    /** With the default 1/2 and 10 startup trials, trials 11, 13, 15, ... are local; 0 turns it off. */
    @Test
    void scheduleIsEvenlySpacedAfterStartup() {
        TpeSampler t = tpe("");
        for (int n = 0; n <= 10; n++) {
            assertEquals(n == 11, t.isLocal(n), "trial " + n);
        }
        assertTrue(t.isLocal(11));
        assertFalse(t.isLocal(12));
        assertTrue(t.isLocal(13));
        int local = 0;
        for (int n = 10; n < 70; n++) {
            local += t.isLocal(n) ? 1 : 0;
        }
        assertEquals(30, local);
        TpeSampler third = tpe("local_fraction: 0.25");
        int q = 0;
        for (int n = 10; n < 50; n++) {
            q += third.isLocal(n) ? 1 : 0;
        }
        assertEquals(10, q);
        TpeSampler off = tpe("local_fraction: 0");
        for (int n = 0; n < 100; n++) {
            assertFalse(off.isLocal(n));
        }
        assertThrows(io.cerebro.core.error.UserInputException.class, () -> tpe("local_fraction: 1"));
    }

    /** The radius is 0.1 while the incumbent is the newest local success and halves for each local trial after it. */
    @Test
    void radiusHalvesPerFailedLocalTrial() {
        TpeSampler t = tpe("");
        List<Trial> done = new ArrayList<>();
        for (int n = 0; n < 16; n++) {
            double v = n == 11 ? -1 : n; // trial 11 (local) is the incumbent; local trials 13 and 15 failed
            done.add(new Trial(n, Map.of("x1", 0.0, "x2", 1.0), Trial.State.COMPLETE, List.of(v), 0, List.of(v), null, 0, "t"));
        }
        double[] loss = done.stream().mapToDouble(Trial::value).toArray();
        assertEquals(0.1 / 4, t.localRadius(done, loss), 1e-15);
        assertEquals(0.1, t.localRadius(done.subList(0, 13), java.util.Arrays.copyOf(loss, 13)), 1e-15);
    }

    /** A planted quadratic is recovered (to the ridge's shrinkage) and ranks its minimiser lowest. */
    @Test
    void quadraticModelRecoversAPlantedQuadratic() {
        SplittableRandom rng = new SplittableRandom(3);
        double[][] x = new double[30][];
        double[] y = new double[30];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[]{rng.nextDouble(), rng.nextDouble()};
            double a = x[i][0] - 0.3;
            double b = x[i][1] - 0.6;
            y[i] = 2 + 3 * a * a + b * b + a * b;
        }
        QuadraticModel m = QuadraticModel.fit(x, y, new double[]{0.5, 0.5}, new int[]{0, 1});
        assertNotNull(m);
        assertEquals(6, QuadraticModel.terms(2));
        assertEquals(13, QuadraticModel.terms(6));
        // standardised values: differences between points keep the planted ratio
        double d1 = m.value(new double[]{0.3, 0.6}) - m.value(new double[]{0.4, 0.6});
        double d2 = m.value(new double[]{0.3, 0.6}) - m.value(new double[]{0.3, 0.7});
        // 10 nearest points and the relative ridge shrink the terms a little: within 5% of the planted 3
        assertEquals(3.0, d1 / d2, 0.15);
        assertTrue(m.value(new double[]{0.3, 0.6}) < m.value(new double[]{0.35, 0.62}));
        assertEquals(null, QuadraticModel.fit(new double[][]{{0.1, 0.1}, {0.2, 0.2}}, new double[]{1, 2}, new double[]{0, 0}, new int[]{0, 1}));
    }
}
