/**
 * Fitting a marketing mix model: the design (intercept, linear trend, Fourier seasonality,
 * controls, transformed media), a ridge regression with non-negative media coefficients solved
 * exactly by an active-set method, the seeded hyperparameter search over the transform parameters
 * (Latin hypercube candidates, Robyn's NRMSE and DECOMP.RSSD objectives, their Pareto front, and a
 * bounded Nelder-Mead refinement), fit metrics and the moving-block residual bootstrap.
 * Everything is deterministic for a seed, including when replicates run on several threads.
 */
package io.cerebro.core.mmm.fit;
