package io.cerebro.core.geo;

import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.ReferenceEngine;
import io.cerebro.core.family.AnalysisFamily;
import io.cerebro.core.spec.GeoTestSpec;
import io.cerebro.core.spec.SpecViolation;

import java.util.ArrayList;
import java.util.List;

/**
 * The geo experiment family: {@link GeoTestSpec}, {@link GeoEngine}, {@link GeoMethod}. The
 * validator checks the columns; the panel's own checks (duplicate rows, missing periods, the test
 * window, the treated locations) run when the panel is built and refuse with one line.
 */
public final class GeoFamily implements AnalysisFamily<GeoTestSpec> {
    /** The one descriptor. */
    public static final GeoFamily INSTANCE = new GeoFamily();

    private GeoFamily() {
    }

    @Override
    public String name() {
        return GeoTestSpec.FAMILY;
    }

    @Override
    public Class<GeoTestSpec> specType() {
        return GeoTestSpec.class;
    }

    @Override
    public String command() {
        return "geotest";
    }

    @Override
    public boolean readsData() {
        return true;
    }

    @Override
    public List<GeoMethod> methods() {
        return List.of(GeoMethod.values());
    }

    @Override
    public List<SpecViolation> validate(GeoTestSpec spec, Dataset data) {
        List<SpecViolation> out = new ArrayList<>();
        column(data, "location", spec.location(), out);
        column(data, "time", spec.time(), out);
        if (column(data, "outcome", spec.outcome(), out) && !data.column(spec.outcome()).orElseThrow().type().isNumeric()) {
            out.add(new SpecViolation("outcome", spec.outcome(), "is not numeric (" + data.column(spec.outcome()).orElseThrow().type() + ")",
                    "name a numeric column such as sales or visits"));
        }
        return out;
    }

    private static boolean column(Dataset data, String field, String name, List<SpecViolation> out) {
        if (data.column(name).isPresent()) {
            return true;
        }
        out.add(new SpecViolation(field, name, "no such column in " + data.source(), "columns are: " + String.join(", ", data.sourceColumnNames())));
        return false;
    }

    @Override
    public ReferenceEngine<GeoTestSpec> engine() {
        return GeoEngine::run;
    }
}
