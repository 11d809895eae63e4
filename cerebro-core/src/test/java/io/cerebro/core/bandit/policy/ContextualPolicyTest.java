package io.cerebro.core.bandit.policy;

import io.cerebro.core.bandit.BanditPolicy;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LinUCB and linear Thompson on a planted linear model: context x = (1, u), u ~ U(0, 1); arm 0 pays
 * 0.6 - 0.4u and arm 1 pays 0.2 + 0.5u plus N(0, 0.1²) noise, so arm 1 is best exactly when u > 4/9.
 */
class ContextualPolicyTest {
    private static final double[][] THETA = {{0.6, -0.4}, {0.2, 0.5}};

    private static double run(BanditPolicy policy, long seed, int pulls) {
        SplittableRandom env = new SplittableRandom(seed);
        int correct = 0;
        for (int t = 0; t < pulls; t++) {
            double[] x = {1, env.nextDouble()};
            int a = policy.select(x);
            int best = x[1] > 4.0 / 9 ? 1 : 0;
            if (t >= pulls / 2 && a == best) correct++;
            policy.update(a, x, THETA[a][0] + THETA[a][1] * x[1] + 0.1 * env.nextGaussian());
        }
        return correct / (pulls / 2.0);
    }

    @Test
    void linUcbRecoversThePlantedCoefficientsAndPicksTheBestArm() {
        LinUcb linUcb = new LinUcb(2, 2, 0.5, 1.0);
        double share = run(linUcb, 4, 6000);
        assertTrue(share > 0.93, "best-arm share in the second half " + share);
        for (int a = 0; a < 2; a++) {
            for (int j = 0; j < 2; j++) assertEquals(THETA[a][j], linUcb.coefficients(a)[j], 0.1, "arm " + a + " coef " + j);
        }
    }

    @Test
    void linearThompsonPicksTheBestArm() {
        LinearThompson lts = new LinearThompson(2, 2, 0.1, 1.0, new SplittableRandom(6));
        double share = run(lts, 4, 6000);
        assertTrue(share > 0.93, "best-arm share in the second half " + share);
    }
}
