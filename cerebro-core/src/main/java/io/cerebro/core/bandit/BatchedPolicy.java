package io.cerebro.core.bandit;

import java.util.ArrayList;
import java.util.List;

/**
 * Feeds rewards to the wrapped policy in batches of {@code batchSize}, as production systems do when
 * the model is refreshed hourly rather than after every pull: between refreshes the policy keeps
 * deciding from the statistics of the last batch boundary.
 */
public final class BatchedPolicy implements BanditPolicy {
    private record Pending(int arm, double[] context, double reward) { }

    private final BanditPolicy inner;
    private final int batchSize;
    private final List<Pending> pending = new ArrayList<>();

    public BatchedPolicy(BanditPolicy inner, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        this.inner = inner;
        this.batchSize = batchSize;
    }

    @Override public int arms() { return inner.arms(); }

    @Override public int select(double[] context) { return inner.select(context); }

    @Override public void update(int arm, double[] context, double reward) {
        pending.add(new Pending(arm, context, reward));
        if (pending.size() >= batchSize) flush();
    }

    /** Applies the rewards held back so far. */
    public void flush() {
        for (Pending p : pending) inner.update(p.arm(), p.context(), p.reward());
        pending.clear();
    }

    /** Rewards received but not yet applied. */
    public int pendingCount() { return pending.size(); }
}
