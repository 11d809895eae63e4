/**
 * The pipeline side of the uplift family: an agent whose offline template computes the AIPW ATE
 * with cross-fitted linear outcome models and a logistic propensity model, and a synthetic
 * generator with known individual effects.
 */
package io.cerebro.agents.uplift;
