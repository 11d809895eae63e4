package io.cerebro.store;

import java.util.List;

/**
 * Everything one apply or rollback writes, stored in one transaction by
 * {@link ExperimentStore#changePolicies}: a snapshot of every policy as it was just before, the
 * policy writes, the audit entries, and the proposals the change carries out.
 *
 * @param snapshotId       id of the snapshot taken first
 * @param snapshotReason   what the snapshot is taken before
 * @param writes           the policy changes, each checked against the value it expects
 * @param audit            entries appended to the audit trail
 * @param appliedProposals ids of proposed adjustments this change applies (their status becomes applied)
 */
public record PolicyChange(String snapshotId, String snapshotReason, List<PolicyWrite> writes, List<PolicyAdjustment> audit,
                           List<String> appliedProposals) {
    public PolicyChange {
        writes = List.copyOf(writes);
        audit = List.copyOf(audit);
        appliedProposals = List.copyOf(appliedProposals);
    }
}
