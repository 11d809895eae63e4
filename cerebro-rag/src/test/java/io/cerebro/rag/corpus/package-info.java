/**
 * Tests that keep the bundled worked-example corpus ({@code rag-corpus/}) from rotting: every example's
 * metadata header is valid, every Java example compiles against the pipeline classpath, runs on its
 * sample data and prints result JSON, and the main A/B examples reproduce scipy's numbers.
 */
package io.cerebro.rag.corpus;
