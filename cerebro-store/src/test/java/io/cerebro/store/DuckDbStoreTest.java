package io.cerebro.store;

import io.cerebro.core.error.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store contract on an embedded DuckDB file, and how DuckDB locations are read. */
class DuckDbStoreTest extends ExperimentStoreContract {
    @TempDir
    Path dir;
    private int n;

    @Override
    String freshLocation() {
        return dir.resolve("store-" + (++n) + ".duckdb").toString();
    }

    @Test
    void aFileThatIsNotADuckDbDatabaseIsRefusedAndLeftAlone() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.duckdb"), "my notes");
        UserInputException e = assertThrows(UserInputException.class, () -> Stores.open(notes.toString(), Map.of()));
        assertTrue(e.getMessage().contains("cannot open the store"), e.getMessage());
        assertTrue(Files.readString(notes).equals("my notes"));
    }

    @Test
    void aMissingDirectoryAndAnUnknownSchemeAreNamed() {
        UserInputException e = assertThrows(UserInputException.class, () -> Stores.open(dir.resolve("no/such/s.duckdb").toString(), Map.of()));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        UserInputException u = assertThrows(UserInputException.class, () -> Stores.open("mysql://host/db", Map.of()));
        assertTrue(u.getMessage().contains("not supported"), u.getMessage());
    }

    @Test
    void theDefaultStoreLivesInTheUsersDataDirectory() {
        try (ExperimentStore s = Stores.open(null, Map.of("XDG_DATA_HOME", dir.toString()))) {
            assertTrue(s.location().endsWith("cerebro/cerebro.duckdb"), s.location());
        }
        assertTrue(Files.exists(dir.resolve("cerebro/cerebro.duckdb")));
        try (ExperimentStore s = Stores.open(null, Map.of("CEREBRO_STORE", dir.resolve("env.duckdb").toString()))) {
            assertTrue(s.location().endsWith("env.duckdb"), s.location());
        }
    }
}
