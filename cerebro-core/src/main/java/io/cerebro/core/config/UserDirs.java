package io.cerebro.core.config;

import java.nio.file.Path;

/** The per-user folders Cerebro keeps state in, found the same way by every module. */
public final class UserDirs {
    private UserDirs() {
    }

    /**
     * The cache folder (the worked-example index, remembered file digests, the agents' bench index):
     * {@code $CEREBRO_CACHE_DIR}, else {@code $XDG_CACHE_HOME/cerebro}, else {@code ~/.cache/cerebro}.
     * Everything in it can be deleted; it is rebuilt on use.
     */
    public static Path cache() {
        String own = System.getenv("CEREBRO_CACHE_DIR");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "cerebro");
        }
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".cache", "cerebro");
    }
}
