package io.cerebro.rag.eval;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.tune.StudySpec;
import io.cerebro.core.tune.StudySpecReader;
import io.cerebro.core.tune.journal.Trial;
import io.cerebro.core.tune.study.ProgressListener;
import io.cerebro.core.tune.study.StudyResult;
import io.cerebro.core.tune.study.StudyRunner;
import io.cerebro.rag.index.SearchMode;
import io.cerebro.rag.index.SearchRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The corpus-eval objective on the repository's corpus and its bundled queries, with a tiny study:
 * every trial's value equals the metric {@link RetrievalEvaluation#run(io.cerebro.rag.index.CorpusIndex, List, SearchRequest, boolean)}
 * (the all-modes evaluation {@code cerebro corpus eval} prints) gives at the trial's settings, for
 * ndcg@10 and recall@5. Tagged slow: it embeds the whole corpus once (shared, {@link RepositoryCorpus}).
 */
@Tag("slow")
class CorpusEvalObjectiveTest {
    static final String SPACE = "parameter_space:\n  rrf_k: {type: float, range: [1, 80]}\n  bm25_weight: {type: float, range: [0.1, 2]}\n"
            + "  vector_weight: {type: float, range: [0.1, 2]}\n  top_k: {type: int, range: [10, 200]}\nsampler: random\ntrials: 3\nseed: 4\n";

    @Test
    void trialValuesAreTheEvaluationAtTheTrialsSettings(@TempDir Path dir) throws Exception {
        Path queries = RepositoryCorpus.ROOT.resolve("eval").resolve("queries.jsonl");
        assumeTrue(Files.isRegularFile(queries), "no rag-corpus/eval/queries.jsonl in this checkout");
        List<EvalQuery> qs = EvalQueries.read(queries);
        for (String metric : List.of("ndcg@10", "recall@5")) {
            Path study = dir.resolve(metric.replace('@', '_') + ".yaml");
            Files.writeString(study, "name: rrf\nobjective: {cerebro: corpus-eval, metric: " + metric + "}\n" + SPACE);
            StudySpec spec = StudySpecReader.read(study);
            assertEquals(StudySpec.Direction.MAXIMIZE, spec.directions().get(0), "a score is maximised by default");
            CorpusEvalObjective.checkSpace(spec.space());
            CorpusEvalObjective objective = new CorpusEvalObjective(RepositoryCorpus.index(), qs, spec.inProcess().metric(), SearchMode.HYBRID, false);
            StudyResult r = StudyRunner.run(spec, objective, false, ProgressListener.NONE);
            assertEquals(3, r.trials().size());
            for (Trial t : r.trials()) {
                assertEquals(Trial.State.COMPLETE, t.state(), String.valueOf(t.error()));
                SearchRequest s = CorpusEvalObjective.settings(t.params());
                assertEquals(((Number) t.params().get("rrf_k")).doubleValue(), s.rrfK());
                assertEquals(((Number) t.params().get("top_k")).intValue(), s.candidates());
                RetrievalEvaluation.Report all = RetrievalEvaluation.run(RepositoryCorpus.index(), qs, s, false);
                double expected = metric.equals("ndcg@10") ? all.of(SearchMode.HYBRID).ndcg10() : all.of(SearchMode.HYBRID).recall5();
                assertEquals(expected, t.value(), 1e-12, metric + " of trial " + t.number());
                assertTrue(t.value() > 0 && t.value() <= 1, metric + " is a share");
            }
        }
    }

    @Test
    void aParameterThatIsNoSettingIsRefused(@TempDir Path dir) throws Exception {
        Path study = dir.resolve("bad.yaml");
        Files.writeString(study, "name: rrf\nobjective: {cerebro: corpus-eval}\nparameter_space:\n  depth: {type: int, range: [1, 5]}\n");
        StudySpec spec = StudySpecReader.read(study);
        UserInputException e = assertThrows(UserInputException.class, () -> CorpusEvalObjective.checkSpace(spec.space()));
        assertTrue(e.getMessage().contains("parameter_space.depth is not a setting"), e.getMessage());
        assertThrows(UserInputException.class, () -> new CorpusEvalObjective(null, List.of(new EvalQuery("q", List.of("a"), null)),
                "precision", SearchMode.HYBRID, false));
        Files.writeString(study, "name: rrf\nobjective: {cerebro: web-eval}\nparameter_space:\n  rrf_k: {type: int, range: [1, 5]}\n");
        assertThrows(UserInputException.class, () -> StudySpecReader.read(study));
        assertNull(StudySpecReader.read(write(dir, "name: c\nobjective: {command: \"true\"}\n" + SPACE)).inProcess(), "a command study has no in-process objective");
    }

    private static Path write(Path dir, String text) throws Exception {
        Path p = dir.resolve("cmd.yaml");
        Files.writeString(p, text);
        return p;
    }
}
