package io.cerebro.core.result;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Everything needed to reproduce a result.
 *
 * @param cerebroVersion the Cerebro version that computed it
 * @param engine         the engine class
 * @param spec           the full spec with defaults applied
 * @param dataSource     the input file (or {@code memory})
 * @param dataSha256     SHA-256 of the input file's bytes
 * @param dataRows       rows read (after any filter)
 * @param seed           random seed used
 * @param javaVersion    the Java runtime version
 * @param createdAt      ISO-8601 UTC time of the run
 */
public record Provenance(String cerebroVersion, String engine, JsonNode spec, String dataSource, String dataSha256,
                         Long dataRows, Long seed, String javaVersion, String createdAt) {
}
