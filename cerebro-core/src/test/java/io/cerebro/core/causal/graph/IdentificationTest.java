package io.cerebro.core.causal.graph;

import io.cerebro.core.error.UserInputException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Identification on textbook graphs whose answers are published: Pearl, Glymour and Jewell (2016),
 * "Causal Inference in Statistics: A Primer", and the front-door smoking example of Pearl (1995).
 */
class IdentificationTest {
    /** The M-graph: adjusting for the collider M opens a path; the empty set is the minimal valid set. */
    @Test
    void mBiasCollider() {
        CausalGraph g = CausalGraph.parse("A -> T; A -> M; B -> M; B -> Y; T -> Y");
        Identification id = new Identification(g, "T", "Y");
        assertTrue(id.backdoorViolation(List.of()).isEmpty());
        assertTrue(id.backdoorViolation(List.of("M")).isPresent());
        assertTrue(id.backdoorViolation(List.of("M", "A")).isEmpty());
        assertEquals(List.of(), id.minimalBackdoorSet().orElseThrow());
    }

    /** Primer, figure 3.8 / study question 3.3.1 style: Z confounds through two paths, {Z} suffices. */
    @Test
    void confounderAndMediator() {
        CausalGraph g = CausalGraph.parse("Z -> X -> W -> Y; Z -> Y");
        Identification id = new Identification(g, "X", "Y");
        assertEquals(List.of("Z"), id.minimalBackdoorSet().orElseThrow());
        String why = id.backdoorViolation(List.of("Z", "W")).orElseThrow();
        assertTrue(why.contains("descendant"), why);
        assertTrue(id.backdoorFormula(List.of("Z")).contains("E[Y | X, Z]"));
    }

    /** Primer figure 3.6 (the seven-node graph): {W2, Z3} ... a minimal set is found and checked. */
    @Test
    void primerSevenNodes() {
        CausalGraph g = CausalGraph.parse("Z1 -> Z3; Z2 -> Z3; Z1 -> X; Z2 -> Y; Z3 -> X; Z3 -> Y; X -> W; W -> Y");
        Identification id = new Identification(g, "X", "Y");
        // Z3 is a collider on Z1 -> Z3 <- Z2, so {Z3} alone is not enough; {Z1, Z3} and {Z2, Z3} are
        assertTrue(id.backdoorViolation(List.of("Z3")).isPresent());
        assertTrue(id.backdoorViolation(List.of("Z1", "Z3")).isEmpty());
        assertTrue(id.backdoorViolation(List.of("Z2", "Z3")).isEmpty());
        List<String> min = id.minimalBackdoorSet().orElseThrow();
        assertEquals(2, min.size());
        assertTrue(id.backdoorViolation(min).isEmpty());
    }

    /** Smoking -> tar -> cancer with a latent genotype: no backdoor set, front-door through tar. */
    @Test
    void frontDoorSmoking() {
        CausalGraph g = CausalGraph.parse("smoking -> tar -> cancer; smoking <-> cancer");
        Identification id = new Identification(g, "smoking", "cancer");
        assertFalse(id.minimalBackdoorSet().isPresent());
        assertTrue(id.frontdoorViolation("tar").isEmpty());
        assertEquals("tar", id.findMediator().orElseThrow());
        CausalGraph bad = CausalGraph.parse("smoking -> tar -> cancer; smoking -> cancer; smoking <-> cancer");
        assertTrue(new Identification(bad, "smoking", "cancer").frontdoorViolation("tar").isPresent());
    }

    @Test
    void dotFileAndLatentNodes() throws Exception {
        Path f = Files.createTempFile("g", ".dot");
        Files.writeString(f, "digraph G {\n  U [latent];\n  U -> treat; U -> y; // hidden\n  treat -> m -> y;\n}\n");
        CausalGraph g = CausalGraph.parse(f.toString());
        assertEquals(java.util.Set.of("treat", "m", "y"), g.observed());
        assertEquals("m", new Identification(g, "treat", "y").findMediator().orElseThrow());
    }

    @Test
    void cyclesAndBadInputAreOneLine() {
        UserInputException e = assertThrows(UserInputException.class, () -> CausalGraph.parse("a -> b; b -> c; c -> a"));
        assertTrue(e.getMessage().contains("not a DAG") && e.getMessage().contains("a -> b -> c -> a"), e.getMessage());
        assertThrows(UserInputException.class, () -> CausalGraph.parse("no_such_file.dot"));
        CausalGraph g = CausalGraph.parse("a -> b");
        assertThrows(UserInputException.class, () -> new Identification(g, "a", "zzz"));
    }
}
