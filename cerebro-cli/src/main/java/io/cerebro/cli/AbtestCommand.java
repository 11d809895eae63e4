package io.cerebro.cli;

import io.cerebro.agents.Cerebro;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.ABTestType;
import io.cerebro.core.spec.Alternative;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.MultipleTesting;
import io.cerebro.core.spec.OutcomeType;
import io.cerebro.core.spec.SpecReader;
import io.cerebro.core.spec.SpendingFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code cerebro abtest}: analyse an A/B(/n) test from a data file. */
@Command(name = "abtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Analyse an A/B or A/B/n test: frequentist, Bayesian and sequential tests, CUPED, "
                + "post-stratification and a sample-ratio check.",
                "Example: cerebro abtest examples/checkout_ab.csv --treatment variant --outcome converted"})
public final class AbtestCommand extends AnalysisCommand<ABTestSpec> {
    @Option(names = "--spec", paramLabel = "FILE", description = "Read the spec from YAML or JSON; flags given here override its fields.")
    Path specFile;

    @Option(names = "--treatment", paramLabel = "COL", description = "Column naming each row's arm.")
    String treatment;

    @Option(names = "--outcome", paramLabel = "COL", description = "Outcome column (0/1, true/false or numbers).")
    String outcome;

    @Option(names = "--control", paramLabel = "ARM", description = "Control arm label (default: first in sort order).")
    String control;

    @Option(names = "--outcome-type", paramLabel = "TYPE", description = "auto (default), binary or continuous.")
    OutcomeType outcomeType;

    @Option(names = "--test", paramLabel = "TEST", description = "auto (default), welch, student, mann_whitney, z_proportions, "
            + "chi_square, fisher, bayesian, msprt, group_sequential.")
    ABTestType test;

    @Option(names = "--alternative", paramLabel = "ALT", description = "two_sided (default), greater or less (treatment minus control).",
            converter = AlternativeConverter.class)
    Alternative alternative;

    @Option(names = "--alpha", paramLabel = "A", description = "Significance level (default 0.05).")
    Double alpha;

    @Option(names = "--power", paramLabel = "P", description = "Target power for sample-size statements (default 0.8).")
    Double power;

    @Option(names = "--mde", paramLabel = "D", description = "Minimum detectable effect, absolute difference.")
    Double mde;

    @Option(names = "--covariate", paramLabel = "COL", description = "Pre-period covariate for CUPED variance reduction.")
    String covariate;

    @Option(names = "--strata", paramLabel = "COL", description = "Categorical column for post-stratification.")
    String strata;

    @Option(names = "--allocation", paramLabel = "SHARES", split = ",", description = "Expected allocation per arm in label order, e.g. 50,50.")
    List<Double> allocation;

    @Option(names = "--correction", paramLabel = "M", description = "Multiple-comparison adjustment: holm (default), bh, bonferroni, none.")
    MultipleTesting correction;

    @Option(names = "--prior", paramLabel = "A,B", split = ",", description = "Beta prior for the Beta-Binomial model (default 1,1).")
    List<Double> prior;

    @Option(names = "--msprt-tau", paramLabel = "TAU", description = "mSPRT mixing standard deviation in outcome units.")
    Double msprtTau;

    @Option(names = "--looks", paramLabel = "K", description = "Planned looks of a group-sequential design (default 5).")
    Integer looks;

    @Option(names = "--look", paramLabel = "K", description = "Current look (1-based) for a group-sequential decision.")
    Integer look;

    @Option(names = "--spending", paramLabel = "F", description = "obrien_fleming (default) or pocock.")
    SpendingFunction spending;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default 42).")
    Long seed;

    @Option(names = "--lee-bounds", description = "Also bound the effect among units that would have an outcome in either arm "
            + "(Lee 2009 trimming), for tests where treatment changes who is observed (attrition, response); needs --observed.")
    boolean leeBounds;

    @Option(names = "--observed", paramLabel = "COL", description = "0/1 column: 1 where the row's outcome was observed (with --lee-bounds).")
    String observed;

    @Option(names = "--insights", description = "Add plain-language insights (effect, what CUPED adjustment bought, attrition bounds).")
    boolean insights;

    /**
     * With {@code --lee-bounds} the rows without an outcome are the attrited ones: the test itself runs
     * on the observed rows, and the bounds are added from every row.
     */
    @Override
    protected AnalysisResult afterRun(ABTestSpec spec, Dataset data, AnalysisResult result) {
        AnalysisResult r = leeBounds ? withLeeBounds(spec, result) : result;
        return insights ? r.withInsights(io.cerebro.core.causal.insight.AbInsights.of(r)) : r;
    }

    /** The A/B tests from aggregates computed by SQL in the --source engine. */
    @Override
    protected AnalysisResult runPushdown(ABTestSpec spec, io.cerebro.core.pushdown.SqlEngine engine, io.cerebro.core.pushdown.SqlRelation relation) {
        if (leeBounds) {
            throw new UserInputException("--lee-bounds trims rows and needs them locally; with --source, leave it out or export the columns to a file");
        }
        AnalysisResult r = io.cerebro.core.pushdown.AbPushdown.run(spec, engine, relation);
        return insights ? r.withInsights(io.cerebro.core.causal.insight.AbInsights.of(r)) : r;
    }

    private AnalysisResult withLeeBounds(ABTestSpec spec, AnalysisResult result) {
        String w = dataOptions.where != null ? dataOptions.where : spec.where();
        try (Dataset all = Dataset.readWith(dataOptions.path(), new io.cerebro.core.data.ReadOptions(w,
                new java.util.LinkedHashSet<>(List.of(spec.treatment(), spec.outcome(), observed)), dataOptions.dialect()))) {
            return io.cerebro.core.causal.sensitivity.AttritionBounds.attach(result, all, spec, observed);
        }
    }

    /** Merges the spec file (if any) with the flags; flags win. */
    @Override
    protected ABTestSpec buildSpec() {
        ABTestSpec.Builder b;
        if (specFile != null) {
            AnalysisSpec s = SpecReader.read(specFile);
            if (!(s instanceof ABTestSpec ab)) {
                throw new UserInputException("spec " + specFile + " is a " + s.family() + " spec; use 'cerebro "
                        + io.cerebro.core.family.Families.of(s).command() + "'");
            }
            b = (treatment != null || outcome != null)
                    ? rebase(ab, treatment != null ? treatment : ab.treatment(), outcome != null ? outcome : ab.outcome())
                    : ab.toBuilder();
        } else {
            if (treatment == null || outcome == null) {
                throw new UserInputException("name the columns: --treatment COL and --outcome COL are required (or --spec FILE)");
            }
            b = ABTestSpec.builder(treatment, outcome);
        }
        if (control != null) b.control(control);
        if (outcomeType != null) b.outcomeType(outcomeType);
        if (test != null) b.test(test);
        if (alternative != null) b.alternative(alternative);
        if (alpha != null) b.alpha(alpha); else if (specFile == null) b.alpha(CliConfig.current().alpha());
        if (power != null) b.power(power);
        if (mde != null) b.mde(mde);
        if (covariate != null) b.covariate(covariate);
        if (strata != null) b.strata(strata);
        if (allocation != null) b.allocation(allocation);
        if (correction != null) b.correction(correction);
        if (prior != null) {
            if (prior.size() != 2) {
                throw new UserInputException("--prior takes two numbers, alpha,beta (e.g. 1,1), got " + prior);
            }
            b.prior(prior.get(0), prior.get(1));
        }
        if (msprtTau != null) b.msprtTau(msprtTau);
        if (looks != null) b.looks(looks);
        if (look != null) b.look(look);
        if (spending != null) b.spending(spending);
        if (seed != null) b.seed(seed);
        if (leeBounds && observed == null) {
            throw new UserInputException("--lee-bounds needs --observed COL, the 0/1 column that is 1 where the outcome was observed");
        }
        if (observed != null && !leeBounds) {
            throw new UserInputException("--observed only works with --lee-bounds; add --lee-bounds");
        }
        if (leeBounds) {
            // the rows without an outcome are the attrition the bounds are about: the test runs on the others
            b.dropMissing(true);
        }
        return b.build();
    }

    private static ABTestSpec.Builder rebase(ABTestSpec s, String t, String o) {
        ABTestSpec moved = new ABTestSpec(t, o, s.control(), s.outcomeType(), s.test(), s.alternative(), s.alpha(),
                s.power(), s.mde(), s.covariate(), s.strata(), s.allocation(), s.correction(), s.priorAlpha(),
                s.priorBeta(), s.msprtTau(), s.looks(), s.look(), s.spending(), s.dropMissing(), s.where(), s.seed());
        return moved.toBuilder();
    }

    /** Accepts two_sided, two-sided, greater, larger, less, smaller. */
    static final class AlternativeConverter implements CommandLine.ITypeConverter<Alternative> {
        @Override
        public Alternative convert(String value) {
            String v = value.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
            return switch (v) {
                case "two_sided", "twosided", "both" -> Alternative.TWO_SIDED;
                case "greater", "larger" -> Alternative.GREATER;
                case "less", "smaller" -> Alternative.LESS;
                default -> throw new CommandLine.TypeConversionException("'" + value + "' is not an alternative; use two_sided, greater or less");
            };
        }
    }
}
