/*---
id: ab-ztest-conversion
title: Two-proportion z-test on conversion rate
family: ab
methods: [ab.z_proportions]
language: java
libraries: [commons-math3]
description: >
  Tests whether the conversion rate (a binary outcome, converted or not) differs between variants
  using the pooled two-proportion z statistic. Needs enough conversions in each arm for the normal approximation.
---*/
import org.apache.commons.math3.distribution.NormalDistribution;

public class ConversionZTest {
    public static void main(String[] args) {
        long convertedA = 120, usersA = 1000, convertedB = 150, usersB = 1000;
        double pPooled = (double) (convertedA + convertedB) / (usersA + usersB);
        double se = Math.sqrt(pPooled * (1 - pPooled) * (1.0 / usersA + 1.0 / usersB));
        double z = ((double) convertedB / usersB - (double) convertedA / usersA) / se;
        double p = 2 * (1 - new NormalDistribution().cumulativeProbability(Math.abs(z)));
        System.out.println(p);
    }
}
