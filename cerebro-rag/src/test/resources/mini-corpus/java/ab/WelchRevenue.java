/*---
id: ab-welch-revenue
title: Welch's t-test on revenue per user
family: ab
methods: [ab.welch]
language: java
libraries: [commons-math3, commons-csv, jackson-databind]
description: >
  Compares mean revenue per user between control and treatment without assuming equal variances.
  Use it for continuous, roughly symmetric metrics with large samples. Heavy tails make the mean noisy.
---*/
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.util.ArrayList;
import java.util.List;

/** Welch's unequal-variance t-test between two arms. */
public class WelchRevenue {
    /**
     * Runs the test.
     * @param args data file, treatment column, outcome column
     */
    public static void main(String[] args) throws Exception {
        double[] control = {1.0, 2.0, 3.5};
        double[] treatment = {1.5, 2.5, 4.0};
        System.out.println(welchPValue(control, treatment));
    }

    /** Two-sided p-value of Welch's t-test, unequal variances. */
    static double welchPValue(double[] control, double[] treatment) {
        return new TTest().tTest(control, treatment);
    }

    static double meanDifference(double[] control, double[] treatment) {
        SummaryStatistics a = new SummaryStatistics();
        SummaryStatistics b = new SummaryStatistics();
        for (double x : control) a.addValue(x);
        for (double x : treatment) b.addValue(x);
        return b.getMean() - a.getMean();
    }
}
