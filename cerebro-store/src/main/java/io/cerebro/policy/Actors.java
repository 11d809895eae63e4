package io.cerebro.policy;

import java.util.Map;

/**
 * Who made a change, for the audit trail: the name given, else the login name from the environment,
 * else the account the JVM runs as ({@code user.name}, read from the system's user database, so a
 * cron job or container without $USER is still named), else "unknown".
 */
public final class Actors {
    private Actors() {
    }

    /** @return {@code given} when not blank, else $USER, $USERNAME or $LOGNAME, else the JVM's user.name, else "unknown". */
    public static String resolve(String given) {
        return resolve(given, System.getenv(), System.getProperty("user.name"));
    }

    /** @return as {@link #resolve(String)}, reading the login name from {@code env} and the account name from {@code account}. */
    public static String resolve(String given, Map<String, String> env, String account) {
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        for (String k : new String[]{"USER", "USERNAME", "LOGNAME"}) {
            String v = env.get(k);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        // The JVM sets user.name to "?" when the uid has no entry in the user database.
        if (account != null && !account.isBlank() && !account.equals("?")) {
            return account.strip();
        }
        return "unknown";
    }
}
