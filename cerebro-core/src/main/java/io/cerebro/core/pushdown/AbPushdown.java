package io.cerebro.core.pushdown;

import io.cerebro.core.CerebroVersion;
import io.cerebro.core.ab.ABTestEngine;
import io.cerebro.core.ab.ArmAggregates;
import io.cerebro.core.ab.ArmMoments;
import io.cerebro.core.ab.ArmProfile;
import io.cerebro.core.ab.ArmStats;
import io.cerebro.core.ab.frequentist.RankTests;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.result.AnalysisResult;
import io.cerebro.core.result.Provenance;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.SpecReader;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An A/B test whose rows stay in a SQL engine: every aggregate the A/B engine needs, computed by
 * SQL in the engine's dialect, so that {@link ABTestEngine#run(ABTestSpec, ArmAggregates)} runs the
 * same tests on them as on a local file. Each query scans the relation once and returns one row per
 * arm (per stratum and arm; per distinct value only inside the engine, for rank sums).
 *
 * <p>The outcome and covariate must be numeric columns (or expressions of a {@code --query});
 * text is not parsed on the server.
 */
public final class AbPushdown implements ArmAggregates {
    private final ABTestSpec spec;
    private final SqlEngine engine;
    private final SqlRelation relation;
    private final SqlDialect d;
    private final MessageDigest digest;
    private List<ArmProfile> profiles;
    private long rows;
    private long missingStrata;

    private AbPushdown(ABTestSpec spec, SqlEngine engine, SqlRelation relation) {
        this.spec = spec;
        this.engine = engine;
        this.relation = relation.where(relation.where() != null ? relation.where() : spec.where());
        this.d = engine.dialect();
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the A/B test of {@code spec} on {@code relation} in {@code engine}. */
    public static AnalysisResult run(ABTestSpec spec, SqlEngine engine, SqlRelation relation) {
        return new ABTestEngine().run(spec, new AbPushdown(spec, engine, relation));
    }

    /** @return the aggregates of {@code spec} on {@code relation}, for a caller that runs the engine itself. */
    public static ArmAggregates aggregates(ABTestSpec spec, SqlEngine engine, SqlRelation relation) {
        return new AbPushdown(spec, engine, relation);
    }

    // ---- SQL building blocks

    /** The relation reduced to the columns the test reads, renamed, typed and flagged. */
    private String base() {
        StringBuilder sb = new StringBuilder("SELECT ").append(d.asText(d.quote(spec.treatment()))).append(" AS cb_arm, ")
                .append(d.asDouble(d.quote(spec.outcome()))).append(" AS cb_y");
        if (spec.covariate() != null) {
            sb.append(", ").append(d.asDouble(d.quote(spec.covariate()))).append(" AS cb_x");
        }
        if (spec.strata() != null) {
            sb.append(", ").append(d.asText(d.quote(spec.strata()))).append(" AS cb_s");
        }
        return sb.append(" FROM ").append(relation.from(d)).toString();
    }

    private String yNumber() {
        return "(cb_y IS NOT NULL AND NOT " + d.isNan("cb_y") + ")";
    }

    /** Rows the analysis uses: an arm, an outcome and (with CUPED) a covariate, none NaN. */
    private String usable() {
        String u = "cb_arm IS NOT NULL AND " + yNumber();
        if (spec.covariate() != null) {
            u += " AND cb_x IS NOT NULL AND NOT " + d.isNan("cb_x");
        }
        return "(" + u + ")";
    }

    private static String count(String condition) {
        return "sum(CASE WHEN " + condition + " THEN 1 ELSE 0 END)";
    }

    private static String when(String condition, String value) {
        return "CASE WHEN " + condition + " THEN " + value + " END";
    }

    private List<Object[]> rows(String sql) {
        List<Object[]> r = engine.rows(sql);
        for (Object[] row : r) {
            digest.update(Arrays.toString(row).getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }

    // ---- ArmAggregates

    @Override
    public List<ArmProfile> profiles() {
        if (profiles != null) {
            return profiles;
        }
        String num = yNumber();
        String u = usable();
        String nonBinary = "cb_y NOT IN (0, 1)";
        String sql = "SELECT cb_arm, count(*), " + count("NOT " + num) + ", " + count(num) + ", "
                + "min(" + when(num, "cb_y") + "), max(" + when(num, "cb_y") + "), " + count(num + " AND " + nonBinary) + ", "
                + count(u) + ", avg(" + when(u, "cb_y") + "), var_samp(" + when(u, "cb_y") + "), sum(" + when(u, "cb_y") + "), "
                + "min(" + when(u, "cb_y") + "), max(" + when(u, "cb_y") + "), " + count(u + " AND " + nonBinary)
                + (spec.strata() != null ? ", " + count("cb_s IS NULL") : ", 0")
                + " FROM (" + base() + ") cb GROUP BY cb_arm";
        List<ArmProfile> out = new ArrayList<>();
        long total = 0;
        long unusable = 0;
        long strataMissing = 0;
        for (Object[] r : rows(sql)) {
            String arm = Values.s(r[0]);
            long n = Values.l(r[7]);
            double var = Values.d(r[9]);
            // equal values have variance exactly 0, whatever rounding the engine's update left
            if (n > 1 && Values.d(r[11]) == Values.d(r[12])) {
                var = 0.0;
            }
            double sum = n == 0 ? 0.0 : Values.d(r[10]);
            double mean = n == 0 ? Double.NaN : Values.d(r[8]);
            out.add(new ArmProfile(arm, Values.l(r[1]), 0, Values.l(r[2]), Values.l(r[3]), Values.d(r[4]), Values.d(r[5]),
                    Values.l(r[6]), new ArmStats(arm, n, mean, var, sum), Values.l(r[13])));
            total += Values.l(r[1]);
            unusable += Values.l(r[1]) - n;
            strataMissing += Values.l(r[14]);
        }
        if (total == 0) {
            throw new UserInputException(relation.describe() + " in " + engine.describe() + " has no rows" + (relation.where() != null ? " matching the filter" : ""));
        }
        if (unusable > 0 && !spec.dropMissing()) {
            throw new UserInputException(unusable + " of " + total + " rows have a missing or NaN " + spec.treatment() + ", " + spec.outcome()
                    + (spec.covariate() != null ? " or " + spec.covariate() : "") + "; pass --drop-missing to leave them out, or filter them with --where");
        }
        out.sort(Comparator.comparing(ArmProfile::arm, Comparator.nullsLast(Comparator.naturalOrder())));
        this.rows = total;
        this.missingStrata = strataMissing;
        this.profiles = List.copyOf(out);
        return profiles;
    }

    @Override
    public long rowCount() {
        profiles();
        return rows;
    }

    @Override
    public List<ArmMoments> cupedMoments() {
        String sql = "SELECT cb_arm, count(*), avg(cb_y), avg(cb_x), var_samp(cb_y), var_samp(cb_x), covar_samp(cb_y, cb_x) FROM ("
                + base() + ") cb WHERE " + usable() + " GROUP BY cb_arm";
        List<ArmMoments> out = new ArrayList<>();
        for (Object[] r : rows(sql)) {
            out.add(new ArmMoments(Values.s(r[0]), Values.l(r[1]), Values.d(r[2]), Values.d(r[3]), Values.d(r[4]), Values.d(r[5]), Values.d(r[6])));
        }
        out.sort(Comparator.comparing(ArmMoments::arm));
        return out;
    }

    @Override
    public Map<String, Map<String, ArmStats>> strata() {
        String sql = "SELECT cb_s, cb_arm, count(*), avg(cb_y), var_samp(cb_y), sum(cb_y) FROM (" + base() + ") cb WHERE " + usable()
                + " AND cb_s IS NOT NULL GROUP BY cb_s, cb_arm";
        List<Object[]> rs = new ArrayList<>(rows(sql));
        rs.sort(Comparator.comparing((Object[] r) -> Values.s(r[0])).thenComparing(r -> Values.s(r[1])));
        Map<String, Map<String, ArmStats>> out = new TreeMap<>();
        for (Object[] r : rs) {
            String arm = Values.s(r[1]);
            out.computeIfAbsent(Values.s(r[0]), k -> new LinkedHashMap<>())
                    .put(arm, new ArmStats(arm, Values.l(r[2]), Values.d(r[3]), Values.d(r[4]), Values.d(r[5])));
        }
        return out;
    }

    @Override
    public long missingStrata() {
        profiles();
        return missingStrata;
    }

    /**
     * Midrank sums by window functions over the distinct values (inside the engine): a value's
     * midrank is the count below it plus (its count + 1) / 2.
     */
    @Override
    public RankTests.PairRanks pairRanks(String arm, String control) {
        String a = d.literal(arm);
        String g = "SELECT cb_y AS v, " + count("cb_arm = " + a) + " AS na, count(*) AS cnt FROM (" + base() + ") cb WHERE " + usable()
                + " AND cb_arm IN (" + a + ", " + d.literal(control) + ") GROUP BY cb_y";
        String sql = "SELECT sum(na), sum(cnt) - sum(na), sum(" + d.asDouble("na") + " * (2 * below + cnt + 1)) / 2, "
                + "sum(" + d.asDouble("cnt") + " * cnt * cnt - cnt) FROM (SELECT na, cnt, " + below("t") + " AS below FROM (" + g + ") t) r";
        Object[] r = rows(sql).get(0);
        return new RankTests.PairRanks(Values.l(r[0]), Values.l(r[1]), Values.d(r[2]), Values.d(r[3]));
    }

    private static String below(String alias) {
        return "coalesce(sum(" + alias + ".cnt) OVER (ORDER BY " + alias + ".v ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)";
    }

    @Override
    public RankSums rankSums() {
        String g = "SELECT cb_arm AS arm, cb_y AS v, count(*) AS c FROM (" + base() + ") cb WHERE " + usable() + " GROUP BY cb_arm, cb_y";
        String t = "SELECT v, sum(c) AS cnt FROM (" + g + ") g0 GROUP BY v";
        String r = "SELECT t.v, t.cnt, " + below("t") + " AS below FROM (" + t + ") t";
        String sql = "SELECT g.arm, sum(g.c), sum(" + d.asDouble("g.c") + " * (2 * r.below + r.cnt + 1)) / 2 FROM (" + g + ") g JOIN ("
                + r + ") r ON g.v = r.v GROUP BY g.arm";
        List<Object[]> rs = new ArrayList<>(rows(sql));
        rs.sort(Comparator.comparing(x -> Values.s(x[0])));
        double tie = Values.d(rows("SELECT sum(" + d.asDouble("cnt") + " * cnt * cnt - cnt) FROM (" + t + ") t").get(0)[0]);
        return new RankSums(rs.stream().mapToLong(x -> Values.l(x[1])).toArray(), rs.stream().mapToDouble(x -> Values.d(x[2])).toArray(), tie);
    }

    /** Fetches one arm's outcome values: only the exact Mann-Whitney test on arms of a few dozen rows asks. */
    @Override
    public double[] values(String arm) {
        return rows("SELECT cb_y FROM (" + base() + ") cb WHERE " + usable() + " AND cb_arm = " + d.literal(arm)).stream()
                .mapToDouble(r -> Values.d(r[0])).toArray();
    }

    /** Source: the engine and relation; SHA-256 over the aggregates the engine returned (the rows never left it). */
    @Override
    public void provenance(AnalysisResult.Builder result) {
        String sha = HexFormat.of().formatHex(((MessageDigest) cloneDigest()).digest());
        result.provenance(new Provenance(CerebroVersion.get(), ABTestEngine.class.getName(), SpecReader.toTree(spec),
                engine.describe() + " " + relation.describe(), sha, rowCount(), spec.seed(), Runtime.version().toString(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
    }

    private Object cloneDigest() {
        try {
            return digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
