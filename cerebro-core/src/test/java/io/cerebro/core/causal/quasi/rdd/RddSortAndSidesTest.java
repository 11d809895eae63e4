package io.cerebro.core.causal.quasi.rdd;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The side sort against a stable library sort, and the concurrent sides against the serial path. */
class RddSortAndSidesTest {

    /** Stable sort by value (with -0.0 equal to 0.0): rows in ascending order, ties in input order. */
    private static void assertSortedLikeStableSort(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = i; // the payload remembers the input row
        }
        boolean[] keep = new boolean[x.length];
        Arrays.fill(keep, true);
        RdSide s = RdSide.of(x, new double[][]{y}, keep);
        Integer[] order = IntStream.range(0, x.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> x[i] == 0.0 ? 0.0 : x[i])); // merge sort: stable
        for (int k = 0; k < x.length; k++) {
            assertEquals(order[k], (int) s.cols[0][k], "row at " + k);
            assertEquals(x[order[k]] == 0.0 ? 0.0 : x[order[k]], s.x[k], 0, "value at " + k);
        }
    }

    @Test
    void sortMatchesAStableSort() {
        Random rng = new Random(9);
        for (int n : new int[]{0, 1, 2, 23, 24, 25, 1000, 70_000}) {
            double[] cont = new double[n];
            double[] discrete = new double[n];
            double[] mixed = new double[n];
            for (int i = 0; i < n; i++) {
                cont[i] = rng.nextGaussian() * Math.pow(10, rng.nextInt(7) - 3);
                discrete[i] = rng.nextInt(30) - 15;
                mixed[i] = rng.nextInt(4) == 0 ? (rng.nextBoolean() ? -0.0 : 0.0) : rng.nextInt(3) == 0 ? 1e300 * rng.nextGaussian()
                        : rng.nextDouble() - 0.5;
            }
            assertSortedLikeStableSort(cont);
            assertSortedLikeStableSort(discrete);
            assertSortedLikeStableSort(mixed);
        }
    }

    /** Above the parallel threshold each side is computed on its own thread: the same numbers to the last bit. */
    @Test
    void concurrentSidesGiveTheSerialNumbers() {
        Random rng = new Random(4);
        int n = 80_000;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] t = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 3 == 0 ? rng.nextInt(200) / 100.0 - 1 : 2 * rng.nextDouble() - 1;
            z[i] = rng.nextGaussian();
            t[i] = rng.nextDouble() < (x[i] >= 0 ? 0.8 : 0.2) ? 1 : 0;
            y[i] = x[i] - x[i] * x[i] + 0.5 * t[i] + 0.3 * z[i] + rng.nextGaussian();
        }
        for (RdRobust.Vce vce : RdRobust.Vce.values()) {
            RegressionDiscontinuity.Input in = new RegressionDiscontinuity.Input(x, y, t, new double[][]{z}, 0,
                    RdRobust.Kernel.TRIANGULAR, vce, 1, null);
            RdRobust.Estimate parallel = RegressionDiscontinuity.fit(in);
            int saved = Sides.parallelRows;
            Sides.parallelRows = Integer.MAX_VALUE;
            try {
                RdRobust.Estimate serial = RegressionDiscontinuity.fit(in);
                assertArrayEquals(new double[]{serial.h(), serial.b(), serial.tauConventional(), serial.tauBiasCorrected(),
                        serial.seConventional(), serial.seRobust()}, new double[]{parallel.h(), parallel.b(), parallel.tauConventional(),
                        parallel.tauBiasCorrected(), parallel.seConventional(), parallel.seRobust()}, 0, vce.name());
            } finally {
                Sides.parallelRows = saved;
            }
        }
    }
}
