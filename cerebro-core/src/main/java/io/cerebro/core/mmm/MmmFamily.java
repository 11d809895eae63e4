package io.cerebro.core.mmm;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.ReferenceEngine;
import io.cerebro.core.family.AnalysisFamily;
import io.cerebro.core.spec.MMMSpec;
import io.cerebro.core.spec.SpecViolation;

import java.util.List;

/** The marketing mix family: {@link MMMSpec}, {@link MmmEngine}, {@link MmmMethod}, checked by {@link MmmDataReader}. */
public final class MmmFamily implements AnalysisFamily<MMMSpec> {
    /** The one descriptor. */
    public static final MmmFamily INSTANCE = new MmmFamily();

    private MmmFamily() {
    }

    @Override
    public String name() {
        return MMMSpec.FAMILY;
    }

    @Override
    public Class<MMMSpec> specType() {
        return MMMSpec.class;
    }

    @Override
    public String command() {
        return "mmm";
    }

    @Override
    public boolean readsData() {
        return true;
    }

    @Override
    public List<MmmMethod> methods() {
        return List.of(MmmMethod.values());
    }

    @Override
    public List<SpecViolation> validate(MMMSpec spec, Dataset data) {
        return MmmDataReader.violations(spec, data);
    }

    @Override
    public ReferenceEngine<MMMSpec> engine() {
        return new MmmEngine();
    }
}
