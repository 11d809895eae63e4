/**
 * The result schema every engine and every generated pipeline prints: {@link
 * io.cerebro.core.result.AnalysisResult} and its parts, with provenance, serialised by {@link
 * io.cerebro.core.result.ResultJson}.
 */
package io.cerebro.core.result;
