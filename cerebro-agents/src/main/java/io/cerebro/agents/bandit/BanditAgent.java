package io.cerebro.agents.bandit;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import io.cerebro.agents.AgentContext;
import io.cerebro.agents.AnalysisAgent;
import io.cerebro.agents.GeneratedPipeline;
import io.cerebro.agents.generate.GenerationRequest;
import io.cerebro.agents.generate.RetrievedExamples;
import io.cerebro.agents.generate.RetrievedExamples.ExampleQuery;
import io.cerebro.agents.generate.ValidatedGeneration;
import io.cerebro.core.bandit.BanditMethod;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.BanditSpec;

import java.util.List;

/**
 * The agent for bandits. Recommend: the program prints each arm's UCB1 index, Thompson P(best) or
 * ε-greedy choice probability with its mean or posterior; evaluate: the IPS, SNIPS and DR values of
 * the target policy. Simulations and the algorithms the offline template does not write (UCB-V,
 * KL-UCB, softmax) are refused with one line before the engine runs.
 */
public final class BanditAgent implements AnalysisAgent {
    /** The recommend algorithms the offline template writes. */
    static final List<String> TEMPLATE_ALGORITHMS = List.of("ucb1", "thompson", "epsilon_greedy");

    @Override
    public String family() {
        return BanditSpec.FAMILY;
    }

    @Override
    public GeneratedPipeline generate(AnalysisSpec spec, Dataset data, AgentContext context, AnalysisResult reference) {
        BanditSpec b = (BanditSpec) spec;
        requireTemplate(b);
        long start = System.nanoTime();
        String method = headline(b);
        GenerationRequest request = new GenerationRequest(b, data, method, guidance(b, method), retrieve(context.retriever(), b), () -> BanditTemplate.program(b));
        return ValidatedGeneration.run(request, BanditPipelineFamily.INSTANCE.syntheticData(), context, reference, start);
    }

    /** Refuses what the offline template does not write, naming the alternative. */
    static void requireTemplate(BanditSpec b) {
        if (b.mode() == BanditSpec.Mode.SIMULATE) {
            throw new UserInputException("a simulation reads no data, so it has no pipeline to generate; drop --generate (recommend and evaluate generate pipelines)");
        }
        if (b.mode() == BanditSpec.Mode.RECOMMEND && !TEMPLATE_ALGORITHMS.contains(b.algorithm())) {
            throw new UserInputException("the offline bandit pipeline covers ucb1, thompson and epsilon_greedy, not " + b.algorithm()
                    + "; drop --generate or pick one of those with --algorithm");
        }
    }

    /** The method the engine reports as the headline. */
    static String headline(BanditSpec b) {
        if (b.mode() == BanditSpec.Mode.RECOMMEND) {
            return BanditMethod.algorithm(b.algorithm()).id();
        }
        return b.estimators().contains("dr") ? BanditMethod.OPE_DR.id()
                : b.estimators().contains("ips") ? BanditMethod.OPE_IPS.id() : BanditMethod.OPE_SNIPS.id();
    }

    static String guidance(BanditSpec b, String method) {
        if (b.mode() == BanditSpec.Mode.RECOMMEND) {
            return """
                    args[0] is a CSV of %s with the arm column '%s'. Arms in sorted (String) order.
                    Per arm: pulls n, successes or reward sum s, mean s/n.
                    %s
                    Print {"schema": "cerebro.result/1", "family": "bandit", "method": "%s", "estimates": [...]} with one estimate per arm,
                    labelled with the arm's name, method "%s", "estimate" the quantity above, "extra" {"pulls": n, ...} and the interval.
                    """.formatted(b.count() != null ? "per-arm aggregates (columns '" + b.count() + "' and '" + b.successes() + "')"
                            : "one row per pull (reward column '" + b.reward() + "')", b.arm(), switch (b.algorithm()) {
                        case "ucb1" -> "UCB1 index mean + sqrt(2 ln N / n), N all pulls; extra mean; interval mean ± z sd/sqrt(n) (sample sd) when n > 1.";
                        case "thompson" -> "Posterior Beta(" + b.prior().get(0) + " + s, " + b.prior().get(1) + " + n - s); estimate P(arm is best) = "
                                + "integral f_i(x) prod_j F_j(x) dx by quadrature; extra posterior_alpha, posterior_beta, posterior_mean; "
                                + "equal-tailed posterior interval at level " + (1 - b.alpha()) + ".";
                        default -> "ε-greedy with ε = " + b.epsilon() + ": probability ε/K, plus 1 - ε on the arm with the best mean "
                                + "(unpulled arms count as best, lowest on ties); extra mean; normal interval as for UCB1.";
                    }, method, method);
        }
        return """
                args[0] is a logged-bandit CSV: logged arm '%s', reward '%s', logging propensity '%s', context %s, target %s.
                w = 1[target = logged] / propensity. IPS = mean(w r), se sd(w r)/sqrt(n); SNIPS = sum(w r)/sum(w), se sqrt(sum w^2 (r - SNIPS)^2)/sum(w);
                DR = mean(q(x, target) + w (r - q(x, logged))), q per arm least squares of r on [1, context] over the rows of that arm
                (the arm's mean without context or with too few rows); se sd/sqrt(n). Intervals value ± z_{1-alpha/2} se, alpha %s.
                Print {"schema": "cerebro.result/1", "family": "bandit", "method": "%s", "estimates": [...]} with estimates labelled
                "IPS", "SNIPS", "DR" (those asked: %s), methods bandit.ope.ips, bandit.ope.snips, bandit.ope.dr.
                """.formatted(b.action(), b.reward(), b.propensity(), b.context(),
                b.targetArm() != null ? "always arm " + b.targetArm() : "column '" + b.target() + "'", b.alpha(), method, b.estimators());
    }

    /** Bandit examples for the spec's algorithm (or off-policy evaluation), those naming it first. */
    public static List<Content> retrieve(ContentRetriever retriever, BanditSpec b) {
        boolean recommend = b.mode() == BanditSpec.Mode.RECOMMEND;
        String query = recommend
                ? "multi-armed bandit " + b.algorithm().replace('_', ' ') + " arms rewards pulls exploration java"
                : "off-policy evaluation logged bandit inverse propensity scoring doubly robust replay java";
        // The corpus labels UCB1 as bandit.ucb; the other algorithms carry the engine's ids.
        String method = !recommend ? "bandit.linucb" : b.algorithm().equals("ucb1") ? "bandit.ucb" : "bandit." + b.algorithm();
        return RetrievedExamples.select(retriever, new ExampleQuery(query, BanditPipelineFamily.INSTANCE.corpusFamilies(), method, true));
    }
}
