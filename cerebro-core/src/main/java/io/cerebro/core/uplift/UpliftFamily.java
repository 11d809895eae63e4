package io.cerebro.core.uplift;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.ReferenceEngine;
import io.cerebro.core.family.AnalysisFamily;
import io.cerebro.core.spec.SpecViolation;
import io.cerebro.core.spec.UpliftSpec;

import java.util.List;
import java.util.Set;

/** The uplift family: {@link UpliftSpec}, {@link UpliftEngine}, {@link UpliftMethod}, checked by {@link UpliftDataReader}. */
public final class UpliftFamily implements AnalysisFamily<UpliftSpec> {
    /** The one descriptor. */
    public static final UpliftFamily INSTANCE = new UpliftFamily();

    private UpliftFamily() {
    }

    @Override
    public String name() {
        return UpliftSpec.FAMILY;
    }

    @Override
    public Class<UpliftSpec> specType() {
        return UpliftSpec.class;
    }

    @Override
    public String command() {
        return "uplift";
    }

    @Override
    public boolean readsData() {
        return true;
    }

    @Override
    public List<UpliftMethod> methods() {
        return List.of(UpliftMethod.values());
    }

    @Override
    public List<SpecViolation> validate(UpliftSpec spec, Dataset data) {
        return UpliftDataReader.violations(spec, data);
    }

    @Override
    public ReferenceEngine<UpliftSpec> engine() {
        return new UpliftEngine();
    }

    /** A fit must reproduce the ATE; an evaluation has nothing a pipeline must redo. */
    @Override
    public Set<String> requiredMethods(UpliftSpec spec) {
        return spec.evaluates() ? Set.of() : Set.of(UpliftMethod.ATE.id());
    }
}
