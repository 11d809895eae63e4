package io.cerebro.agents.generate;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import io.cerebro.agents.PipelineFamilies;
import io.cerebro.agents.PipelineFamily;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.SpecReader;
import io.cerebro.rag.chunk.ExampleLoader;
import io.cerebro.rag.chunk.LoadedExample;
import io.cerebro.rag.corpus.BundledCorpus;
import io.cerebro.rag.corpus.CorpusScanner;
import io.cerebro.rag.corpus.ExampleMetadata;
import io.cerebro.rag.corpus.SourceFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every family's agent asks the retriever and hands its generator examples of its own family, the
 * one matching the method its program follows first. The retriever here answers with the whole
 * bundled corpus (its real labels) in reverse file order, so a family filter or a method label
 * that matches no bundled example fails.
 */
class FamilyExampleSelectionTest {
    /** The bundled corpus as retriever answers, with the metadata keys the corpus retriever writes. */
    static List<Content> bundledCorpus() throws IOException {
        CorpusScanner.Scan scan = CorpusScanner.scan(List.of(BundledCorpus.source().orElseThrow()));
        List<Content> all = new ArrayList<>();
        for (SourceFile f : scan.files()) {
            if (ExampleLoader.load(f, ExampleLoader.readBytes(f)) instanceof ExampleLoader.Loaded loaded) {
                LoadedExample e = loaded.example();
                ExampleMetadata m = e.metadata();
                all.add(Content.from(TextSegment.from(e.chunks().get(0).text(), Metadata.from(Map.of("id", m.id(),
                        "family", m.family() == null ? "" : m.family(), "methods", String.join(",", m.methods()),
                        "language", m.language() == null ? "" : m.language())))));
            }
        }
        Collections.reverse(all);
        return all;
    }

    /** What one agent chose: the query it asked and the examples it kept. */
    record Choice(String query, List<Content> examples) {
    }

    static Choice choose(String spec) throws IOException {
        List<Content> corpus = bundledCorpus();
        List<String> queries = new ArrayList<>();
        ContentRetriever retriever = q -> {
            queries.add(q.text());
            return corpus;
        };
        AnalysisSpec s = SpecReader.parse(spec, false, "test");
        PipelineFamily<?> family = PipelineFamilies.of(s);
        List<Content> examples = exampleSelection(family, s, retriever);
        assertEquals(1, queries.size(), "one retrieval per generation");
        return new Choice(queries.get(0), examples);
    }

    /** Runs the agent's own retrieval (the same call its generate makes) for the spec. */
    static List<Content> exampleSelection(PipelineFamily<?> family, AnalysisSpec s, ContentRetriever retriever) {
        return switch (family.analysis().name()) {
            case "geo" -> io.cerebro.agents.geo.GeoAgent.retrieve(retriever);
            case "mmm" -> io.cerebro.agents.mmm.MmmAgent.retrieve(retriever);
            case "bandit" -> io.cerebro.agents.bandit.BanditAgent.retrieve(retriever, (io.cerebro.core.spec.BanditSpec) s);
            case "uplift" -> io.cerebro.agents.uplift.UpliftAgent.retrieve(retriever);
            default -> throw new AssertionError(family.analysis().name());
        };
    }

    static void assertFamilyAndFirstMethod(Choice c, String family, String firstMethod) {
        assertFalse(c.examples().isEmpty(), "no examples for " + family);
        assertTrue(c.examples().size() <= RetrievedExamples.MAX_EXAMPLES);
        for (Content e : c.examples()) {
            assertEquals(family, e.textSegment().metadata().getString("family"), e.textSegment().metadata().getString("id"));
            assertTrue(List.of("java", "markdown").contains(e.textSegment().metadata().getString("language")),
                    e.textSegment().metadata().getString("id"));
        }
        assertTrue(RetrievedExamples.namesMethod(c.examples().get(0), firstMethod),
                "first example " + c.examples().get(0).textSegment().metadata().getString("id") + " should list " + firstMethod);
    }

    @Test
    void geoAgentKeepsGeoExamplesSyntheticControlFirst() throws IOException {
        Choice c = choose("family: geo\nlocation: location\ntime: date\noutcome: y\ntreated: [a]\nstart: 10\n");
        assertFamilyAndFirstMethod(c, "geo", "geo.synthetic_control");
        assertTrue(c.query().contains("synthetic control"), c.query());
    }

    @Test
    void mmmAgentKeepsMmmExamplesLogisticSaturationFirst() throws IOException {
        Choice c = choose("family: mmm\ndate: week\noutcome: sales\nchannels: [tv, search]\n");
        assertFamilyAndFirstMethod(c, "mmm", "mmm.logistic_saturation");
    }

    @Test
    void banditAgentKeepsBanditExamplesOfTheAlgorithmFirst() throws IOException {
        assertFamilyAndFirstMethod(choose("family: bandit\nmode: recommend\narm: arm\nreward: reward\nalgorithm: ucb1\n"),
                "bandit", "bandit.ucb");
        assertFamilyAndFirstMethod(choose("family: bandit\nmode: recommend\narm: arm\nreward: reward\nalgorithm: thompson\n"),
                "bandit", "bandit.thompson");
    }

    @Test
    void upliftAgentKeepsUpliftExamplesTheDoublyRobustOneFirst() throws IOException {
        Choice c = choose("family: uplift\ntreatment: t\noutcome: y\nfeatures: [x1, x2]\n");
        assertFamilyAndFirstMethod(c, "uplift", "causal.aipw");
        assertEquals("uplift-dr-learner", c.examples().get(0).textSegment().metadata().getString("id"));
    }
}
