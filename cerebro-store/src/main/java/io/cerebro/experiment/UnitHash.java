package io.cerebro.experiment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import io.cerebro.store.Variant;

/**
 * Where a unit falls in [0, 1): the first 64 bits of SHA-256 over the experiment's salt and the
 * unit id, as an unsigned fraction. SHA-256 is the same on every JVM and machine, and a salt per
 * experiment keeps a unit's position in one experiment independent of its position in another.
 */
public final class UnitHash {
    private UnitHash() {
    }

    /** @return the unit's position in [0, 1) for this salt. */
    public static double position(String salt, String unit) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            byte[] d = sha.digest(unit.getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = (bits << 8) | (d[i] & 0xFF);
            }
            // the top 53 bits give a double in [0, 1) without rounding up to 1
            return (bits >>> 11) * 0x1.0p-53;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** @return the variant whose cumulative share interval holds {@code position}. */
    public static Variant pick(List<Variant> variants, double position) {
        double cumulative = 0;
        for (Variant v : variants) {
            cumulative += v.weight();
            if (position < cumulative) {
                return v;
            }
        }
        return variants.get(variants.size() - 1);
    }
}
