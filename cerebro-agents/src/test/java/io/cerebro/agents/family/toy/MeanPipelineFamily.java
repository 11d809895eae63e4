package io.cerebro.agents.family.toy;

import io.cerebro.agents.AgentContext;
import io.cerebro.agents.AnalysisAgent;
import io.cerebro.agents.GeneratedPipeline;
import io.cerebro.agents.PipelineFamily;
import io.cerebro.agents.generate.GenerationRequest;
import io.cerebro.agents.generate.ValidatedGeneration;
import io.cerebro.agents.validate.SyntheticDataFactory;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.family.AnalysisFamily;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.spec.AnalysisSpec;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The pipeline half of the toy family: an agent with an offline template (a standalone program that
 * computes the mean and its t interval with Commons Math) and synthetic data with a planted mean.
 */
public final class MeanPipelineFamily implements PipelineFamily<MeanSpec> {
    static final MeanPipelineFamily INSTANCE = new MeanPipelineFamily();
    /** The mean planted in the synthetic dataset. */
    static final double PLANTED_MEAN = 2.5;

    @Override
    public AnalysisFamily<MeanSpec> analysis() {
        return MeanFamily.INSTANCE;
    }

    @Override
    public AnalysisAgent agent() {
        return new AnalysisAgent() {
            @Override
            public String family() {
                return MeanFamily.NAME;
            }

            @Override
            public GeneratedPipeline generate(AnalysisSpec spec, Dataset data, AgentContext context, AnalysisResult reference) {
                long start = System.nanoTime();
                MeanSpec s = (MeanSpec) spec;
                GenerationRequest request = new GenerationRequest(s, data, MeanFamily.Method.ONE_SAMPLE_T.id(),
                        "Compute the mean of '" + s.column() + "', its standard error sd/sqrt(n), the t interval and the t-test of mean = "
                                + s.mu() + "; print one result JSON object.", List.of(), () -> template(s));
                return ValidatedGeneration.run(request, syntheticData(), context, reference, start);
            }
        };
    }

    @Override
    public SyntheticDataFactory syntheticData() {
        return (spec, original, file, seed) -> {
            MeanSpec s = (MeanSpec) spec;
            SplittableRandom rnd = new SplittableRandom(seed);
            try (BufferedWriter w = Files.newBufferedWriter(file)) {
                w.write(s.column() + "\n");
                for (int i = 0; i < 300; i++) {
                    // Box-Muller: a normal draw with the planted mean and sd 1
                    double z = Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
                    w.write(Double.toString(PLANTED_MEAN + z) + "\n");
                }
            }
        };
    }

    @Override
    public String plantedEffect(MeanSpec spec) {
        return "a mean of " + PLANTED_MEAN + " (300 normal draws with sd 1)";
    }

    @Override
    public Set<String> corpusFamilies() {
        return Set.of(MeanFamily.NAME);
    }

    /** The offline template: a standalone program a reviewer can read. */
    static String template(MeanSpec s) {
        return """
                import org.apache.commons.csv.CSVFormat;
                import org.apache.commons.csv.CSVRecord;
                import org.apache.commons.math3.distribution.TDistribution;

                import java.io.Reader;
                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.util.ArrayList;
                import java.util.List;

                /** Mean of '%1$s' with a one-sample t interval and a t-test of mean = %2$s. */
                public class Pipeline {
                    public static void main(String[] args) throws Exception {
                        if (args.length != 1) {
                            System.err.println("usage: java Pipeline.java DATA.csv");
                            return;
                        }
                        List<Double> x = new ArrayList<>();
                        try (Reader in = Files.newBufferedReader(Path.of(args[0]))) {
                            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                                x.add(Double.parseDouble(r.get("%1$s")));
                            }
                        }
                        int n = x.size();
                        double mean = 0;
                        for (double v : x) mean += v;
                        mean /= n;
                        double ss = 0;
                        for (double v : x) ss += (v - mean) * (v - mean);
                        double sd = Math.sqrt(ss / (n - 1));
                        double se = sd / Math.sqrt(n);
                        TDistribution t = new TDistribution(n - 1);
                        double q = t.inverseCumulativeProbability(1 - %3$s / 2);
                        double stat = (mean - %2$s) / se;
                        double p = 2 * t.cumulativeProbability(-Math.abs(stat));
                        String ci = "{\\"lower\\": " + (mean - q * se) + ", \\"upper\\": " + (mean + q * se) + ", \\"level\\": " + (1 - %3$s)
                                + ", \\"kind\\": \\"confidence\\"}";
                        System.out.println("{\\"schema\\": \\"cerebro.result/1\\", \\"family\\": \\"toy_mean\\", \\"method\\": \\"toy_mean.one_sample_t\\", "
                                + "\\"arms\\": [{\\"arm\\": \\"all\\", \\"n\\": " + n + ", \\"mean\\": " + mean + ", \\"sd\\": " + sd + "}], "
                                + "\\"estimates\\": [{\\"label\\": \\"mean of %1$s\\", \\"method\\": \\"toy_mean.one_sample_t\\", \\"estimate\\": " + mean
                                + ", \\"standardError\\": " + se + ", \\"interval\\": " + ci + ", \\"pValue\\": " + p
                                + ", \\"statistic\\": {\\"name\\": \\"t\\", \\"value\\": " + stat + ", \\"df\\": " + (n - 1) + "}}]}");
                    }
                }
                """.formatted(s.column(), Double.toString(s.mu()), Double.toString(s.alpha()));
    }
}
