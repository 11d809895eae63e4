/*---
id: causal-psm-caliper
title: Propensity score matching with a caliper
family: causal
methods: [causal.psm]
language: java
libraries: [commons-math3]
description: >
  Estimates the average treatment effect on the treated by matching each treated unit to the control
  with the closest propensity score, within a caliper. Assumes no unmeasured confounding and overlap.
---*/
import org.apache.commons.math3.analysis.function.Sigmoid;

public class PropensityMatching {
    public static void main(String[] args) {
        double caliper = 0.2;
        System.out.println(caliper);
    }

    /** Nearest-neighbour matching on the logit of the propensity score, without replacement. */
    static int[] matchNearestNeighbour(double[] treatedScores, double[] controlScores, double caliper) {
        int[] match = new int[treatedScores.length];
        boolean[] used = new boolean[controlScores.length];
        for (int i = 0; i < treatedScores.length; i++) {
            int best = -1;
            for (int j = 0; j < controlScores.length; j++) {
                if (!used[j] && Math.abs(treatedScores[i] - controlScores[j]) <= caliper
                        && (best < 0 || Math.abs(treatedScores[i] - controlScores[j]) < Math.abs(treatedScores[i] - controlScores[best]))) {
                    best = j;
                }
            }
            match[i] = best;
            if (best >= 0) used[best] = true;
        }
        return match;
    }
}
