package io.cerebro.agents.family;

import io.cerebro.agents.PipelineFamily;
import io.cerebro.agents.bandit.BanditPipelineFamily;
import io.cerebro.core.spec.SpecReader;

import java.util.List;

/**
 * The bandit family passes the family contract on the bundled examples: Thompson sampling, UCB1 on
 * per-arm aggregates and ε-greedy recommendations, and off-policy evaluation of a target column with
 * a context (DR) and of a single arm. Simulations read no data and generate no pipeline, so they are
 * not a case here; their numbers are checked in cerebro-core's RegretShapeTest.
 */
class BanditFamilyContractTest extends FamilyContractTest {
    @Override
    protected PipelineFamily<?> family() {
        return BanditPipelineFamily.INSTANCE;
    }

    @Override
    protected List<FamilyCase> cases() {
        return List.of(
                new FamilyCase("recommend thompson", SpecReader.parse("family: bandit\nmode: recommend\narm: arm\nreward: reward\n"
                        + "algorithm: thompson\nprior: [1, 2]\nseed: 7\n", false, "bandit"), resource("pulls.csv", "bandit"), "arm <> 'A'"),
                new FamilyCase("recommend ucb1 from aggregates", SpecReader.parse("family: bandit\nmode: recommend\narm: arm\ncount: pulls\n"
                        + "successes: clicks\nalgorithm: ucb1\n", false, "bandit"), resource("arms.csv", "bandit"), "arm <> 'B'"),
                new FamilyCase("recommend epsilon-greedy", SpecReader.parse("family: bandit\nmode: recommend\narm: arm\nreward: reward\n"
                        + "algorithm: epsilon_greedy\nepsilon: 0.2\n", false, "bandit"), resource("pulls.csv", "bandit"), null),
                new FamilyCase("evaluate target column with context", SpecReader.parse("family: bandit\nmode: evaluate\naction: arm\n"
                        + "reward: clicked\npropensity: p\ncontext: [segment, score]\ntarget: new_policy\n", false, "bandit"),
                        resource("log.csv", "bandit"), "score < 0.8"),
                new FamilyCase("evaluate one arm, ips and snips", SpecReader.parse("family: bandit\nmode: evaluate\naction: arm\n"
                        + "reward: clicked\npropensity: p\ntarget_arm: B\nestimators: [ips, snips]\nalpha: 0.1\n", false, "bandit"),
                        resource("log.csv", "bandit"), null));
    }

    @Override
    protected List<String> badSpecs() {
        return List.of(
                "family: bandit\narm: arm\nreward: reward\n",
                "family: bandit\nmode: recommend\narm: arm\nreward: r\nalgorithm: exp3\n",
                "family: bandit\nmode: recommend\narm: arm\ncount: n\n",
                "family: bandit\nmode: evaluate\naction: a\nreward: r\npropensity: p\n",
                "family: bandit\nmode: evaluate\naction: a\nreward: r\npropensity: p\ntarget_arm: B\nestimators: [dm]\n",
                "family: bandit\nmode: simulate\narm_means: [0.5, 1.5]\n",
                "family: bandit\nmode: recommend\narm: arm\nreward: r\nalgoritm: ucb1\n");
    }
}
