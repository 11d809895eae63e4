package io.cerebro.cli.bench;

import io.cerebro.cli.CerebroCommand;
import io.cerebro.cli.CliSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code cerebro bench pushdown} needs a PostgreSQL server that answers; otherwise exit 2. */
class BenchPushdownCommandTest {
    @Test
    void aServerThatDoesNotAnswerIsBadInput() {
        assertEquals(CliSupport.BAD_INPUT, CerebroCommand.execute("bench", "pushdown", "--source", "jdbc:postgresql://127.0.0.1:1/bench",
                "--jar", "pom.xml"));
        assertEquals(CliSupport.BAD_INPUT, CerebroCommand.execute("bench", "pushdown", "--source", "jdbc:trino://127.0.0.1:1/x",
                "--jar", "pom.xml"));
    }
}
