/** Numerical building blocks shared by the engines: least squares with robust covariances. */
package io.cerebro.core.stats;
