package io.cerebro.core.power;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.ReferenceEngine;
import io.cerebro.core.family.AnalysisFamily;
import io.cerebro.core.spec.PowerSpec;
import io.cerebro.core.spec.SpecViolation;

import java.util.List;

/**
 * The power family: {@link PowerSpec}, {@link PowerEngine}, {@link PowerMethod}. It reads no data:
 * {@link io.cerebro.core.engine.Engines#run} accepts a null dataset for it, and any dataset given is
 * ignored.
 */
public final class PowerFamily implements AnalysisFamily<PowerSpec> {
    /** The one descriptor. */
    public static final PowerFamily INSTANCE = new PowerFamily();

    private PowerFamily() {
    }

    @Override
    public String name() {
        return PowerSpec.FAMILY;
    }

    @Override
    public Class<PowerSpec> specType() {
        return PowerSpec.class;
    }

    @Override
    public String command() {
        return "power";
    }

    @Override
    public boolean readsData() {
        return false;
    }

    @Override
    public List<PowerMethod> methods() {
        return List.of(PowerMethod.values());
    }

    /** @return no violations: the spec's own checks are all there is (there is no data to fit). */
    @Override
    public List<SpecViolation> validate(PowerSpec spec, Dataset data) {
        return List.of();
    }

    @Override
    public ReferenceEngine<PowerSpec> engine() {
        return new PowerEngine();
    }
}
