package io.cerebro.policy;

import java.util.Map;

/** Who made a change, for the audit trail: the name given, else the login name, else "unknown". */
public final class Actors {
    private Actors() {
    }

    /** @return {@code given} when not blank, else $USER (or $USERNAME on Windows), else "unknown". */
    public static String resolve(String given) {
        return resolve(given, System.getenv());
    }

    /** @return as {@link #resolve(String)}, reading the login name from {@code env}. */
    public static String resolve(String given, Map<String, String> env) {
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        for (String k : new String[]{"USER", "USERNAME", "LOGNAME"}) {
            String v = env.get(k);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return "unknown";
    }
}
