/*---
id: causal-did-two-way
title: Difference-in-differences with two-way fixed effects
family: causal
methods: [causal.did]
language: java
libraries: [commons-math3]
description: >
  Estimates the effect of a policy that starts at one time in some states by comparing the change in
  treated states with the change in untreated states. Relies on parallel trends before the policy.
---*/
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

public class DiffInDiff {
    public static void main(String[] args) {
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        double[] y = {1, 2, 3, 5};
        double[][] x = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {1, 1, 1}};
        ols.newSampleData(y, x);
        System.out.println(ols.estimateRegressionParameters()[3]);
    }
}
