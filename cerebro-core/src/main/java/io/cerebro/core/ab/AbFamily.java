package io.cerebro.core.ab;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.ReferenceEngine;
import io.cerebro.core.family.AnalysisFamily;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.SpecValidator;
import io.cerebro.core.spec.SpecViolation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The A/B (and A/B/n) test family: {@link ABTestSpec}, {@link ABTestEngine}, {@link AbMethod}. */
public final class AbFamily implements AnalysisFamily<ABTestSpec> {
    /** The one descriptor. */
    public static final AbFamily INSTANCE = new AbFamily();

    private AbFamily() {
    }

    @Override
    public String name() {
        return "ab";
    }

    @Override
    public Class<ABTestSpec> specType() {
        return ABTestSpec.class;
    }

    @Override
    public String command() {
        return "abtest";
    }

    @Override
    public boolean readsData() {
        return true;
    }

    @Override
    public List<AbMethod> methods() {
        return List.of(AbMethod.values());
    }

    @Override
    public List<SpecViolation> validate(ABTestSpec spec, Dataset data) {
        return SpecValidator.abViolations(spec, data);
    }

    @Override
    public ReferenceEngine<ABTestSpec> engine() {
        return new ABTestEngine();
    }

    /** A covariate asks for CUPED and strata for post-stratification, whatever the headline test. */
    @Override
    public Set<String> requiredMethods(ABTestSpec spec) {
        Set<String> r = new LinkedHashSet<>();
        if (spec.covariate() != null) {
            r.add(AbMethod.CUPED.id());
        }
        if (spec.strata() != null) {
            r.add(AbMethod.POST_STRATIFICATION.id());
        }
        return r;
    }
}
