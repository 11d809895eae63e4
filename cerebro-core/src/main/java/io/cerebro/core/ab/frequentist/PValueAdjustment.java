package io.cerebro.core.ab.frequentist;

import io.cerebro.core.spec.MultipleTesting;

import java.util.Comparator;
import java.util.stream.IntStream;

/** Adjusts the p-values of several arms each compared with control, as statsmodels {@code multipletests}. */
public final class PValueAdjustment {
    private PValueAdjustment() {
    }

    /** @return adjusted p-values in the order of {@code p}. */
    public static double[] adjust(double[] p, MultipleTesting method) {
        int m = p.length;
        double[] out = new double[m];
        Integer[] order = IntStream.range(0, m).boxed().sorted(Comparator.comparingDouble(i -> p[i])).toArray(Integer[]::new);
        switch (method) {
            case NONE -> System.arraycopy(p, 0, out, 0, m);
            case BONFERRONI -> {
                for (int i = 0; i < m; i++) {
                    out[i] = Math.min(1, p[i] * m);
                }
            }
            case HOLM -> {
                double running = 0;
                for (int r = 0; r < m; r++) {
                    running = Math.max(running, Math.min(1, p[order[r]] * (m - r)));
                    out[order[r]] = running;
                }
            }
            case BH -> {
                double running = 1;
                for (int r = m - 1; r >= 0; r--) {
                    running = Math.min(running, p[order[r]] * m / (r + 1));
                    out[order[r]] = Math.min(1, running);
                }
            }
        }
        return out;
    }
}
