package io.cerebro.core.tune.objective;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.tune.journal.Trial;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a program once per repeat. The command's words were split when the study was read; each
 * {@code {name}} inside a word is replaced by the parameter's value, so a value is always part of
 * one argv element and is never seen by a shell ({@code {trial}} and {@code {repeat}} give the
 * trial and repeat numbers). The environment also carries {@code CEREBRO_TRIAL},
 * {@code CEREBRO_REPEAT} and {@code CEREBRO_PARAM_<NAME>}.
 *
 * <p>The value is the last non-blank line of standard output: a number, or a JSON object with
 * {@code "value"} (one objective) or {@code "values"} (several). A non-zero exit, an unreadable last
 * line or a run past the timeout (the process and its descendants are killed) fails the trial.
 *
 * <p>Lines {@code intermediate STEP VALUE} are intermediate values: they are read as the program
 * prints them (flush after each), passed to the study's pruner, and when it prunes the trial the
 * program and its descendants are killed at once. Only the first repeat's are reported.
 */
public final class CommandObjective implements Objective {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");
    private final List<String> command;
    private final Path workDir;
    private final Duration timeout;
    private final int repeats;
    private final int objectives;

    /**
     * @param command    argv words with placeholders
     * @param workDir    the directory the program runs in
     * @param timeout    the limit of one run
     * @param repeats    runs per configuration
     * @param objectives how many values each run must print
     */
    public CommandObjective(List<String> command, Path workDir, Duration timeout, int repeats, int objectives) {
        this.command = List.copyOf(command);
        this.workDir = workDir;
        this.timeout = timeout;
        this.repeats = repeats;
        this.objectives = objectives;
    }

    /** @return the argv of one run. */
    public List<String> argv(Map<String, Object> params, int trial, int repeat) {
        List<String> out = new ArrayList<>();
        for (String word : command) {
            Matcher m = PLACEHOLDER.matcher(word);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String key = m.group(1);
                String v = switch (key) {
                    case "trial" -> Integer.toString(trial);
                    case "repeat" -> Integer.toString(repeat);
                    // an inactive conditional parameter is passed as an empty word
                    default -> params.containsKey(key) ? format(params.get(key)) : "";
                };
                m.appendReplacement(sb, Matcher.quoteReplacement(v));
            }
            m.appendTail(sb);
            out.add(sb.toString());
        }
        return out;
    }

    /** @return a value as the program sees it: integers without a fraction, doubles without exponent. */
    public static String format(Object v) {
        if (v instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue()) + ".0";
            }
            String s = Double.toString(d);
            return s.contains("E") ? new BigDecimal(s).stripTrailingZeros().toPlainString() : s;
        }
        return String.valueOf(v);
    }

    @Override
    public Outcome evaluate(Map<String, Object> params, int trial) {
        return evaluate(params, trial, Reporter.NONE);
    }

    @Override
    public Outcome evaluate(Map<String, Object> params, int trial, Reporter reporter) {
        List<double[]> results = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            Object one = runOnce(params, trial, r, r == 0 ? reporter : Reporter.NONE);
            if (one instanceof Outcome failed) {
                return failed;
            }
            results.add((double[]) one);
        }
        return Outcome.aggregate(results);
    }

    /** @return the step and value of an {@code intermediate STEP VALUE} line, or null for any other line. */
    public static Trial.Step intermediate(String line) {
        String s = line.trim();
        if (!s.startsWith("intermediate")) {
            return null;
        }
        String[] w = s.split("\\s+");
        if (w.length != 3 || !w[0].equals("intermediate")) {
            return null;
        }
        try {
            return new Trial.Step(Math.round(Double.parseDouble(w[1])), Double.parseDouble(w[2]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Object runOnce(Map<String, Object> params, int trial, int repeat, Reporter reporter) {
        Path err = null;
        try {
            err = Files.createTempFile("cerebro-trial-", ".err");
            ProcessBuilder pb = new ProcessBuilder(argv(params, trial, repeat)).directory(workDir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.PIPE).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().put("CEREBRO_TRIAL", Integer.toString(trial));
            pb.environment().put("CEREBRO_REPEAT", Integer.toString(repeat));
            params.forEach((k, v) -> pb.environment().put("CEREBRO_PARAM_" + k.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9_]", "_"), format(v)));
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return Outcome.failed("cannot start " + command.get(0) + ": " + e.getMessage());
            }
            List<Trial.Step> steps = new ArrayList<>();
            java.util.concurrent.atomic.AtomicBoolean pruned = new java.util.concurrent.atomic.AtomicBoolean();
            String[] lastValueLine = {""};
            Process proc = p;
            // stdout is read as it comes so intermediate values reach the pruner while the program runs
            Thread reader = Thread.ofPlatform().daemon().name("trial-" + trial + "-stdout").start(() -> {
                try (java.io.BufferedReader br = new java.io.BufferedReader(new java.io.InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = br.readLine()) != null) {
                        if (pruned.get()) {
                            continue;
                        }
                        Trial.Step s = intermediate(line);
                        if (s != null) {
                            steps.add(s);
                            if (reporter.report(s.step(), s.value())) {
                                pruned.set(true);
                                proc.descendants().forEach(ProcessHandle::destroyForcibly);
                                proc.destroyForcibly();
                            }
                        } else if (!line.isBlank()) {
                            lastValueLine[0] = line.trim();
                        }
                    }
                } catch (IOException ignored) {
                    // the pipe closes when the process is killed
                }
            });
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                reader.join(5000);
                if (pruned.get()) {
                    return Outcome.pruned(steps);
                }
                return new Outcome(Trial.State.TIMEOUT, List.of(), Double.NaN, List.of(), "run " + repeat + " exceeded the timeout of " + timeout.toMillis() + " ms",
                        steps);
            }
            reader.join();
            if (pruned.get()) {
                return Outcome.pruned(steps);
            }
            if (p.exitValue() != 0) {
                return Outcome.failed("run " + repeat + " exited with code " + p.exitValue() + lastLine(err, ": "));
            }
            String last = lastValueLine[0];
            double[] v = parse(last, objectives);
            if (v == null) {
                return Outcome.failed("run " + repeat + ": the last line of output is not a number or {\"value\": ...}: '"
                        + (last.length() > 80 ? last.substring(0, 80) + "..." : last) + "'");
            }
            return v;
        } catch (IOException e) {
            return Outcome.failed("run " + repeat + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted");
        } finally {
            deleteQuietly(err);
        }
    }

    /** @return the objective values on {@code line}, or null when it holds none (or the wrong number of them). */
    public static double[] parse(String line, int objectives) {
        String s = line.trim();
        try {
            if (s.startsWith("{")) {
                JsonNode n = JSON.readTree(s);
                if (n.has("value") && n.get("value").isNumber() && objectives == 1) {
                    return new double[]{n.get("value").asDouble()};
                }
                JsonNode vs = n.get("values");
                if (vs != null && vs.isArray() && vs.size() == objectives) {
                    double[] out = new double[objectives];
                    for (int k = 0; k < objectives; k++) {
                        if (!vs.get(k).isNumber()) {
                            return null;
                        }
                        out[k] = vs.get(k).asDouble();
                    }
                    return out;
                }
                return null;
            }
            String[] words = s.split("[\\s,]+");
            if (words.length != objectives) {
                return null;
            }
            double[] out = new double[objectives];
            for (int k = 0; k < objectives; k++) {
                out[k] = Double.parseDouble(words[k]);
                if (Double.isNaN(out[k])) {
                    return null;
                }
            }
            return out;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static String lastLine(Path file, String prefix) throws IOException {
        List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return prefix + lines.get(i).trim();
            }
        }
        return "";
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
