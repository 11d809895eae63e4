package io.cerebro.core.bandit;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.ReferenceEngine;
import io.cerebro.core.family.AnalysisFamily;
import io.cerebro.core.spec.SpecViolation;

import java.util.ArrayList;
import java.util.List;

/**
 * The bandit family: {@link BanditSpec}, {@link BanditEngine}, {@link BanditMethod}. Simulate reads
 * no data; recommend and evaluate do. Registered at run time with
 * {@code Families.register(BanditFamily.INSTANCE)} while BanditSpec is an extension spec.
 */
public final class BanditFamily implements AnalysisFamily<BanditSpec> {
    /** The one descriptor. */
    public static final BanditFamily INSTANCE = new BanditFamily();

    private BanditFamily() { }

    @Override public String name() { return BanditSpec.FAMILY; }

    @Override public Class<BanditSpec> specType() { return BanditSpec.class; }

    @Override public String command() { return "bandit"; }

    @Override public boolean readsData() { return true; }

    @Override public List<BanditMethod> methods() { return List.of(BanditMethod.values()); }

    /** Every column the spec names must be in the data. */
    @Override public List<SpecViolation> validate(BanditSpec spec, Dataset data) {
        List<SpecViolation> out = new ArrayList<>();
        if (data == null) return out;
        for (String c : spec.columns()) {
            if (data.column(c).isEmpty()) out.add(new SpecViolation("columns", c, "column '" + c + "' is not in the data", "name a column of " + data.source()));
        }
        return out;
    }

    @Override public ReferenceEngine<BanditSpec> engine() { return new BanditEngine(); }
}
