package org.therapyops.ports;

import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.PayerResponse;
import org.therapyops.billing.StoredCharge;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.charges.CaptureRecord;
import org.therapyops.billing.remittance.Posting;
import org.therapyops.billing.scrub.ScrubRecord;
import org.therapyops.billing.scrub.ScrubResult;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Charges and claims of a practice. Creation is idempotent (deterministic ids, conditional puts), status
 * changes are conditional on the version read, so a redelivered event or a racing scrubber writes nothing twice.
 */
public interface ClaimRepository {

    Optional<StoredClaim> get(String practiceId, String claimId);

    /** Claims, optionally of one status, in id order; a cursor only this listing of this practice issued. */
    PracticeRepository.Page<StoredClaim> list(String practiceId, ClaimStatus status, int limit, String cursor);

    /**
     * One patient's claims, optionally of one status, newest date of service first; a cursor only this listing of
     * this practice and patient issued.
     */
    PracticeRepository.Page<StoredClaim> listOfPatient(String practiceId, String patientId, ClaimStatus status, int limit,
                                                       String cursor);

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

    /**
     * The patient's claims of every status, in date-of-service order, read from an index of the patient's claims (never
     * the practice's whole partition). They carry what the duplicate check and the KX year to date need — ids, note and
     * its signing time, status, version, creation time, payer, dates, place of service, frequency and original claim,
     * rendering provider, lines — and not the subscriber, billing or referring provider, payer names, diagnoses,
     * authorization number or the queued flag: read a claim whole with {@link #get}.
     */
    List<StoredClaim> patientClaims(String practiceId, String patientId);

    /** {@link #patientClaims(String, String)} with a date of service from {@code from} to {@code to}, both included. */
    List<StoredClaim> patientClaims(String practiceId, String patientId, LocalDate from, LocalDate to);

    /**
     * SCRUB_PENDING → READY or NEEDS_REVIEW with the scrubber's findings, over the version read, bumping the version.
     *
     * @throws StaleVersionException when the claim changed since, is gone, or is no longer SCRUB_PENDING
     */
    StoredClaim recordScrub(String practiceId, String claimId, long expectedVersion, ScrubResult result, Instant at);

    /** The scrubber's last result on the claim; empty when it was never scrubbed or was corrected since. */
    Optional<ScrubRecord> scrubRecord(String practiceId, String claimId);

    /**
     * A biller's correction: replaces the claim's content with {@code corrected}, back to SCRUB_PENDING (not queued,
     * findings cleared), over the version of {@code read}; only from READY or NEEDS_REVIEW.
     *
     * @throws ClaimNotCorrectableException when the stored claim is in another status
     * @throws StaleVersionException when the claim changed since {@code read} or is gone
     */
    StoredClaim correct(String practiceId, StoredClaim read, Claim corrected);

    /** Keeps what charge capture made of a note, unless a record exists already (a redelivery makes the same one). */
    void recordCapture(String practiceId, CaptureRecord record);

    /** What charge capture made of the note; empty until it ran. */
    Optional<CaptureRecord> captureRecord(String practiceId, String noteId);

    /**
     * The id of the practice's submitted claim with this patient control number (CLM01), read from an index of submitted
     * claims (eventually consistent); empty when none.
     */
    Optional<String> claimIdByControlNumber(String practiceId, String patientControlNumber);

    /**
     * Records what came back for a claim: its new status and what it knows of the payer's answer, over the version read
     * (an acknowledgement, or a biller closing its denials).
     *
     * @throws StaleVersionException when the claim changed since {@code read}
     */
    StoredClaim respond(String practiceId, StoredClaim read, ClaimStatus to, PayerResponse response);

    /**
     * Posts one claim payment of an ERA: the posting is kept in the claim's ledger (once: its id is the ERA's and the
     * CLP's position) with the claim's new status and totals, in one transaction over the version read.
     *
     * @return the claim after, or empty when that posting exists already (nothing is written)
     * @throws StaleVersionException when the claim changed since {@code read}
     */
    Optional<StoredClaim> post(String practiceId, StoredClaim read, Posting posting, ClaimStatus to, PayerResponse response);

    /** The claim's ledger: every posting, oldest first. */
    List<Posting> ledger(String practiceId, String claimId);

    /**
     * Stores a replacement or void claim of {@code original} (new, SCRUB_PENDING) and names it on the original, over the
     * version read, both or neither.
     *
     * @throws StaleVersionException when the original changed since it was read
     */
    StoredClaim createSuccessor(String practiceId, StoredClaim original, StoredClaim successor);

    /** Claims with denied lines still to work, read from the sparse work-queue index; a cursor of this listing only. */
    PracticeRepository.Page<StoredClaim> withOpenDenials(String practiceId, int limit, String cursor);

    /** The claim is in a status a correction cannot start from (SUBMITTED: only a replacement or void claim). */
    class ClaimNotCorrectableException extends RuntimeException {
        private final ClaimStatus status;

        public ClaimNotCorrectableException(String claimId, ClaimStatus status) {
            super("claim " + claimId + " is " + status);
            this.status = status;
        }

        public ClaimStatus status() {
            return status;
        }
    }
}
