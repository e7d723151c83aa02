package org.therapyops.billing;

import java.time.Instant;

/**
 * A claim as the Claims table holds it: the claim, the note it came from and when that note was signed, its status
 * and version, whether it was handed to the scrub queue, and what came back for it once submitted.
 *
 * @param noteSignedAt when the claim's note was signed (orders a patient's same-day claims for the KX year to date);
 *                     null for a claim without a note
 * @param milestones   what happened to it the first time (first scrub, submission, answer, adjudication)
 */
public record StoredClaim(Claim claim, String noteId, Instant noteSignedAt, ClaimStatus status, boolean queued,
                          Instant createdAt, long version, PayerResponse response, ClaimMilestones milestones) {

    public StoredClaim {
        response = response == null ? PayerResponse.NONE : response;
        milestones = milestones == null ? ClaimMilestones.NONE : milestones;
    }

    /** A claim with what came back for it and no milestones recorded (yet). */
    public StoredClaim(Claim claim, String noteId, Instant noteSignedAt, ClaimStatus status, boolean queued,
                       Instant createdAt, long version, PayerResponse response) {
        this(claim, noteId, noteSignedAt, status, queued, createdAt, version, response, ClaimMilestones.NONE);
    }

    /** A claim never submitted. */
    public StoredClaim(Claim claim, String noteId, Instant noteSignedAt, ClaimStatus status, boolean queued,
                       Instant createdAt, long version) {
        this(claim, noteId, noteSignedAt, status, queued, createdAt, version, PayerResponse.NONE);
    }

    /** A claim whose note's signing time is not recorded (claims put in place without charge capture). */
    public StoredClaim(Claim claim, String noteId, ClaimStatus status, boolean queued, Instant createdAt, long version) {
        this(claim, noteId, null, status, queued, createdAt, version);
    }
}
