/**
 * The marketing mix family: {@link io.cerebro.core.spec.MMMSpec}, {@link MmmEngine} and the
 * {@link MmmMethod} catalogue. The transforms, the fit and the allocator are in the
 * {@code transform}, {@code fit} and {@code allocate} sub-packages; this package reads and checks
 * the weekly data ({@link MmmDataReader}) and turns a fitted model into a result.
 */
package io.cerebro.core.mmm;
