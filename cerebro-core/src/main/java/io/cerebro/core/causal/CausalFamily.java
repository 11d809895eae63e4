package io.cerebro.core.causal;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.ReferenceEngine;
import io.cerebro.core.family.AnalysisFamily;
import io.cerebro.core.family.CatalogMethod;
import io.cerebro.core.spec.CausalMethod;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.SpecValidator;
import io.cerebro.core.spec.SpecViolation;

import java.util.ArrayList;
import java.util.List;

/**
 * The causal family: {@link CausalSpec}, {@link CausalEngine}; its catalogue is every
 * {@link CausalMethod} a user picks plus the {@link CausalCheck}s results carry beside them.
 */
public final class CausalFamily implements AnalysisFamily<CausalSpec> {
    /** The one descriptor. */
    public static final CausalFamily INSTANCE = new CausalFamily();

    private CausalFamily() {
    }

    @Override
    public String name() {
        return "causal";
    }

    @Override
    public Class<CausalSpec> specType() {
        return CausalSpec.class;
    }

    @Override
    public String command() {
        return "causal";
    }

    @Override
    public boolean readsData() {
        return true;
    }

    @Override
    public List<CatalogMethod> methods() {
        List<CatalogMethod> all = new ArrayList<>(List.of(CausalMethod.values()));
        all.addAll(List.of(CausalCheck.values()));
        return all;
    }

    @Override
    public List<SpecViolation> validate(CausalSpec spec, Dataset data) {
        return SpecValidator.causalViolations(spec, data);
    }

    @Override
    public ReferenceEngine<CausalSpec> engine() {
        return new CausalEngine();
    }
}
