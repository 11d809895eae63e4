package io.cerebro.core.causal.quasi.rdd;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * A result for each side of the cutoff. The two sides' computations share nothing, so on large data
 * the left one runs on the common fork-join pool while the caller computes the right one; each side
 * does exactly the same arithmetic either way, so the numbers do not depend on it.
 */
record Sides<T>(T left, T right) {
    /** Rows from which the two sides are computed concurrently (tests raise it to compare with the serial path). */
    static int parallelRows = 50_000;

    static <T> Sides<T> compute(int rows, Supplier<T> left, Supplier<T> right) {
        if (rows < parallelRows || ForkJoinPool.getCommonPoolParallelism() < 1) {
            return new Sides<>(left.get(), right.get());
        }
        Future<T> l = ForkJoinPool.commonPool().submit(left::get);
        T r;
        try {
            r = right.get();
        } catch (RuntimeException | Error e) {
            l.cancel(false);
            throw e;
        }
        try {
            return new Sides<>(l.get(), r);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fitting the left side of the cutoff", e);
        }
    }
}
