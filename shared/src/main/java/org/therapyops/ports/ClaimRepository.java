package org.therapyops.ports;

import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.StoredCharge;
import org.therapyops.billing.StoredClaim;

import java.util.Optional;

/**
 * Charges and claims of a practice. Creation is idempotent (deterministic ids, conditional puts), status
 * changes are conditional on the version read, so a redelivered event or a racing scrubber writes nothing twice.
 */
public interface ClaimRepository {

    Optional<StoredClaim> get(String practiceId, String claimId);

    /** Claims, optionally of one status, in id order; a cursor only this listing of this practice issued. */
    PracticeRepository.Page<StoredClaim> list(String practiceId, ClaimStatus status, int limit, String cursor);

    /** Stores the claim unless one with its id exists; true when this call created it. */
    boolean createIfAbsent(String practiceId, StoredClaim claim);

    /** Stores the charge unless one with its id exists; true when this call created it. */
    boolean createChargeIfAbsent(String practiceId, StoredCharge charge);

    Optional<StoredCharge> charge(String practiceId, String chargeId);

    /**
     * Moves a claim to a status over the version read, bumping the version.
     *
     * @return the claim after the change
     * @throws StaleVersionException when the claim changed since (or does not exist)
     */
    StoredClaim updateStatus(String practiceId, String claimId, long expectedVersion, ClaimStatus to);

    /** Records that the claim was handed to the scrub queue, so that a redelivery sends nothing (idempotent). */
    void markQueued(String practiceId, String claimId);
}
