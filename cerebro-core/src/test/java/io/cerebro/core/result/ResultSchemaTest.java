package io.cerebro.core.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.cerebro.core.data.Dataset;
import io.cerebro.core.engine.Engines;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.Alternative;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Printed results conform to the documented schema (checked by an independent JSON Schema validator) and read back unchanged. */
class ResultSchemaTest {
    static Path repoFile(String rel) {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve(rel))) {
            p = p.getParent();
        }
        return p.resolve(rel);
    }

    @Test
    void engineOutputConformsToSchemaAndRoundTrips() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(repoFile("docs/result-schema.json")));
        Path csv = Path.of(getClass().getResource("/oracles/ab/checkout_ab.csv").toURI());
        for (ABTestSpec spec : new ABTestSpec[]{ABTestSpec.of("variant", "converted"),
                ABTestSpec.builder("variant", "revenue").alternative(Alternative.GREATER).build()}) {
            try (Dataset d = Dataset.read(csv)) {
                AnalysisResult r = Engines.run(spec, d);
                String json = ResultJson.write(r);
                JsonNode node = ResultJson.mapper().readTree(json);
                Set<ValidationMessage> errors = schema.validate(node);
                assertTrue(errors.isEmpty(), errors.toString());
                AnalysisResult back = ResultJson.read(json);
                assertEquals(r.estimates(), back.estimates());
                assertEquals(r.provenance().dataSha256(), back.provenance().dataSha256());
                assertEquals(40000L, back.provenance().dataRows());
            }
        }
    }
}
