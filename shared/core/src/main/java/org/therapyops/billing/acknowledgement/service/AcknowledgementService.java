package org.therapyops.billing.acknowledgement.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapyops.billing.ClaimBatch;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.PayerResponse;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.acknowledgement.ClaimAcknowledgementReport;
import org.therapyops.billing.acknowledgement.FunctionalAcknowledgement;
import org.therapyops.ports.BatchRepository;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.StaleVersionException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies acknowledgements to the practice's batches and claims, once however often they come:
 * <ul>
 * <li>a 999 names a batch by its group control number; a rejected group (or its rejected transaction set) puts every
 *     SUBMITTED claim of the batch in REJECTED with the 999's errors, for a biller to correct and send again; an
 *     accepted one is recorded on the batch;</li>
 * <li>a 277CA names claims by patient control number: accepted (A1/A2) moves SUBMITTED to ACCEPTED, a rejection
 *     (A3/A4/A6/A7/A8, E…) moves SUBMITTED or ACCEPTED to REJECTED with the category, status and entity codes and the
 *     free text. A claim the payer has adjudicated already is not moved back.</li>
 * </ul>
 * Nothing is ever resubmitted here: a rejected claim waits for a biller.
 */
public final class AcknowledgementService {

    private static final Logger LOG = LoggerFactory.getLogger(AcknowledgementService.class);
    private static final int ATTEMPTS = 5;

    private final BatchRepository batches;
    private final ClaimRepository claims;
    private final Clock clock;

    public AcknowledgementService(BatchRepository batches, ClaimRepository claims, Clock clock) {
        this.batches = batches;
        this.claims = claims;
        this.clock = clock;
    }

    /**
     * What applying an acknowledgement did.
     *
     * @param changes   what a biller reads (ids and counts)
     * @param unmatched what it named that the practice does not have (a batch's group control number, claims' patient
     *                  control numbers)
     */
    public record Outcome(List<String> changes, List<String> unmatched) {
        public Outcome {
            changes = List.copyOf(changes);
            unmatched = List.copyOf(unmatched);
        }
    }

    public Outcome apply999(String practiceId, String deliveryId, FunctionalAcknowledgement ack) {
        List<String> changes = new ArrayList<>();
        long gs06;
        try {
            gs06 = Long.parseLong(ack.groupControlNumber().strip());
        } catch (RuntimeException e) {
            return new Outcome(List.of(), List.of("999 for group control number " + ack.groupControlNumber()));
        }
        String batchId = ClaimBatch.idOf(gs06);
        Optional<ClaimBatch> found = batches.get(practiceId, batchId);
        if (found.isEmpty()) {
            return new Outcome(List.of(), List.of("999 for group control number " + gs06 + ": no such batch"));
        }
        ClaimBatch batch = found.get();
        boolean rejected = ack.groupStatus().rejected()
                || ack.transactionSets().stream().anyMatch(t -> t.status().rejected());
        List<String> errors = errors(ack);
        batches.acknowledge(practiceId, batchId, new ClaimBatch.Acknowledgement(ack.groupStatus().code(), errors, deliveryId,
                clock.instant()));
        if (!rejected) {
            changes.add("batch " + batchId + ": 999 " + ack.groupStatus().code() + " (" + ack.groupStatus().name().toLowerCase()
                    + ")" + (errors.isEmpty() ? "" : ", " + errors.size() + " error(s) noted"));
            return new Outcome(changes, List.of());
        }
        List<String> statuses = new ArrayList<>();
        statuses.add("AK9:" + ack.groupStatus().code());
        ack.transactionSets().forEach(t -> statuses.add("IK5:" + t.status().code()));
        String message = "The clearinghouse rejected the whole batch (999 " + ack.groupStatus().code() + ")"
                + (errors.isEmpty() ? "." : ": " + String.join("; ", errors) + ".")
                + " Correct the claim and send it in a new batch.";
        PayerResponse.Acknowledgement acknowledgement = new PayerResponse.Acknowledgement("999", false, statuses, message, null,
                deliveryId, clock.instant());
        int moved = 0;
        for (String claimId : batch.claimIds()) {
            if (move(practiceId, claimId, ClaimStatus.REJECTED, acknowledgement, true) || answeredBy(practiceId, claimId, acknowledgement)) {
                moved++;
            }
        }
        changes.add("batch " + batchId + ": 999 rejected it; " + moved + " of " + batch.claimIds().size()
                + " claim(s) REJECTED, back with the billers");
        return new Outcome(changes, List.of());
    }

    public Outcome apply277(String practiceId, String deliveryId, ClaimAcknowledgementReport report) {
        int accepted = 0;
        int rejected = 0;
        int unchanged = 0;
        List<String> unmatched = new ArrayList<>();
        for (ClaimAcknowledgementReport.ClaimStatusReport status : report.claims()) {
            Optional<String> claimId = claims.claimIdByControlNumber(practiceId, status.patientControlNumber());
            if (claimId.isEmpty()) {
                unmatched.add("277CA for patient control number " + status.patientControlNumber() + ": no such claim");
                continue;
            }
            boolean rejection = status.rejected();
            List<String> codes = status.statuses().stream().map(s -> s.categoryCode() + ":" + s.statusCode()
                    + (s.entityCode() == null ? "" : ":" + s.entityCode())).toList();
            String text = status.statuses().stream().map(ClaimAcknowledgementReport.StatusInformation::freeText)
                    .filter(t -> t != null && !t.isBlank()).findFirst().orElse(null);
            PayerResponse.Acknowledgement ack = new PayerResponse.Acknowledgement("277CA", !rejection, codes,
                    text != null ? text : rejection ? "Rejected by the payer or clearinghouse (" + String.join(", ", codes) + ")."
                            : null, status.payerClaimControlNumber(), deliveryId, clock.instant());
            if (move(practiceId, claimId.get(), rejection ? ClaimStatus.REJECTED : ClaimStatus.ACCEPTED, ack, false)
                    || answeredBy(practiceId, claimId.get(), ack)) {
                if (rejection) {
                    rejected++;
                } else {
                    accepted++;
                }
            } else {
                unchanged++;
            }
        }
        List<String> changes = new ArrayList<>();
        changes.add("277CA: " + accepted + " claim(s) ACCEPTED, " + rejected + " REJECTED"
                + (unchanged == 0 ? "" : ", " + unchanged + " unchanged (already further along)"));
        return new Outcome(changes, unmatched);
    }

    /**
     * Whether the claim carries this very answer (this delivery's, from an earlier attempt or a duplicate message): it
     * was moved by this delivery, and a retry says so rather than "unchanged".
     */
    private boolean answeredBy(String practiceId, String claimId, PayerResponse.Acknowledgement ack) {
        PayerResponse.Acknowledgement last = claims.get(practiceId, claimId).map(c -> c.response().acknowledgement()).orElse(null);
        return last != null && ack.deliveryId().equals(last.deliveryId()) && ack.source().equals(last.source());
    }

    /** Moves one claim, conditional on its version; false when it is past the point this answer speaks of, or has it already. */
    private boolean move(String practiceId, String claimId, ClaimStatus to, PayerResponse.Acknowledgement ack, boolean batchLevel) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            StoredClaim claim = claims.get(practiceId, claimId).orElse(null);
            if (claim == null) {
                return false;
            }
            if (!movable(claim, to, ack, batchLevel)) {
                if (batchLevel || !lateAcceptance(claim, ack)) {
                    return false;
                }
                try {
                    claims.respond(practiceId, claim, claim.status(), claim.response().withLateAcknowledgement(ack));
                    LOG.info("claim {} of practice {}: {} acceptance kept after its adjudication ({})", claimId, practiceId,
                            ack.source(), claim.status());
                    return true;
                } catch (StaleVersionException e) {
                    LOG.info("claim {} changed while acknowledging it; reading it again (attempt {})", claimId, attempt);
                    continue;
                }
            }
            try {
                claims.respond(practiceId, claim, to, claim.response().withAcknowledgement(ack));
                LOG.info("claim {} of practice {}: {} {} -> {}", claimId, practiceId, ack.source(), claim.status(), to);
                return true;
            } catch (StaleVersionException e) {
                LOG.info("claim {} changed while acknowledging it; reading it again (attempt {})", claimId, attempt);
            }
        }
        throw new StaleVersionException("The claim");
    }

    /**
     * An acceptance of a claim its 835 adjudicated first (reordered deliveries), whose current submission has no
     * acknowledgement yet: kept, the status left as the 835 made it.
     */
    private static boolean lateAcceptance(StoredClaim claim, PayerResponse.Acknowledgement ack) {
        PayerResponse.Acknowledgement last = claim.response().acknowledgement();
        Instant submitted = claim.response().submittedAt();
        return ack.accepted() && claim.status().adjudicated()
                && (last == null || submitted != null && last.at().isBefore(submitted));
    }

    private static boolean movable(StoredClaim claim, ClaimStatus to, PayerResponse.Acknowledgement ack, boolean batchLevel) {
        PayerResponse.Acknowledgement last = claim.response().acknowledgement();
        if (last != null && ack.deliveryId().equals(last.deliveryId()) && ack.source().equals(last.source())) {
            return false; // this delivery's answer was applied already
        }
        ClaimStatus from = claim.status();
        if (batchLevel) {
            return from == ClaimStatus.SUBMITTED;
        }
        return to == ClaimStatus.ACCEPTED ? from == ClaimStatus.SUBMITTED || from == ClaimStatus.ACCEPTED
                : from == ClaimStatus.SUBMITTED || from == ClaimStatus.ACCEPTED || from == ClaimStatus.REJECTED;
    }

    /** The 999's syntax errors in our words, without the bad data values it may quote. */
    static List<String> errors(FunctionalAcknowledgement ack) {
        List<String> errors = new ArrayList<>();
        ack.groupErrorCodes().forEach(c -> errors.add("group error " + c));
        for (FunctionalAcknowledgement.TransactionSetResponse set : ack.transactionSets()) {
            set.errorCodes().forEach(c -> errors.add("transaction set " + set.controlNumber() + " error " + c));
            for (FunctionalAcknowledgement.SegmentError segment : set.segmentErrors()) {
                StringBuilder b = new StringBuilder("segment " + segment.segmentId() + " at position " + segment.position());
                if (segment.loopId() != null) {
                    b.append(" (loop ").append(segment.loopId()).append(')');
                }
                if (segment.code() != null) {
                    b.append(": error ").append(segment.code());
                }
                for (FunctionalAcknowledgement.ElementError element : segment.elements()) {
                    b.append("; element ").append(element.position()).append(" error ").append(element.code());
                }
                errors.add(b.toString());
            }
        }
        return errors;
    }
}
