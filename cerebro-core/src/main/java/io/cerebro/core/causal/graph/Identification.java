package io.cerebro.core.causal.graph;

import io.cerebro.core.error.UserInputException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Identification of the effect of a treatment on an outcome from a {@link CausalGraph}: the backdoor
 * criterion (Pearl 1993) and the front-door criterion (Pearl 1995).
 */
public final class Identification {
    private final CausalGraph g;
    private final String t;
    private final String y;

    /**
     * @throws UserInputException when treatment or outcome are not in the graph
     */
    public Identification(CausalGraph graph, String treatment, String outcome) {
        this.g = graph;
        this.t = treatment;
        this.y = outcome;
        for (String v : List.of(treatment, outcome)) {
            if (!graph.contains(v)) {
                throw new UserInputException("the graph does not mention '" + v + "'; add it with its edges, e.g. "
                        + treatment + " -> " + outcome);
            }
        }
        if (!graph.descendants(treatment).contains(outcome)) {
            throw new UserInputException("the graph has no directed path from " + treatment + " to " + outcome
                    + ", so it says the effect is zero; add the edge " + treatment + " -> " + outcome + " if that is wrong");
        }
    }

    /**
     * Why a set fails the backdoor criterion, or empty when it satisfies it.
     *
     * @param z the proposed adjustment set
     */
    public Optional<String> backdoorViolation(Collection<String> z) {
        Set<String> desc = g.descendants(t);
        List<String> bad = z.stream().filter(desc::contains).toList();
        if (!bad.isEmpty()) {
            return Optional.of(String.join(", ", bad) + (bad.size() > 1 ? " are descendants" : " is a descendant")
                    + " of " + t + " (adjusting for it biases the effect)");
        }
        if (!g.withoutOutgoing(List.of(t)).dSeparated(List.of(t), List.of(y), z)) {
            return Optional.of("a backdoor path from " + t + " to " + y + " stays open given {" + String.join(", ", z) + "}");
        }
        return Optional.empty();
    }

    /**
     * A minimal backdoor adjustment set of observed variables: starts from the observed ancestors of
     * treatment and outcome that are not descendants of the treatment (valid whenever any valid set
     * exists) and drops variables while the criterion still holds.
     *
     * @return the set, or empty when no set of observed variables satisfies the backdoor criterion
     */
    public Optional<List<String>> minimalBackdoorSet() {
        Set<String> desc = g.descendants(t);
        List<String> z = new ArrayList<>();
        for (String v : g.ancestors(List.of(t, y))) {
            if (!v.equals(t) && !v.equals(y) && !desc.contains(v) && g.observed().contains(v)) {
                z.add(v);
            }
        }
        if (backdoorViolation(z).isPresent()) {
            return Optional.empty();
        }
        for (String v : new ArrayList<>(z)) {
            List<String> smaller = new ArrayList<>(z);
            smaller.remove(v);
            if (backdoorViolation(smaller).isEmpty()) {
                z = smaller;
            }
        }
        return Optional.of(z);
    }

    /**
     * Whether m satisfies the front-door criterion: it intercepts every directed path from the
     * treatment to the outcome, no backdoor path from treatment to m is open, and every backdoor path
     * from m to the outcome is blocked by the treatment.
     */
    public Optional<String> frontdoorViolation(String m) {
        if (!g.contains(m)) {
            return Optional.of("the graph does not mention the mediator " + m);
        }
        CausalGraph noM = g.withoutOutgoing(List.of(m));
        // a directed path t -> ... -> y avoiding m exists iff y is reachable from t once m's edges are cut
        Set<String> reach = noM.descendants(t);
        if (reach.contains(y)) {
            return Optional.of(m + " does not intercept every directed path from " + t + " to " + y);
        }
        if (!g.withoutOutgoing(List.of(t)).dSeparated(List.of(t), List.of(m), List.of())) {
            return Optional.of("a backdoor path from " + t + " to " + m + " is open");
        }
        if (!noM.dSeparated(List.of(m), List.of(y), List.of(t))) {
            return Optional.of("a backdoor path from " + m + " to " + y + " stays open given " + t);
        }
        return Optional.empty();
    }

    /** @return an observed variable satisfying the front-door criterion, if any (children of the treatment first). */
    public Optional<String> findMediator() {
        Set<String> cands = new LinkedHashSet<>(g.children(t));
        cands.addAll(g.observed());
        for (String m : cands) {
            if (!m.equals(t) && !m.equals(y) && g.observed().contains(m) && frontdoorViolation(m).isEmpty()) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** @return the backdoor adjustment formula for the set z. */
    public String backdoorFormula(List<String> z) {
        if (z.isEmpty()) {
            return "E[" + y + " | do(" + t + ")] = E[" + y + " | " + t + "]";
        }
        String zs = String.join(", ", z);
        return "E[" + y + " | do(" + t + ")] = sum over (" + zs + ") of E[" + y + " | " + t + ", " + zs + "] P(" + zs + ")";
    }

    /** @return the front-door formula through mediator m. */
    public String frontdoorFormula(String m) {
        return "P(" + y + " | do(" + t + ")) = sum over " + m + " of P(" + m + " | " + t + ") sum over " + t
                + "' of P(" + y + " | " + m + ", " + t + "') P(" + t + "')";
    }
}
