/**
 * Policies: named values per scope with the rules a change must respect, changed only through
 * validated, snapshotted and audited steps. {@link io.cerebro.policy.PolicyService} is the entry
 * point the command line, the MCP server and programs use: set, propose (from feedback or from an
 * experiment's winner), validate, apply, rollback, history. The reinforcement-learning router that
 * uses a policy as its baseline is in {@link io.cerebro.policy.router}.
 */
package io.cerebro.policy;
