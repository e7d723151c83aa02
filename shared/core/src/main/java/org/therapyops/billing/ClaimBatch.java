package org.therapyops.billing;

import java.time.Instant;
import java.util.List;

/**
 * An 837P batch: the interchange written, its control numbers (a 999 names the group's GS06, so the batch's id is
 * derived from it) and its claims, and the 999's verdict once it came.
 */
public record ClaimBatch(String id, long interchangeControlNumber, long groupControlNumber, long transactionSetControlNumber,
                         List<String> claimIds, Instant createdAt, String x12, Acknowledgement acknowledgement) {

    public ClaimBatch {
        claimIds = List.copyOf(claimIds);
    }

    /** The id of the practice's batch with this group control number (GS06). */
    public static String idOf(long groupControlNumber) {
        return String.format("B%09d", groupControlNumber);
    }

    /**
     * A 999's verdict on the batch.
     *
     * @param status AK901 (A, E, P or R)
     * @param errors our words for the syntax errors it reported (never data)
     */
    public record Acknowledgement(String status, List<String> errors, String deliveryId, Instant at) {
        public Acknowledgement {
            errors = List.copyOf(errors);
        }
    }
}
