package io.cerebro.agents.power;

import io.cerebro.core.error.UserInputException;
import io.cerebro.core.power.PowerEngine;
import io.cerebro.core.spec.Alternative;
import io.cerebro.core.spec.PowerSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The second design of a power pipeline's validation: every parameter of the user's design moved
 * by a seeded random factor (the baseline rate or sd, the mde, n, alpha, the target power and the
 * ratio), with the same outcome kind, alternative and solved-for quantity. A draw whose calculation
 * has no answer (a treatment rate outside (0, 1), an MDE no sample reaches) is drawn again.
 */
public final class PowerSyntheticDesign {
    /** Draws tried before giving up. */
    private static final int DRAWS = 50;
    /** The planted effect in words, as validation.json records it. */
    public static final String DESCRIPTION = "a perturbed design: the baseline rate or sd moved by 0.7 to 1.3 times, the mde by"
            + " 1.1 to 1.5 times, n by 0.6 to 1.4 times, the ratio by 1 to 1.5 times, alpha drawn from 0.01 to 0.1 and the"
            + " target power from 0.7 to 0.95 (same outcome kind, alternative and solved-for quantity)";

    private PowerSyntheticDesign() {
    }

    /** @return the perturbed spec drawn with {@code seed}. */
    public static PowerSpec draw(PowerSpec spec, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        UserInputException last = null;
        for (int i = 0; i < DRAWS; i++) {
            PowerSpec.Builder b = spec.toBuilder().looks(null).spending(null);
            double shift = 0.7 + 0.6 * rnd.nextDouble();
            Double mde = spec.mde() == null ? null : spec.mde() * (1.1 + 0.4 * rnd.nextDouble());
            if (spec.outcome() == PowerSpec.Outcome.PROPORTIONS) {
                double p = Math.min(0.95, Math.max(0.02, spec.baseline() * shift));
                b.baseline(p);
                if (mde != null) {
                    // keep the treatment rate inside (0, 1): at most half the room in the effect's direction
                    boolean down = mde < 0 || spec.alternative() == Alternative.LESS;
                    double room = down ? p : 1 - p;
                    mde = Math.copySign(Math.min(Math.abs(mde), room / 2), mde);
                }
            } else {
                b.sd(spec.sd() * shift);
            }
            b.mde(mde);
            if (spec.n() != null) {
                b.n((double) Math.max(4, Math.round(spec.n() * (0.6 + 0.8 * rnd.nextDouble()))));
            }
            b.ratio(spec.ratio() * (1 + 0.5 * rnd.nextDouble()));
            b.alpha(0.01 + 0.09 * rnd.nextDouble());
            b.power(0.7 + 0.25 * rnd.nextDouble());
            try {
                PowerSpec drawn = b.build();
                new PowerEngine().run(drawn, null);
                return drawn;
            } catch (UserInputException e) {
                last = e;
            }
        }
        throw new UserInputException("no perturbed design near this one has an answer (" + last.getMessage()
                + "); pipelines cannot be validated for it");
    }

    /** Writes the design drawn with {@code seed} as a design table. */
    public static void write(PowerSpec spec, Path file, long seed) throws IOException {
        PowerDesignTable.write(draw(spec, seed), file);
    }
}
