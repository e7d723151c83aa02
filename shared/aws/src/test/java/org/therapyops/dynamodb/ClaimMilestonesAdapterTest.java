package org.therapyops.dynamodb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.billing.ClaimBatch;
import org.therapyops.billing.ClaimMilestones;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.PayerResponse;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.remittance.LedgerEntry;
import org.therapyops.billing.remittance.Posting;
import org.therapyops.billing.remittance.Remittances;
import org.therapyops.billing.scrub.ScrubResult;
import org.therapyops.billing.scrub.ScrubStatus;
import org.therapyops.testing.Moto;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Each first is written once by the write that reaches it and kept through corrections, resubmissions and later remittances. */
class ClaimMilestonesAdapterTest {

    private static DynamoDbClient dynamo;
    private static DynamoClaimRepository claims;
    private static DynamoClaimBatches batches;
    private final String practiceId = "practice-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        Moto moto = Moto.shared();
        Moto.BillingTables tables = moto.createBillingTables();
        dynamo = moto.dynamo();
        claims = new DynamoClaimRepository(dynamo, tables.claims());
        batches = new DynamoClaimBatches(dynamo, tables.claims());
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    private StoredClaim read(String id) {
        return claims.get(practiceId, id).orElseThrow();
    }

    private void submit(String id, String batch, Instant at) {
        batches.submit(practiceId, new ClaimBatch(batch, 1, 1, 1, List.of(id), at, "ISA*", null), List.of(read(id)));
    }

    @Test
    void theFirstScrubSubmissionDecisionAndAdjudicationSurviveCorrectionsAndResubmission() {
        String id = "c-" + UUID.randomUUID();
        StoredClaim pending = Remittances.submitted(id, "97110", "60.00");
        claims.createIfAbsent(practiceId, new StoredClaim(pending.claim(), pending.noteId(), pending.noteSignedAt(),
                ClaimStatus.SCRUB_PENDING, true, pending.createdAt(), 1));
        Instant firstScrub = Instant.parse("2026-11-16T16:00:00Z");
        claims.recordScrub(practiceId, id, 1, new ScrubResult(id, ScrubStatus.NEEDS_REVIEW, "commercial", "2025.1", null, List.of()), firstScrub);
        StoredClaim review = read(id);
        assertThat(review.milestones().firstScrub()).isEqualTo(ClaimStatus.NEEDS_REVIEW);

        StoredClaim corrected = claims.correct(practiceId, review, review.claim());
        assertThat(read(id).milestones()).isEqualTo(corrected.milestones()).isEqualTo(review.milestones());
        claims.recordScrub(practiceId, id, corrected.version(), new ScrubResult(id, ScrubStatus.READY, "commercial", "2025.1", null, List.of()),
                Instant.parse("2026-11-16T17:00:00Z"));
        assertThat(read(id).status()).isEqualTo(ClaimStatus.READY);
        assertThat(read(id).milestones().firstScrub()).isEqualTo(ClaimStatus.NEEDS_REVIEW);
        assertThat(read(id).milestones().firstScrubbedAt()).isEqualTo(firstScrub);

        Instant sent = Instant.parse("2026-11-17T09:00:00Z");
        submit(id, "B000000001", sent);
        StoredClaim submitted = read(id);
        PayerResponse.Acknowledgement rejection = new PayerResponse.Acknowledgement("277CA", false, List.of("A7:21"), "rejected",
                null, "d1", Instant.parse("2026-11-18T09:00:00Z"));
        StoredClaim rejected = claims.respond(practiceId, submitted, ClaimStatus.REJECTED, submitted.response().withAcknowledgement(rejection));
        assertThat(read(id).milestones().firstDecision()).isEqualTo(ClaimStatus.REJECTED);
        StoredClaim again = claims.correct(practiceId, rejected, rejected.claim());
        claims.recordScrub(practiceId, id, again.version(), new ScrubResult(id, ScrubStatus.READY, "commercial", "2025.1", null, List.of()),
                Instant.parse("2026-11-19T09:00:00Z"));
        submit(id, "B000000002", Instant.parse("2026-11-19T10:00:00Z"));
        StoredClaim resent = read(id);
        assertThat(resent.milestones().firstSubmittedAt()).isEqualTo(sent);
        PayerResponse.Acknowledgement acceptance = new PayerResponse.Acknowledgement("277CA", true, List.of("A1:20"), null, "PCCN", "d2",
                Instant.parse("2026-11-20T09:00:00Z"));
        StoredClaim accepted = claims.respond(practiceId, resent, ClaimStatus.ACCEPTED, resent.response().withAcknowledgement(acceptance));
        assertThat(read(id).milestones().firstDecision()).isEqualTo(ClaimStatus.REJECTED);

        Instant posted = Instant.parse("2026-12-01T09:00:00Z");
        List<PayerResponse.Denial> denials = List.of(new PayerResponse.Denial(1, "97110", new BigDecimal("60.00"), List.of("CO-197"), List.of()));
        Posting denial = new Posting("era-1-0", "era-1", 0, id, "d3", "T1", null, "4", "PCCN", new BigDecimal("60.00"), BigDecimal.ZERO,
                BigDecimal.ZERO, List.of(LedgerEntry.adjustment(1, "CO", "197", new BigDecimal("60.00"))), List.of(), posted);
        PayerResponse remitted = accepted.response().withRemittance(new PayerResponse.RemittanceTotals(BigDecimal.ZERO, BigDecimal.ZERO,
                new BigDecimal("60.00"), List.of(), "era-1", posted, 1), "PCCN", denials);
        StoredClaim denied = claims.post(practiceId, accepted, denial, ClaimStatus.DENIED, remitted).orElseThrow();
        ClaimMilestones m = read(id).milestones();
        assertThat(m).isEqualTo(denied.milestones());
        assertThat(m.firstAdjudication()).isEqualTo(ClaimStatus.DENIED);
        assertThat(m.firstAdjudicatedAt()).isEqualTo(posted);
        assertThat(m.initialDenials()).isEqualTo(denials);
        assertThat(m.resolvedOnFirstPass()).isFalse();

        // closing the denials leaves the initial ones as they were
        StoredClaim closed = claims.respond(practiceId, read(id), ClaimStatus.DENIED, read(id).response()
                .withDenialWork(new PayerResponse.DenialWork("WRITE_OFF", null, "biller", posted)));
        assertThat(read(id).milestones()).isEqualTo(m);
        assertThat(closed.response().denials()).isEmpty();
    }
}
