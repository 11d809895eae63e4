package io.cerebro.cli;

import io.cerebro.core.config.CerebroConfig;

import java.util.List;
import java.util.Map;

/**
 * The configuration of the running command line: the {@code --profile} the arguments gave and the
 * environment, loaded (with the user's file) the first time a command asks for a value, so a command
 * that reads no configuration never parses the file.
 */
public final class CliConfig {
    private static String profile;
    private static Map<String, String> env = System.getenv();
    private static CerebroConfig loaded;

    private CliConfig() {
    }

    /** Sets the profile and environment for the next {@link #current()}; called once per command line. */
    static synchronized void reset(String profileFlag, Map<String, String> environment) {
        profile = profileFlag;
        env = environment;
        loaded = null;
    }

    /** @return the configuration: defaults, profile, file, environment (flags are the commands' own options). */
    public static synchronized CerebroConfig current() {
        if (loaded == null) {
            loaded = CerebroConfig.load(profile, env, System.getProperty("user.home"), Map.of());
        }
        return loaded;
    }

    /** @return the configuration with {@code flags} (KEY=VALUE pairs) as its top layer. */
    static synchronized CerebroConfig withFlags(Map<String, String> flags) {
        return CerebroConfig.load(profile, env, System.getProperty("user.home"), flags);
    }

    /** @return the environment the command line runs with. */
    static synchronized Map<String, String> environment() {
        return env;
    }

    /** @return the value of {@code --profile P} or {@code --profile=P} in {@code args}, or null. */
    static String profileIn(List<String> args) {
        String found = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                break;
            }
            if (a.equals("--profile") && i + 1 < args.size()) {
                found = args.get(++i);
            } else if (a.startsWith("--profile=")) {
                found = a.substring("--profile=".length());
            }
        }
        return found;
    }
}
