package io.cerebro.agents.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.cerebro.agents.AgentContext;
import io.cerebro.agents.GeneratedPipeline;
import io.cerebro.agents.PipelineFamily;
import io.cerebro.agents.generate.OfflineGenerator;
import io.cerebro.agents.validate.FieldComparison;
import io.cerebro.agents.validate.PipelineValidator;
import io.cerebro.agents.validate.SandboxLimits;
import io.cerebro.agents.validate.SyntheticDataFactory;
import io.cerebro.agents.validate.ValidationReport;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.family.AnalysisFamily;
import io.cerebro.core.family.CatalogMethod;
import io.cerebro.core.family.Families;
import io.cerebro.core.report.HtmlReport;
import io.cerebro.core.report.MarkdownReport;
import io.cerebro.core.report.TextReport;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Estimate;
import io.cerebro.core.result.ResultJson;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.SpecReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The contract every analysis family passes; a family's test extends it and names its family,
 * example cases and bad specs. It checks what the compiler cannot: that each part of the descriptor
 * is there, that specs round-trip through YAML and JSON, that bad specs are refused with one line,
 * that results follow {@code docs/result-schema.json} and name only catalogue methods, that the text,
 * Markdown and HTML reports render, that the offline pipeline validates on the example data and on
 * the family's planted-effect dataset, and that a spec's {@code where:} and {@code seed:} reach the
 * engine and the validator alike. The numbers themselves are checked against oracles in each
 * family's own tests; this contract checks the seam.
 */
public abstract class FamilyContractTest {
    /**
     * An example a family is run on.
     *
     * @param name    how the test reports it
     * @param spec    the spec
     * @param data    the data file; null for a family that reads no data ({@code readsData()} false), whose
     *                engine, validator and agent are then given a null dataset
     * @param filter  a row filter that keeps a smaller, still analysable part of the data; null when the
     *                family has no rows to filter (the where/seed test skips the case)
     */
    public record FamilyCase(String name, AnalysisSpec spec, Path data, String filter) {
    }

    /** @return the family under test. */
    protected abstract PipelineFamily<?> family();

    /** @return the examples (at least one); each is validated end to end. */
    protected abstract List<FamilyCase> cases();

    /** @return spec texts (YAML, with their {@code family:}) that must be refused with one line. */
    protected abstract List<String> badSpecs();

    @Test
    void descriptorHasEveryPart() {
        checkDescriptor(family(), cases());
    }

    /**
     * Checks that every part of a family's descriptors is there, failing with a message that names
     * the missing part.
     */
    public static void checkDescriptorOf(PipelineFamily<?> f) {
        checkDescriptor(f, List.of());
    }

    private static void checkDescriptor(PipelineFamily<?> f, List<FamilyCase> cases) {
        AnalysisFamily<?> a = part(f.analysis(), "analysis (the core descriptor)");
        part(a.name(), "name");
        assertFalse(a.name().isBlank(), "the family's name is blank");
        part(a.specType(), "spec type");
        part(a.command(), "command");
        part(a.engine(), "engine");
        List<? extends CatalogMethod> methods = part(a.methods(), "method catalogue");
        assertFalse(methods.isEmpty(), "the method catalogue is empty");
        for (CatalogMethod m : methods) {
            assertTrue(m.id().startsWith(a.name() + "."), "method id " + m.id() + " does not start with '" + a.name() + ".'");
            assertFalse(part(m.label(), "label of " + m.id()).isBlank(), "label of " + m.id() + " is blank");
            assertFalse(part(m.estimand(), "estimand of " + m.id()).isBlank(), "estimand of " + m.id() + " is blank");
        }
        assertEquals(methods.size(), methods.stream().map(CatalogMethod::id).distinct().count(), "method ids repeat");
        part(f.agent(), "agent");
        part(f.syntheticData(), "synthetic-data generator");
        part(f.corpusFamilies(), "corpus tags");
        assertTrue(Families.named(a.name()).isPresent(), "family '" + a.name() + "' is not in the registry (Families)");
        for (FamilyCase c : cases) {
            assertEquals(a.name(), c.spec().family(), c.name() + ": the spec's family() is not the family's name");
            assertTrue(a.specType().isInstance(c.spec()), c.name() + ": the spec is not of the family's spec type");
            assertNotNull(part(f.plantedEffectOf(c.spec()), "planted effect"));
        }
    }

    @TestFactory
    Stream<DynamicTest> specsRoundTripThroughYamlAndJson() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            AnalysisSpec viaYaml = SpecReader.parse(SpecReader.toYaml(c.spec()), false, "round trip");
            assertEquals(c.spec(), viaYaml, "YAML round trip");
            AnalysisSpec viaJson = SpecReader.parse(SpecReader.toTree(c.spec()).toString(), true, "round trip");
            assertEquals(c.spec(), viaJson, "JSON round trip");
        }));
    }

    @TestFactory
    Stream<DynamicTest> badSpecsAreRefusedWithOneLine() {
        assertFalse(badSpecs().isEmpty(), "name at least one bad spec");
        return badSpecs().stream().map(text -> DynamicTest.dynamicTest(text.replace('\n', ' '), () -> {
            UserInputException e = assertThrows(UserInputException.class, () -> SpecReader.parse(text, false, "bad.yaml"));
            assertFalse(e.getMessage().contains("\n"), "more than one line: " + e.getMessage());
            assertTrue(e.getMessage().length() > 20, "too terse to act on: " + e.getMessage());
        }));
    }

    @TestFactory
    Stream<DynamicTest> resultsFollowTheSchemaAndTheCatalogueAndRender() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(repoFile("docs/result-schema.json")));
        Set<String> ids = family().analysis().methods().stream().map(CatalogMethod::id).collect(Collectors.toSet());
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            try (Dataset d = open(c)) {
                AnalysisResult r = Engines.run(c.spec(), d);
                assertEquals(family().name(), r.family());
                assertTrue(ids.contains(r.method()), "headline method " + r.method() + " is not in the catalogue");
                for (Estimate e : r.estimates()) {
                    assertTrue(ids.contains(e.method()), "estimate '" + e.label() + "' has method " + e.method() + ", not in the catalogue");
                }
                JsonNode json = ResultJson.mapper().readTree(ResultJson.write(r));
                Set<ValidationMessage> errors = schema.validate(json);
                assertTrue(errors.isEmpty(), "result does not follow docs/result-schema.json: " + errors);
                assertEquals(c.spec(), SpecReader.parse(r.provenance().spec().toString(), true, "provenance"),
                        "provenance does not hold the spec with its defaults");
                assertEquals(c.spec().seed(), r.provenance().seed(), "provenance seed");
                String text = TextReport.render(r);
                String md = MarkdownReport.render(r);
                String html = HtmlReport.render(r);
                for (String[] rep : new String[][]{{"text", text}, {"markdown", md}, {"html", html}}) {
                    assertTrue(rep[1].contains(r.method()) || rep[1].contains(label(r.method())),
                            rep[0] + " report names neither the method id nor its label");
                }
                assertTrue(html.startsWith("<!DOCTYPE html>") || html.startsWith("<!doctype html>"), "html report is not a page");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> offlinePipelineValidatesOnTheDataAndOnThePlantedEffect() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            try (Dataset d = open(c)) {
                // as the CLI does after printing the result: the validator compares with it instead of running the engine again
                AnalysisResult ref = Engines.run(c.spec(), d);
                try (PipelineValidator.Session s = new PipelineValidator(SandboxLimits.DEFAULT, family().syntheticData()).open(c.spec(), d, ref)) {
                    org.junit.jupiter.api.Assertions.assertSame(ref, s.reference(), "the validator ran the engine again");
                }
                GeneratedPipeline p = family().agent().generate(c.spec(), d, offline(), ref);
                assertTrue(p.validated(), c.name() + ": " + p.validation().describe());
                assertTrue(p.validation().comparisons().stream().anyMatch(x -> x.dataset().equals("data")), "no value compared on the data");
                assertTrue(p.validation().comparisons().stream().anyMatch(x -> x.dataset().equals("synthetic")),
                        "no value compared on the synthetic data");
                assertTrue(p.validation().comparisons().stream().allMatch(FieldComparison::passed), "a comparison failed but the verdict passed");
                assertNotNull(p.validation().second(), "the synthetic dataset is not recorded");
                assertEquals(c.spec().seed() + 1, p.validation().second().seed(), "synthetic seed");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> whereAndSeedReachTheEngineAndTheValidator() {
        return cases().stream().filter(c -> c.filter() != null).map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            AnalysisSpec filtered = c.spec().withWhere(c.filter()).withSeed(c.spec().seed() + 1000);
            assertEquals(c.filter(), filtered.where());
            long all;
            try (Dataset d = open(c)) {
                all = Engines.run(c.spec(), d).provenance().dataRows();
            }
            try (Dataset d = Dataset.read(c.data(), filtered.where(), filtered.columns())) {
                AnalysisResult r = Engines.run(filtered, d);
                assertTrue(r.provenance().dataRows() < all, "the filter '" + c.filter() + "' kept every row");
                assertEquals(filtered.seed(), r.provenance().seed(), "the engine did not record the spec's seed");
                List<Long> seeds = new ArrayList<>();
                SyntheticDataFactory real = family().syntheticData();
                SyntheticDataFactory recording = (spec, original, file, seed) -> {
                    seeds.add(seed);
                    real.write(spec, original, file, seed);
                };
                try (PipelineValidator.Session s = new PipelineValidator(SandboxLimits.DEFAULT, recording).open(filtered, d)) {
                    assertEquals(r.provenance().dataRows(), s.reference().provenance().dataRows(),
                            "the validator's engine run did not see the filtered rows");
                    GeneratedPipeline p = family().agent().generate(filtered, d, offline(), null);
                    assertTrue(p.validated(), "pipeline on the filtered data: " + p.validation().describe());
                    ValidationReport again = s.validate(p.code());
                    assertTrue(again.passed(), again.describe());
                }
                assertEquals(List.of(filtered.seed() + 1), seeds, "the synthetic data was not drawn with the spec's seed + 1");
            }
        }));
    }

    /** @return the case's data read with its spec's filter and columns, or null when the family reads no data. */
    private Dataset open(FamilyCase c) {
        if (c.data() == null) {
            assertFalse(family().analysis().readsData(), c.name() + ": no data file, but the family reads data");
            return null;
        }
        return Dataset.read(c.data(), c.spec().where(), c.spec().columns());
    }

    private static AgentContext offline() {
        return new AgentContext(new OfflineGenerator(), null, 1, SandboxLimits.DEFAULT);
    }

    private static String label(String methodId) {
        CatalogMethod m = Families.method(methodId);
        return m == null ? methodId : m.label();
    }

    private static <T> T part(T value, String name) {
        if (value == null) {
            fail("the family descriptor has no " + name);
        }
        return value;
    }

    /** @return a file of the repository, found from the module folder upwards. */
    protected static Path repoFile(String rel) {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve(rel))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException(rel + " not found above " + Path.of("").toAbsolutePath());
        }
        return p.resolve(rel);
    }

    /**
     * @return a test resource as a file path, looked up under each of {@code folders} in turn (the
     * fixtures shared by every module come from cerebro-core's test-jar, see
     * {@link io.cerebro.core.testing.SharedFixtures}; a family's own sit in this module)
     */
    protected static Path resource(String name, String... folders) {
        for (String f : folders) {
            String r = (f.isEmpty() ? "" : f.endsWith("/") ? f : f + "/") + name;
            if (io.cerebro.core.testing.SharedFixtures.exists(r)) {
                return io.cerebro.core.testing.SharedFixtures.path(r);
            }
        }
        throw new IllegalStateException("missing test resource " + name + " (looked in " + String.join(", ", folders) + ")");
    }
}
