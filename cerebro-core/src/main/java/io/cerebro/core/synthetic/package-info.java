/**
 * Pieces of synthetic-control estimators shared by families: the ridge augmentation of
 * Ben-Michael, Feller and Rothstein (2021), used by causal's {@code asynth} and geo's
 * {@code augsynth} alike ({@link io.cerebro.core.synthetic.RidgeAugmentation}).
 */
package io.cerebro.core.synthetic;
