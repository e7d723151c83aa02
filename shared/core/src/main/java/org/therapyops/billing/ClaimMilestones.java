package org.therapyops.billing;

import java.time.Instant;
import java.util.List;

/**
 * What happened to a claim the first time, each written once and never changed afterwards (a correction, a second
 * submission or a later remittance leaves them as they were): the first-pass figures are counted on them.
 *
 * @param firstScrub          READY or NEEDS_REVIEW: the outcome of its first scrub; null before it
 * @param firstScrubbedAt     when that scrub ran
 * @param firstSubmittedAt    when it first went out in a batch
 * @param firstDecision       ACCEPTED or REJECTED: the first answer about it — a 999 or 277CA rejection, a 277CA
 *                            acceptance, or an 835 that adjudicated it before any acknowledgement (accepted)
 * @param firstDecisionAt     when that answer was applied
 * @param firstAdjudication   PAID, PARTIALLY_PAID or DENIED: the status its first 835 left it in
 * @param firstAdjudicatedAt  when that 835 was posted
 * @param initialDenials      the lines that first 835 denied (the initial denials), with their reasons
 */
public record ClaimMilestones(ClaimStatus firstScrub, Instant firstScrubbedAt, Instant firstSubmittedAt,
                              ClaimStatus firstDecision, Instant firstDecisionAt, ClaimStatus firstAdjudication,
                              Instant firstAdjudicatedAt, List<PayerResponse.Denial> initialDenials) {

    public static final ClaimMilestones NONE = new ClaimMilestones(null, null, null, null, null, null, null, List.of());

    public ClaimMilestones {
        initialDenials = initialDenials == null ? List.of() : List.copyOf(initialDenials);
    }

    /** After a scrub with this outcome: the first scrub is recorded once. */
    public ClaimMilestones scrubbed(ClaimStatus outcome, Instant at) {
        return firstScrub != null ? this : new ClaimMilestones(outcome, at, firstSubmittedAt, firstDecision, firstDecisionAt,
                firstAdjudication, firstAdjudicatedAt, initialDenials);
    }

    /** After a submission in a batch: the first one is recorded once. */
    public ClaimMilestones submitted(Instant at) {
        return firstSubmittedAt != null ? this : new ClaimMilestones(firstScrub, firstScrubbedAt, at, firstDecision,
                firstDecisionAt, firstAdjudication, firstAdjudicatedAt, initialDenials);
    }

    /**
     * After an answer moved the claim to {@code to} at {@code at}: an acknowledgement's ACCEPTED or REJECTED is the first
     * decision unless one was recorded; an adjudication (PAID, PARTIALLY_PAID, DENIED) is the first adjudication, with the
     * lines it denied, unless one was recorded, and accepts a claim no acknowledgement spoke of. A reversal records nothing.
     */
    public ClaimMilestones answered(ClaimStatus to, Instant at, List<PayerResponse.Denial> denials) {
        ClaimStatus decision = firstDecision;
        Instant decisionAt = firstDecisionAt;
        ClaimStatus adjudication = firstAdjudication;
        Instant adjudicatedAt = firstAdjudicatedAt;
        List<PayerResponse.Denial> initial = initialDenials;
        boolean adjudicates = to == ClaimStatus.PAID || to == ClaimStatus.PARTIALLY_PAID || to == ClaimStatus.DENIED;
        if (decision == null && (to == ClaimStatus.ACCEPTED || to == ClaimStatus.REJECTED || adjudicates)) {
            decision = to == ClaimStatus.REJECTED ? ClaimStatus.REJECTED : ClaimStatus.ACCEPTED;
            decisionAt = at;
        }
        if (adjudication == null && adjudicates) {
            adjudication = to;
            adjudicatedAt = at;
            initial = denials;
        }
        return new ClaimMilestones(firstScrub, firstScrubbedAt, firstSubmittedAt, decision, decisionAt, adjudication,
                adjudicatedAt, initial);
    }

    /** Whether its first answer accepted it and its first adjudication paid it: resolved on first submission. */
    public boolean resolvedOnFirstPass() {
        return firstDecision == ClaimStatus.ACCEPTED && firstAdjudication == ClaimStatus.PAID;
    }
}
