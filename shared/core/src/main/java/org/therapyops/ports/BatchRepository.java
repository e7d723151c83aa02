package org.therapyops.ports;

import org.therapyops.billing.ClaimBatch;
import org.therapyops.billing.StoredClaim;

import java.util.List;
import java.util.Optional;

/** A practice's 837P batches. */
public interface BatchRepository {

    /** DynamoDB's transaction limit is 100 items: the batch item and up to 99 claims. */
    int MAX_CLAIMS = 99;

    /**
     * Stores the batch and moves its claims READY → SUBMITTED (each conditional on the version read), all or none; each
     * claim is then found by its patient control number.
     *
     * @throws ClaimsChangedException when a claim changed since it was read: nothing was written
     */
    void submit(String practiceId, ClaimBatch batch, List<StoredClaim> claims);

    Optional<ClaimBatch> get(String practiceId, String batchId);

    /** Records a 999's verdict on the batch (the latest wins). */
    void acknowledge(String practiceId, String batchId, ClaimBatch.Acknowledgement acknowledgement);

    /** Some claim changed since it was read (or is no longer READY): nothing was written. */
    final class ClaimsChangedException extends RuntimeException {
        public ClaimsChangedException() {
            super("a claim of the batch changed since it was read");
        }
    }
}
