package io.cerebro.spark;

import io.cerebro.core.pushdown.PushdownContract;
import io.cerebro.core.pushdown.SqlEngine;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The pushdown contract on Spark SQL in local mode ({@code local[2]}), one session for the class:
 * the CSVs are read by Spark with an inferred schema and registered as temporary views.
 */
class SparkPushdownTest extends PushdownContract {
    private static SparkSession spark;
    private static SqlEngine engine;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("cerebro-pushdown-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1").config("spark.sql.adaptive.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        for (String t : new String[]{"ab", "panel"}) {
            spark.read().option("header", "true").option("inferSchema", "true").csv(resource(t + ".csv").toString())
                    .createOrReplaceTempView(t);
        }
        engine = new SparkSqlEngine(spark);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Override
    protected SqlEngine engine() {
        return engine;
    }
}
