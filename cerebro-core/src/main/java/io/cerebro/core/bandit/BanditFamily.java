package io.cerebro.core.bandit;

import io.cerebro.core.spec.BanditSpec;
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
        String[][] fields = {{"arm", spec.arm()}, {"reward", spec.reward()}, {"count", spec.count()}, {"successes", spec.successes()},
                {"action", spec.action()}, {"propensity", spec.propensity()}, {"target", spec.target()}};
        for (String[] f : fields) missing(f[0], f[1], data, out);
        for (String c : spec.context()) missing("context", c, data, out);
        return out;
    }

    /** A column the spec names but the data lacks, reported under the flag that named it. */
    private static void missing(String field, String column, Dataset data, List<SpecViolation> out) {
        if (column == null || data.column(column).isPresent()) return;
        String flag = "--" + field.replace('_', '-');
        out.add(new SpecViolation(field, column, "column '" + column + "' is not in the data",
                "give " + flag + " one of the columns of " + data.source() + ": " + String.join(", ", data.columnNames())));
    }

    /** Evaluate must print every estimator the spec names. */
    @Override public java.util.Set<String> requiredMethods(BanditSpec spec) {
        if (spec.mode() != BanditSpec.Mode.EVALUATE) return java.util.Set.of();
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (String e : spec.estimators()) ids.add("bandit.ope." + e);
        return ids;
    }

    @Override public ReferenceEngine<BanditSpec> engine() { return new BanditEngine(); }
}
