package org.therapyops.billing.claims;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.PayerResponse;
import org.therapyops.billing.StoredClaim;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.ScrubQueue;

import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Changing a claim the payer knows: a replacement (frequency 7) with corrected content, or a void (8), each a new claim
 * that names the original and the payer's control number of it (REF*F8), scrubbed again and sent in the next batch;
 * or closing its denials without one (appealed, written off, billed to the patient).
 */
public final class ClaimSuccessors {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimSuccessors.class);
    private static final Pattern SUCCESSOR = Pattern.compile("^(.*)-[RV]([0-9]+)$");

    private final ClaimRepository claims;
    private final ScrubQueue scrubQueue;
    private final Clock clock;

    public ClaimSuccessors(ClaimRepository claims, ScrubQueue scrubQueue, Clock clock) {
        this.claims = claims;
        this.scrubQueue = scrubQueue;
        this.clock = clock;
    }

    /** Why a claim cannot be replaced, voided or have its denials closed as asked; the message names ids and states only. */
    public static final class SuccessorRefusedException extends RuntimeException {
        public SuccessorRefusedException(String message) {
            super(message);
        }
    }

    /** How a biller closed a claim's denials without a new claim. */
    public enum DenialAction { APPEALED, WRITTEN_OFF, BILLED_TO_PATIENT, NO_ACTION_NEEDED }

    /**
     * A replacement of {@code original} with {@code corrected}'s content (its diagnoses, lines, parties, place of service,
     * authorization number), SCRUB_PENDING and queued for the scrubber.
     */
    public StoredClaim replace(String practiceId, StoredClaim original, Claim corrected) {
        return create(practiceId, original, ClaimFrequency.REPLACEMENT, corrected);
    }

    /** A void of {@code original}: the same content, frequency 8, SCRUB_PENDING and queued. */
    public StoredClaim voidClaim(String practiceId, StoredClaim original) {
        return create(practiceId, original, ClaimFrequency.VOID, original.claim());
    }

    /** Closes the claim's open denials (it leaves the denials work queue) with what the biller did about them. */
    public StoredClaim closeDenials(String practiceId, StoredClaim claim, DenialAction action, String note, String by) {
        if (claim.response().denials().isEmpty()) {
            throw new SuccessorRefusedException("claim " + claim.claim().id() + " has no denials to work");
        }
        return claims.respond(practiceId, claim, claim.status(), claim.response()
                .withDenialWork(new PayerResponse.DenialWork(action.name(), note, by, clock.instant())));
    }

    private StoredClaim create(String practiceId, StoredClaim original, ClaimFrequency frequency, Claim content) {
        String id = original.claim().id();
        if (!original.status().replaceable()) {
            throw new SuccessorRefusedException("claim " + id + " is " + original.status() + ": only a claim the payer accepted or "
                    + "adjudicated is replaced or voided" + (original.status().correctableInPlace() ? "; correct it instead" : ""));
        }
        if (original.response().successorId() != null) {
            throw new SuccessorRefusedException("claim " + id + " was replaced or voided already by " + original.response().successorId()
                    + ": change that one");
        }
        String payerNumber = original.response().payerClaimControlNumber();
        if (payerNumber == null || payerNumber.isBlank()) {
            throw new SuccessorRefusedException("the payer's control number of claim " + id + " is not known (no 277CA or 835 "
                    + "named one), and a replacement or void must name it");
        }
        Claim successor = original.claim().withContent(content.billingProvider(), content.renderingProvider(), content.subscriber(),
                content.placeOfService(), content.priorAuthorizationNumber(), content.diagnoses(), content.lines())
                .successor(successorId(id, frequency), frequency, payerNumber);
        StoredClaim stored = claims.createSuccessor(practiceId, original, new StoredClaim(successor, original.noteId(),
                original.noteSignedAt(), ClaimStatus.SCRUB_PENDING, false, clock.instant(), 1));
        // Queued after the write and marked after the send, as charge capture does: at least once.
        scrubQueue.enqueue(practiceId, successor.id());
        claims.markQueued(practiceId, successor.id());
        LOG.info("claim {} of practice {}: {} {} created", id, practiceId, frequency, successor.id());
        return stored;
    }

    /** {@code <root>-R<n>} for a replacement, {@code <root>-V<n>} for a void, n one more than the original's. */
    static String successorId(String originalId, ClaimFrequency frequency) {
        Matcher m = SUCCESSOR.matcher(originalId);
        String root = m.matches() ? m.group(1) : originalId;
        int n = m.matches() ? Integer.parseInt(m.group(2)) + 1 : 1;
        return root + (frequency == ClaimFrequency.VOID ? "-V" : "-R") + n;
    }
}
