package io.cerebro.agents.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The seeded data generators of the generation benchmark. Each writes a CSV whose columns the bench
 * spec names and plants one effect of a size the spec states ({@code effect}), so that the reference
 * engine recovering it (within the spec's tolerance) shows the dataset measures what the spec says.
 * Generators are deterministic given their parameters and seed.
 *
 * <p>Kinds: {@code ab_normal}, {@code ab_binary}, {@code observational}, {@code panel_2x2},
 * {@code panel_staggered}, {@code rdd}, {@code iv}, {@code synth}, {@code geo}, {@code mmm},
 * {@code bandit_pulls}, {@code bandit_aggregates}, {@code bandit_log}, {@code uplift}, and {@code none}
 * (a design-only family such as power, which reads no data).
 */
public final class BenchData {
    private BenchData() {
    }

    /**
     * Writes the dataset of a generator.
     *
     * @param kind   the generator kind
     * @param params its parameters ({@code rows}, {@code effect}, kind-specific ones; see each kind)
     * @param seed   the seed
     * @param file   where to write the CSV
     * @return whether a file was written ({@code none} writes nothing)
     * @throws IllegalArgumentException for an unknown kind
     */
    public static boolean write(String kind, Map<String, Object> params, long seed, Path file) throws IOException {
        P p = new P(params);
        SplittableRandom r = new SplittableRandom(seed);
        if (kind.equals("none")) {
            return false;
        }
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            switch (kind) {
                case "ab_normal" -> abNormal(w, p, r);
                case "ab_binary" -> abBinary(w, p, r);
                case "observational" -> observational(w, p, r);
                case "panel_2x2" -> panel2x2(w, p, r);
                case "panel_staggered" -> panelStaggered(w, p, r);
                case "rdd" -> rdd(w, p, r);
                case "iv" -> iv(w, p, r);
                case "synth" -> synth(w, p, r);
                case "geo" -> geo(w, p, r);
                case "mmm" -> mmm(w, p, r);
                case "bandit_pulls" -> banditPulls(w, p, r);
                case "bandit_aggregates" -> banditAggregates(w, p, r);
                case "bandit_log" -> banditLog(w, p, r);
                case "uplift" -> uplift(w, p, r);
                default -> throw new IllegalArgumentException("unknown bench data generator '" + kind + "'");
            }
        }
        return true;
    }

    /** Arms control, treatment (or control, b, c, ...); revenue ~ N(mu + effect * (arm index), sd), a pre-period covariate and a stratum. */
    private static void abNormal(BufferedWriter w, P p, SplittableRandom r) throws IOException {
        int rows = p.i("rows", 2000);
        int arms = p.i("arms", 2);
        double effect = p.d("effect", 1.0);
        double sd = p.d("sd", 4.0);
        double mu = p.d("mean", 20.0);
        w.write("variant,revenue,pre_revenue,country\n");
        for (int i = 0; i < rows; i++) {
            int a = i % arms;
            int country = r.nextInt(3);
            double pre = mu + 0.5 * sd * country + sd * r.nextGaussian();
            double y = mu + effect * a + 0.8 * (pre - mu) + 0.5 * sd * country + 0.6 * sd * r.nextGaussian();
            w.write(arm(a, arms) + "," + num(y) + "," + num(pre) + "," + List.of("US", "DE", "FR").get(country) + "\n");
        }
    }

    /** Arms as above; converted ~ Bernoulli(base + effect * arm index). */
    private static void abBinary(BufferedWriter w, P p, SplittableRandom r) throws IOException {
        int rows = p.i("rows", 4000);
        int arms = p.i("arms", 2);
        double base = p.d("base", 0.10);
        double effect = p.d("effect", 0.03);
        w.write("variant,converted\n");
        for (int i = 0; i < rows; i++) {
            int a = i % arms;
            w.write(arm(a, arms) + "," + (r.nextDouble() < base + effect * a ? 1 : 0) + "\n");
        }
    }

    private static String arm(int a, int arms) {
        if (arms == 2) {
            return a == 0 ? "control" : "treatment";
        }
        return a == 0 ? "control" : "variant_" + (char) ('a' + a - 1);
    }

    /** Confounders x1..x3; treat ~ logistic(-0.3 + 0.8 x1 - 0.5 x2 + 0.4 x3); y = 2 + effect treat + 1.5 x1 + x2 - 0.7 x3 + N(0, 1). */
    private static void observational(BufferedWriter w, P p, SplittableRandom r) throws IOException {
        int rows = p.i("rows", 1500);
        double effect = p.d("effect", 2.0);
        w.write("treat,y,x1,x2,x3\n");
        for (int i = 0; i < rows; i++) {
            double x1 = r.nextGaussian();
            double x2 = r.nextGaussian();
            double x3 = r.nextDouble() < 0.4 ? 1 : 0;
            double pr = 1 / (1 + Math.exp(-(-0.3 + 0.8 * x1 - 0.5 * x2 + 0.4 * x3)));
            int t = r.nextDouble() < pr ? 1 : 0;
            double y = 2 + effect * t + 1.5 * x1 + x2 - 0.7 * x3 + r.nextGaussian();
            w.write(t + "," + num(y) + "," + num(x1) + "," + num(x2) + "," + (int) x3 + "\n");
        }
    }

    /** Two periods (post 0/1) of units in a treated group (nj) and a control group; the treated group gains effect after. */
    private static void panel2x2(BufferedWriter w, P p, SplittableRandom r) throws IOException {
        int units = p.i("units", 300);
        double effect = p.d("effect", 3.0);
        w.write("store,nj,post,fte\n");
        for (int u = 0; u < units; u++) {
            int nj = u % 3 == 0 ? 0 : 1;
            double fe = 20 + 3 * r.nextGaussian() + 1.5 * nj;
            for (int post = 0; post <= 1; post++) {
                double y = fe - 1.0 * post + effect * nj * post + 1.5 * r.nextGaussian();
                w.write("s" + u + "," + nj + "," + post + "," + num(y) + "\n");
            }
        }
    }

    /** Units over years 2000..2009, cohorts first treated in 2004, 2006 or never (0); y = unit fe + year fe + effect D + noise. */
    private static void panelStaggered(BufferedWriter w, P p, SplittableRandom r) throws IOException {
        int units = p.i("units", 120);
        double effect = p.d("effect", 2.0);
        int[] cohorts = {2004, 2006, 0};
        w.write("unit,year,first,y\n");
        for (int u = 0; u < units; u++) {
            int first = cohorts[u % 3];
            double fe = 5 + 2 * r.nextGaussian();
            for (int year = 2000; year < 2010; year++) {
                int d = first != 0 && year >= first ? 1 : 0;
                double y = fe + 0.3 * (year - 2000) + effect * d + 0.8 * r.nextGaussian();
                w.write("u" + u + "," + year + "," + first + "," + num(y) + "\n");
            }
        }
    }

    /** margin ~ U(-50, 50); vote = 45 + 0.35 margin + effect [margin >= 0] + N(0, 6), clipped to [0, 100]. */
    private static void rdd(BufferedWriter w, P p, SplittableRandom r) throws IOException {
        int rows = p.i("rows", 1500);
        double effect = p.d("effect", 6.0);
        w.write("margin,vote\n");
        for (int i = 0; i < rows; i++) {
            double m = -50 + 100 * r.nextDouble();
            double v = 45 + 0.35 * m + (m >= 0 ? effect : 0) + 6 * r.nextGaussian();
            w.write(num(m) + "," + num(Math.max(0, Math.min(100, v))) + "\n");
        }
    }

    /** Instrument z ~ Bernoulli(0.5), confounder u; d = 10 + 1.2 z + u + N(0, 1); y = 1 + effect d + 0.5 c + 2 u + N(0, 1). */
    private static void iv(BufferedWriter w, P p, SplittableRandom r) throws IOException {
        int rows = p.i("rows", 2000);
        double effect = p.d("effect", 0.5);
        w.write("z,educ,lwage,exper\n");
        for (int i = 0; i < rows; i++) {
            int z = r.nextDouble() < 0.5 ? 1 : 0;
            double u = r.nextGaussian();
            double c = 5 + 3 * r.nextDouble();
            double d = 10 + 1.2 * z + u + r.nextGaussian();
            double y = 1 + effect * d + 0.5 * c + 2 * u + r.nextGaussian();
            w.write(z + "," + num(d) + "," + num(y) + "," + num(c) + "\n");
        }
    }

    /**
     * States over 1970..2000 driven by two factors; the treated state is an exact mix of three donors
     * plus noise, and gains {@code effect} (negative: a fall) from the treatment year 1989 on.
     */
    private static void synth(BufferedWriter w, P p, SplittableRandom r) throws IOException {
        int donors = p.i("donors", 12);
        double effect = p.d("effect", -15.0);
        int years = 31;
        double[][] y = new double[donors][years];
        for (int s = 0; s < donors; s++) {
            double level = 90 + 30 * r.nextDouble();
            double slope = -1.5 + 1.0 * r.nextDouble();
            for (int t = 0; t < years; t++) {
                y[s][t] = level + slope * t + 4 * Math.sin(t / 4.0 + s) + 0.8 * r.nextGaussian();
            }
        }
        w.write("state,year,cigsale\n");
        for (int t = 0; t < years; t++) {
            int year = 1970 + t;
            double treated = 0.5 * y[0][t] + 0.3 * y[1][t] + 0.2 * y[2][t] + 0.5 * r.nextGaussian() + (year >= 1989 ? effect : 0);
            w.write("Treated," + year + "," + num(treated) + "\n");
            for (int s = 0; s < donors; s++) {
                w.write("donor_" + s + "," + year + "," + num(y[s][t]) + "\n");
            }
        }
    }

    /**
     * Daily outcome of locations over 90 days from 2021-01-01; the first {@code treated} locations (default 2:
     * loc_0, loc_1) grow by the relative lift {@code effect} over the last {@code test_days} days (default 15,
     * from 2021-03-17).
     */
    private static void geo(BufferedWriter w, P p, SplittableRandom r) throws IOException {
        int locations = p.i("locations", 12);
        double lift = p.d("effect", 0.10);
        int treated = p.i("treated", 2);
        int testDays = p.i("test_days", 15);
        int days = 90;
        double[] common = new double[days];
        for (int t = 0; t < days; t++) {
            common[t] = 1 + 0.1 * Math.sin(2 * Math.PI * t / 7) + 0.002 * t;
        }
        w.write("location,date,Y\n");
        LocalDate start = LocalDate.of(2021, 1, 1);
        for (int l = 0; l < locations; l++) {
            double scale = 800 + 600 * r.nextDouble();
            for (int t = 0; t < days; t++) {
                double y = scale * common[t] * (1 + 0.02 * r.nextGaussian());
                if (l < treated && t >= days - testDays) {
                    y *= 1 + lift;
                }
                w.write("loc_" + l + "," + start.plusDays(t) + "," + num(y) + "\n");
            }
        }
    }

    /** Weekly outcome from two spend channels with geometric adstock and a linear response plus a trend and noise. */
    private static void mmm(BufferedWriter w, P p, SplittableRandom r) throws IOException {
        int weeks = p.i("weeks", 104);
        double b1 = p.d("effect", 2.0);
        double b2 = p.d("effect2", 1.0);
        double decay = p.d("decay", 0.4);
        w.write("date_week,y,x1,x2,event\n");
        LocalDate start = LocalDate.of(2022, 1, 3);
        double s1 = 0;
        double s2 = 0;
        for (int t = 0; t < weeks; t++) {
            double x1 = r.nextDouble() < 0.2 ? 0 : 50 + 50 * r.nextDouble();
            double x2 = 20 + 60 * r.nextDouble();
            s1 = x1 + decay * s1;
            s2 = x2 + decay * s2;
            int event = t % 26 == 13 ? 1 : 0;
            double y = 500 + 0.5 * t + b1 * s1 + b2 * s2 + 80 * event + 15 * r.nextGaussian();
            w.write(start.plusWeeks(t) + "," + num(y) + "," + num(x1) + "," + num(x2) + "," + event + "\n");
        }
    }

    /** Pulls of arms A, B, C with 0/1 rewards at rates base, base + effect / 2, base + effect. */
    private static void banditPulls(BufferedWriter w, P p, SplittableRandom r) throws IOException {
        int rows = p.i("rows", 3000);
        double[] rate = rates(p);
        w.write("arm,reward\n");
        for (int i = 0; i < rows; i++) {
            int a = i % 3;
            w.write((char) ('A' + a) + "," + (r.nextDouble() < rate[a] ? 1 : 0) + "\n");
        }
    }

    /** Per-arm pulls and clicks of arms A, B, C at the same rates. */
    private static void banditAggregates(BufferedWriter w, P p, SplittableRandom r) throws IOException {
        int pulls = p.i("pulls", 2000);
        double[] rate = rates(p);
        w.write("arm,pulls,clicks\n");
        for (int a = 0; a < 3; a++) {
            int clicks = 0;
            for (int i = 0; i < pulls; i++) {
                clicks += r.nextDouble() < rate[a] ? 1 : 0;
            }
            w.write((char) ('A' + a) + "," + pulls + "," + clicks + "\n");
        }
    }

    private static double[] rates(P p) {
        double base = p.d("base", 0.10);
        double effect = p.d("effect", 0.06);
        return new double[]{base, base + effect / 2, base + effect};
    }

    /** A logged policy choosing A, B, C with propensities 0.5, 0.3, 0.2; clicked ~ Bernoulli(rate of the arm). */
    private static void banditLog(BufferedWriter w, P p, SplittableRandom r) throws IOException {
        int rows = p.i("rows", 5000);
        double[] rate = rates(p);
        double[] prop = {0.5, 0.3, 0.2};
        w.write("arm,clicked,p\n");
        for (int i = 0; i < rows; i++) {
            double u = r.nextDouble();
            int a = u < prop[0] ? 0 : u < prop[0] + prop[1] ? 1 : 2;
            w.write((char) ('A' + a) + "," + (r.nextDouble() < rate[a] ? 1 : 0) + "," + num(prop[a]) + "\n");
        }
    }

    /** offer ~ Bernoulli(0.5); spend = 10 + 2 age_z + visits + (effect + 1.0 loyal_centred) offer + N(0, 2). */
    private static void uplift(BufferedWriter w, P p, SplittableRandom r) throws IOException {
        int rows = p.i("rows", 2000);
        double effect = p.d("effect", 2.0);
        w.write("offer,spend,age,visits,loyal\n");
        for (int i = 0; i < rows; i++) {
            int t = r.nextDouble() < 0.5 ? 1 : 0;
            double age = 20 + 40 * r.nextDouble();
            int visits = r.nextInt(10);
            int loyal = r.nextDouble() < 0.5 ? 1 : 0;
            double y = 10 + 2 * (age - 40) / 11.5 + 0.5 * visits + (effect + (loyal - 0.5)) * t + 2 * r.nextGaussian();
            w.write(t + "," + num(y) + "," + num(age) + "," + visits + "," + loyal + "\n");
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    /** Typed access to a generator's parameters with defaults. */
    private record P(Map<String, Object> m) {
        int i(String k, int def) {
            Object v = m.get(k);
            return v == null ? def : ((Number) v).intValue();
        }

        double d(String k, double def) {
            Object v = m.get(k);
            return v == null ? def : ((Number) v).doubleValue();
        }
    }

    /** @return the generator kinds, in the order of the class comment. */
    public static List<String> kinds() {
        return new ArrayList<>(List.of("ab_normal", "ab_binary", "observational", "panel_2x2", "panel_staggered", "rdd", "iv",
                "synth", "geo", "mmm", "bandit_pulls", "bandit_aggregates", "bandit_log", "uplift", "none"));
    }
}
