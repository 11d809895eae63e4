/**
 * The seam every analysis family plugs into: {@link io.cerebro.core.family.AnalysisFamily} (name,
 * spec type, validator, reference engine, method catalogue), {@link io.cerebro.core.family.Families}
 * (the registry, an exhaustive switch over the sealed spec type), {@link io.cerebro.core.family.CatalogMethod}
 * (one typed catalogue entry per method id) and {@link io.cerebro.core.family.Tolerance} (how close a
 * generated pipeline's numbers must come to the engine's).
 */
package io.cerebro.core.family;
