package io.cerebro.agents.validate;

import java.time.Duration;

/**
 * Limits of one sandboxed run.
 *
 * @param timeout wall-clock limit per run; the process tree is killed when it is reached (default 60 s)
 * @param heapMb  maximum heap of the child JVM in MiB (default 512)
 */
public record SandboxLimits(Duration timeout, int heapMb) {
    /** The defaults: 60 seconds and 512 MiB. */
    public static final SandboxLimits DEFAULT = new SandboxLimits(Duration.ofSeconds(60), 512);

    public SandboxLimits {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the sandbox timeout must be positive, got " + timeout);
        }
        if (heapMb < 32) {
            throw new IllegalArgumentException("the sandbox heap cap must be at least 32 MiB, got " + heapMb);
        }
    }
}
