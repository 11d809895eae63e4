package io.cerebro.store;

/**
 * One policy change inside a {@link PolicyChange}: the policy as the caller read it, and what it
 * becomes. The store checks, in the change's transaction, that the policy still is as expected, so a
 * change made meanwhile by another process is never overwritten unseen.
 *
 * @param name     the policy's name
 * @param scope    its scope
 * @param expected its value as the caller read it, or null when it must not exist yet
 * @param next     what it becomes, or null to remove it
 */
public record PolicyWrite(String name, String scope, String expected, Policy next) {
}
