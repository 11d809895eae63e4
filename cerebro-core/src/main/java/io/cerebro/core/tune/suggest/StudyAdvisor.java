package io.cerebro.core.tune.suggest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.power.PowerCalculator;
import io.cerebro.core.power.PowerSettings;
import io.cerebro.core.tune.StudySpec;
import io.cerebro.core.tune.StudySpecReader;
import io.cerebro.core.tune.journal.Trial;
import io.cerebro.core.tune.journal.TrialJournal;
import io.cerebro.core.tune.sampler.Losses;
import io.cerebro.core.tune.space.Parameter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a finished tuning study (its YAML and journal) and applies two detectors, each writing a
 * study that {@code cerebro tune} runs as is (its own name, so its own journal):
 * <ul>
 *   <li><b>boundary</b>: the best configuration of a numeric parameter lies in the outer
 *   {@value #EDGE} of its range (on the searched scale, log for log parameters), and so do at least
 *   half of the best {@value #TOP} trials: the optimum may lie outside; the follow-up extends that end
 *   of the range by half its width (on the searched scale, so a log range stays positive);</li>
 *   <li><b>high_variance</b>: with repeats, the best and the second-best configurations do not differ
 *   (Welch on their repeats, p &ge; 0.05): the follow-up raises {@code repeats} to what the power
 *   engine needs to detect their observed difference at 80% power.</li>
 * </ul>
 */
public final class StudyAdvisor {
    /** The share of the range at each end that counts as the boundary. */
    public static final double EDGE = 0.05;
    /** The best trials that must agree with the best one. */
    public static final int TOP = 5;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private StudyAdvisor() {
    }

    /** @return the suggestions for the study in {@code studyFile}, possibly none. */
    @SuppressWarnings("unchecked")
    public static List<Suggestion> advise(Path studyFile) {
        StudySpec spec = StudySpecReader.read(studyFile);
        if (!Files.isRegularFile(spec.journal())) {
            throw new UserInputException("study " + studyFile + " has no journal at " + spec.journal() + "; run it first with cerebro tune " + studyFile);
        }
        List<Trial> trials;
        try (TrialJournal j = TrialJournal.open(spec.journal())) {
            trials = j.trials();
        }
        List<Trial> complete = trials.stream().filter(Trial::complete).toList();
        if (complete.isEmpty()) {
            throw new UserInputException("study " + studyFile + " has no complete trial yet; nothing to suggest");
        }
        Map<String, Object> tree;
        try {
            tree = YAML.readValue(Files.readString(studyFile), LinkedHashMap.class);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + studyFile + ": " + e.getMessage());
        }
        double[] loss = Losses.of(complete, spec.directions());
        Integer[] order = new Integer[complete.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> loss[i]));
        List<Trial> ranked = java.util.Arrays.stream(order).map(complete::get).toList();
        List<Suggestion> out = new ArrayList<>();
        boundary(spec, ranked, tree).ifPresent(out::add);
        highVariance(spec, ranked, tree).ifPresent(out::add);
        return out;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v).replaceFirst("(\\.\\d*?)0+($|e)", "$1$2").replaceFirst("\\.($|e)", "$1");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copy(Map<String, Object> tree, String suffix) {
        Map<String, Object> next = YAML.convertValue(tree, LinkedHashMap.class);
        next.put("name", tree.getOrDefault("name", "study") + "-" + suffix);
        next.remove("journal");
        return next;
    }

    @SuppressWarnings("unchecked")
    static java.util.Optional<Suggestion> boundary(StudySpec spec, List<Trial> ranked, Map<String, Object> tree) {
        Trial best = ranked.get(0);
        List<Trial> top = ranked.subList(0, Math.min(TOP, ranked.size()));
        Map<String, Object> next = copy(tree, "widened");
        Map<String, Object> space = (Map<String, Object>) next.get("parameter_space");
        List<String> why = new ArrayList<>();
        for (Parameter p : spec.space().parameters()) {
            if (p.discreteChoices() || !best.params().containsKey(p.name())) {
                continue;
            }
            double u = p.unitOf(best.params().get(p.name()));
            int side = u <= EDGE ? -1 : u >= 1 - EDGE ? 1 : 0;
            if (side == 0) {
                continue;
            }
            long agree = top.stream().filter(t -> t.params().containsKey(p.name()))
                    .filter(t -> side < 0 ? p.unitOf(t.params().get(p.name())) <= 2 * EDGE : p.unitOf(t.params().get(p.name())) >= 1 - 2 * EDGE).count();
            if (agree * 2 < top.size()) {
                continue;
            }
            double low = p.low();
            double high = p.high();
            double newLow = low;
            double newHigh = high;
            if (p.log()) {
                double span = Math.log(high) - Math.log(low);
                if (side < 0) {
                    newLow = Math.exp(Math.log(low) - span / 2);
                } else {
                    newHigh = Math.exp(Math.log(high) + span / 2);
                }
            } else {
                double span = high - low;
                if (side < 0) {
                    newLow = low - span / 2;
                } else {
                    newHigh = high + span / 2;
                }
            }
            List<Object> range = p.type() == Parameter.Type.INT
                    ? List.of((long) Math.floor(newLow), (long) Math.ceil(newHigh)) : List.of(round(newLow), round(newHigh));
            if (p.type() == Parameter.Type.INT && p.log() && (long) range.get(0) < 1) {
                range = List.of(1L, range.get(1));
            }
            Map<String, Object> def = new LinkedHashMap<>((Map<String, Object>) space.get(p.name()));
            def.put("range", range);
            space.put(p.name(), def);
            why.add(String.format(Locale.ROOT, "%s = %s is at the %s end of [%s, %s] (%d of the best %d trials are too): widen to %s",
                    p.name(), fmt(((Number) best.params().get(p.name())).doubleValue()), side < 0 ? "lower" : "upper", fmt(low), fmt(high), agree,
                    top.size(), range));
        }
        if (why.isEmpty()) {
            return java.util.Optional.empty();
        }
        String reason = "the search stopped at a boundary of the space: " + String.join("; ", why);
        return java.util.Optional.of(new Suggestion("boundary", reason, "next-study-widened.yaml", next, "cerebro tune FILE"));
    }

    static double round(double v) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.6g", v));
    }

    static java.util.Optional<Suggestion> highVariance(StudySpec spec, List<Trial> ranked, Map<String, Object> tree) {
        if (spec.repeats() < 2 || ranked.size() < 2) {
            return java.util.Optional.empty();
        }
        Trial a = ranked.get(0);
        Trial b = ranked.get(1);
        if (a.runs().size() < 2 || b.runs().size() < 2) {
            return java.util.Optional.empty();
        }
        double p = ResultsAdvisor.welch(a.runs(), b.runs(), false);
        double diff = Math.abs(a.value() - b.value());
        if (!(p >= 0.05) || !(diff > 0)) {
            return java.util.Optional.empty();
        }
        double sd = Math.sqrt((ResultsAdvisor.var(a.runs()) + ResultsAdvisor.var(b.runs())) / 2);
        double need = PowerCalculator.meansSampleSize(sd, diff, PowerSettings.defaults().withAlpha(0.05).withPower(0.8)).nControl();
        long repeats = (long) Math.ceil(need);
        if (repeats <= spec.repeats()) {
            return java.util.Optional.empty();
        }
        Map<String, Object> next = copy(tree, "repeats");
        @SuppressWarnings("unchecked")
        Map<String, Object> obj = new LinkedHashMap<>((Map<String, Object>) next.get("objective"));
        obj.put("repeats", repeats);
        next.put("objective", obj);
        String reason = String.format(Locale.ROOT, "the best trial %d (%s, sd %s) and the second %d (%s, sd %s) do not differ over %d repeats "
                        + "(Welch p = %s): telling them apart at 80%% power needs %d repeats per configuration",
                a.number(), fmt(a.value()), fmt(a.spread()), b.number(), fmt(b.value()), fmt(b.spread()), spec.repeats(), fmt(p), repeats);
        return java.util.Optional.of(new Suggestion("high_variance", reason, "next-study-repeats.yaml", next, "cerebro tune FILE"));
    }
}
