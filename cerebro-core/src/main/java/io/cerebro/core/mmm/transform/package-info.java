/**
 * The media transforms of a marketing mix model: carry-over (geometric adstock as PyMC-Marketing
 * defines it, Weibull adstock in Robyn's CDF and PDF forms) and diminishing returns (Hill as Robyn
 * defines it, logistic as PyMC-Marketing defines it). Each transform is a pure function of its
 * parameters, so the fit, the response curves and the allocator apply exactly the same curve.
 */
package io.cerebro.core.mmm.transform;
