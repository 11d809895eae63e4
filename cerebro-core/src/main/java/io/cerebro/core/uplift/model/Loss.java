package io.cerebro.core.uplift.model;

/** What a base learner minimises: squared error for outcomes and effects, log-loss for 0/1 targets (propensity, binary outcome). */
public enum Loss {
    /** squared error; predictions are means */
    SQUARED,
    /** logistic log-loss; predictions are probabilities */
    LOGISTIC
}
