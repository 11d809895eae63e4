package io.cerebro.core.pushdown;

import io.cerebro.core.error.UserInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The dialect differences the generated SQL depends on, and what a URL or relation turns into. */
class SqlDialectTest {
    @Test
    void quotingCastsNanAndLiteralsFollowEachEngine() {
        assertEquals("\"my \"\"col\"\"\"", SqlDialect.POSTGRESQL.quote("my \"col\""));
        assertEquals("`my ``col```", SqlDialect.SPARK.quote("my `col`"));
        assertEquals("\"analytics\".\"events\"", SqlDialect.TRINO.table("analytics.events"));
        assertEquals("CAST(x AS DOUBLE PRECISION)", SqlDialect.POSTGRESQL.asDouble("x"));
        assertEquals("CAST(x AS STRING)", SqlDialect.SPARK.asText("x"));
        assertEquals("is_nan(x)", SqlDialect.TRINO.isNan("x"));
        assertEquals("(x = CAST('NaN' AS DOUBLE PRECISION))", SqlDialect.POSTGRESQL.isNan("x"));
        assertEquals("'it''s'", SqlDialect.DUCKDB.literal("it's"));
        assertEquals("'it\\'s'", SqlDialect.SPARK.literal("it's"));
        assertEquals("CAST(1.0E-5 AS DOUBLE)", SqlDialect.DUCKDB.literal(1e-5));
        assertEquals(0.1 + 0.2, Double.parseDouble("0.30000000000000004")); // the literal is Java's round-trip form
    }

    @Test
    void urlsPickTheDialectAndPasswordsAreRedacted() {
        assertEquals(SqlDialect.POSTGRESQL, SqlDialect.ofUrl("jdbc:postgresql://h/db"));
        assertEquals(SqlDialect.SPARK, SqlDialect.ofUrl("jdbc:hive2://h:10000/default"));
        assertEquals(SqlDialect.TRINO, SqlDialect.ofUrl("JDBC:TRINO://h:8080/hive"));
        assertEquals(null, SqlDialect.ofUrl("jdbc:mysql://h/db"));
        assertEquals("jdbc:postgresql://h/db?user=u&password=***", JdbcEngine.redact("jdbc:postgresql://h/db?user=u&password=s3cret"));
        assertEquals("jdbc:trino://u:***@h:8080/hive", JdbcEngine.redact("jdbc:trino://u:s3cret@h:8080/hive"));
    }

    @Test
    void aRelationIsATableOrAQueryFilteredByWhere() {
        assertEquals("\"events\"", SqlRelation.table("events").from(SqlDialect.POSTGRESQL));
        assertEquals("(SELECT * FROM (SELECT 1 AS a) cerebro_q WHERE a > 0) cerebro_w",
                SqlRelation.query("SELECT 1 AS a;").where("a > 0").from(SqlDialect.DUCKDB));
        assertThrows(UserInputException.class, () -> new SqlRelation("t", "SELECT 1", null));
        assertThrows(UserInputException.class, () -> new SqlRelation(null, null, null));
    }
}
