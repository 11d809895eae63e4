package io.cerebro.core.spec;

/**
 * The spec of a family that is not built in but registered at run time with
 * {@link io.cerebro.core.family.Families#register}: a plugin, or a test family. Built-in families
 * are records permitted by {@link AnalysisSpec} instead, so the compiler checks their descriptors.
 */
public non-sealed interface ExtensionSpec extends AnalysisSpec {
}
