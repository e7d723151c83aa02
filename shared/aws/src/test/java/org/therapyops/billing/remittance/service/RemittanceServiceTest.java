package org.therapyops.billing.remittance.service;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.billing.ClaimBatch;
import org.therapyops.billing.ClaimControlNumbers;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.acknowledgement.ClaimAcknowledgementReport;
import org.therapyops.billing.acknowledgement.FunctionalAcknowledgement;
import org.therapyops.billing.acknowledgement.service.AcknowledgementService;
import org.therapyops.billing.remittance.EraRecord;
import org.therapyops.billing.remittance.Posting;
import org.therapyops.billing.remittance.Remittance;
import org.therapyops.billing.remittance.RemittancePosting;
import org.therapyops.billing.remittance.Remittances;
import org.therapyops.billing.remittance.Unapplied;
import org.therapyops.dynamodb.DynamoClaimBatches;
import org.therapyops.dynamodb.DynamoClaimRepository;
import org.therapyops.dynamodb.DynamoInboundRepositories;
import org.therapyops.testing.Moto;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapyops.billing.remittance.Remittances.cas;
import static org.therapyops.billing.remittance.Remittances.clp;
import static org.therapyops.billing.remittance.Remittances.era;
import static org.therapyops.billing.remittance.Remittances.svc;

/**
 * Acknowledgements and remittances applied to claims on moto's DynamoDB through the real adapters: a batch's claims are
 * submitted, then 999, 277CA and 835 move them; the same ERA twice (even at once) posts once; an ERA that does not
 * balance posts nothing; a claim payment for an unknown claim is held while the others post.
 */
class RemittanceServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    private static DynamoClaimRepository claims;
    private static DynamoClaimBatches batches;
    private static DynamoInboundRepositories inbound;

    @BeforeAll
    static void tables() {
        Moto moto = Moto.shared();
        String claimsTable = moto.createBillingTables().claims();
        claims = new DynamoClaimRepository(moto.dynamo(), claimsTable);
        batches = new DynamoClaimBatches(moto.dynamo(), claimsTable);
        inbound = new DynamoInboundRepositories(moto.dynamo(), moto.createInboundTable());
    }

    /** READY claims put in place and submitted in batch B000000007. */
    private static String submit(String practice, StoredClaim... ready) {
        for (StoredClaim c : ready) {
            claims.createIfAbsent(practice, new StoredClaim(c.claim(), c.noteId(), c.noteSignedAt(), ClaimStatus.READY, true,
                    c.createdAt(), 2));
        }
        List<StoredClaim> read = java.util.Arrays.stream(ready).map(c -> claims.get(practice, c.claim().id()).orElseThrow()).toList();
        String batchId = ClaimBatch.idOf(7);
        batches.submit(practice, new ClaimBatch(batchId, 7, 7, 7, read.stream().map(c -> c.claim().id()).toList(), CLOCK.instant(),
                "ISA~", null), read);
        return batchId;
    }

    private static StoredClaim claim(String practice, String id) {
        return claims.get(practice, id).orElseThrow();
    }

    @Test
    void aRejected999PutsTheBatchsClaimsBackWithTheBillersAndAnAcceptedOneLeavesThemSubmitted() {
        String practice = "practice-" + UUID.randomUUID();
        submit(practice, Remittances.submitted("a1", "97110", "90.00"), Remittances.submitted("a2", "97110", "90.00"));
        AcknowledgementService acks = new AcknowledgementService(batches, claims, CLOCK);

        AcknowledgementService.Outcome unknown = acks.apply999(practice, "dlv-0", ack999("8", FunctionalAcknowledgement.AckCode.REJECTED));
        assertThat(unknown.unmatched()).singleElement().asString().contains("no such batch");

        acks.apply999(practice, "dlv-1", ack999("7", FunctionalAcknowledgement.AckCode.ACCEPTED));
        assertThat(claim(practice, "a1").status()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(batches.get(practice, ClaimBatch.idOf(7)).orElseThrow().acknowledgement().status()).isEqualTo("A");

        AcknowledgementService.Outcome rejected = acks.apply999(practice, "dlv-2", ack999("7", FunctionalAcknowledgement.AckCode.REJECTED));
        assertThat(rejected.changes()).singleElement().asString().contains("2 of 2 claim(s) REJECTED");
        StoredClaim a1 = claim(practice, "a1");
        assertThat(a1.status()).isEqualTo(ClaimStatus.REJECTED);
        assertThat(a1.response().acknowledgement().source()).isEqualTo("999");
        assertThat(a1.response().acknowledgement().message()).contains("segment CLM at position 12").contains("error 8");
        assertThat(claims.list(practice, ClaimStatus.REJECTED, 10, null).items()).hasSize(2);

        long version = a1.version();
        acks.apply999(practice, "dlv-2", ack999("7", FunctionalAcknowledgement.AckCode.REJECTED)); // redelivered
        assertThat(claim(practice, "a1").version()).isEqualTo(version);
    }

    @Test
    void a277caAcceptsOrRejectsEachClaimAndNeverUndoesAnAdjudication() {
        String practice = "practice-" + UUID.randomUUID();
        submit(practice, Remittances.submitted("b1", "97110", "90.00"), Remittances.submitted("b2", "97110", "90.00"),
                Remittances.submitted("b3", "97110", "90.00"));
        AcknowledgementService acks = new AcknowledgementService(batches, claims, CLOCK);
        RemittanceService remittances = new RemittanceService(claims, inbound.remittances(), CLOCK);
        remittances.post(practice, "dlv-835", era("T-B3", clp("b3", "1", "90.00", "90.00", List.of(), svc("b3", 1, "97110", "90.00", "90.00"))));

        AcknowledgementService.Outcome outcome = acks.apply277(practice, "dlv-277", new ClaimAcknowledgementReport("R1", null, List.of(
                status("b1", "A1", "20", null), status("b2", "A7", "562", "Entity's National Provider Identifier (NPI)"),
                status("b3", "A7", "21", null), status("zz", "A1", "20", null))));
        assertThat(claim(practice, "b1").status()).isEqualTo(ClaimStatus.ACCEPTED);
        assertThat(claim(practice, "b1").response().payerClaimControlNumber()).isEqualTo("ICN-b1");
        StoredClaim b2 = claim(practice, "b2");
        assertThat(b2.status()).isEqualTo(ClaimStatus.REJECTED);
        assertThat(b2.response().acknowledgement().statuses()).containsExactly("A7:562:85");
        assertThat(b2.response().acknowledgement().message()).contains("NPI");
        assertThat(claim(practice, "b3").status()).isEqualTo(ClaimStatus.PAID);
        assertThat(outcome.changes()).singleElement().asString().contains("1 claim(s) ACCEPTED, 1 REJECTED, 1 unchanged");
        assertThat(outcome.unmatched()).singleElement().asString().contains("ZZ");
    }

    @Test
    void theSameEraTwiceEvenAtOncePostsOnceAndHoldsWhatMatchesNothing() throws Exception {
        String practice = "practice-" + UUID.randomUUID();
        submit(practice, Remittances.submitted("c1", "97110", "90.00", "97140", "44.00"), Remittances.submitted("c2", "97110", "100.00"));
        Remittance era = era("T-C", clp("c1", "1", "134.00", "134.00", List.of(), svc("c1", 1, "97110", "90.00", "90.00"),
                        svc("c1", 2, "97140", "44.00", "44.00")),
                clp("c2", "1", "100.00", "64.00", List.of(), svc("c2", 1, "97110", "100.00", "64.00", cas("CO", "45", "20.00"),
                        cas("PR", "2", "16.00"))),
                clp("unknown", "1", "50.00", "50.00", List.of(), svc("unknown", 1, "97110", "50.00", "50.00")));
        RemittanceService service = new RemittanceService(claims, inbound.remittances(), CLOCK);

        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<RemittanceService.Outcome>> runs = pool.invokeAll(List.<Callable<RemittanceService.Outcome>>of(
                () -> service.post(practice, "dlv-a", era), () -> service.post(practice, "dlv-b", era),
                () -> service.post(practice, "dlv-a", era)));
        pool.shutdown();
        int postedNow = 0;
        for (Future<RemittanceService.Outcome> run : runs) {
            postedNow += run.get().postedNow();
        }
        assertThat(postedNow).isEqualTo(2);
        assertThat(claims.ledger(practice, "c1")).hasSize(1);
        assertThat(claims.ledger(practice, "c2")).singleElement().satisfies(p -> {
            assertThat(p.paid()).isEqualByComparingTo("64");
            assertThat(p.patientResponsibility()).isEqualByComparingTo("16");
        });
        assertThat(claim(practice, "c1").status()).isEqualTo(ClaimStatus.PAID);
        assertThat(claim(practice, "c2").response().remittance().paid()).isEqualByComparingTo("64");

        EraRecord record = inbound.remittances().get(practice, RemittancePosting.eraId(era.payment())).orElseThrow();
        assertThat(record.status()).isEqualTo(EraRecord.Status.POSTED_WITH_UNAPPLIED);
        assertThat(record.postedCount()).isEqualTo(2);
        assertThat(record.postedPaid()).isEqualByComparingTo("198");
        assertThat(record.unapplied()).singleElement().satisfies(u -> {
            assertThat(u.reason()).isEqualTo(Unapplied.Reason.NO_MATCHING_CLAIM);
            assertThat(u.patientControlNumber()).isEqualTo(ClaimControlNumbers.patientControlNumber("unknown"));
        });
        assertThat(record.deliveryIds()).containsExactlyInAnyOrder("dlv-a", "dlv-b");
    }

    @Test
    void aDeliveryAppliedAgainSaysWhatItPostedAndOnlyAnotherDeliveryFindsItAlreadyPosted() {
        // A retry after a crash part-way, or a duplicate of its queue message, applies the same delivery again.
        String practice = "practice-" + UUID.randomUUID();
        submit(practice, Remittances.submitted("e1", "97110", "90.00"), Remittances.submitted("e2", "97110", "90.00"));
        Remittance era = era("T-E", clp("e1", "1", "90.00", "90.00", List.of(), svc("e1", 1, "97110", "90.00", "90.00")),
                clp("e2", "1", "90.00", "90.00", List.of(), svc("e2", 1, "97110", "90.00", "90.00")));
        RemittanceService service = new RemittanceService(claims, inbound.remittances(), CLOCK);
        RemittanceService.Outcome first = service.post(practice, "dlv-e", era);
        RemittanceService.Outcome again = service.post(practice, "dlv-e", era);
        assertThat(first.changes()).singleElement().asString().endsWith("2 of 2 claim payment(s) posted");
        assertThat(again.changes()).isEqualTo(first.changes());
        assertThat(again.postedNow()).isZero();
        assertThat(service.post(practice, "dlv-other", era).changes()).singleElement().asString()
                .endsWith("2 of 2 claim payment(s) posted (2 already posted before)");
        assertThat(claims.ledger(practice, "e1")).hasSize(1);
    }

    @Test
    void a277caAcceptanceThatComesAfterThe835IsKeptOnThePaidClaim() {
        // The queue does not keep the clearinghouse's order: the 835 may be applied before the 277CA that preceded it.
        String practice = "practice-" + UUID.randomUUID();
        submit(practice, Remittances.submitted("g1", "97110", "90.00"));
        new RemittanceService(claims, inbound.remittances(), CLOCK).post(practice, "dlv-835g",
                era("T-G", clp("g1", "1", "90.00", "90.00", List.of(), svc("g1", 1, "97110", "90.00", "90.00"))));
        String pccn = claim(practice, "g1").response().payerClaimControlNumber();
        AcknowledgementService.Outcome outcome = new AcknowledgementService(batches, claims, CLOCK).apply277(practice, "dlv-277g",
                new ClaimAcknowledgementReport("R3", null, List.of(status("g1", "A1", "20", null))));
        StoredClaim g1 = claim(practice, "g1");
        assertThat(g1.status()).isEqualTo(ClaimStatus.PAID);
        assertThat(g1.response().acknowledgement().source()).isEqualTo("277CA");
        assertThat(g1.response().acknowledgement().accepted()).isTrue();
        assertThat(g1.response().payerClaimControlNumber()).as("the 835's number stands").isEqualTo(pccn);
        assertThat(outcome.changes()).singleElement().asString().isEqualTo("277CA: 1 claim(s) ACCEPTED, 0 REJECTED");
    }

    @Test
    void a277caAppliedAgainByTheSameDeliverySaysWhatItMovedNotUnchanged() {
        String practice = "practice-" + UUID.randomUUID();
        submit(practice, Remittances.submitted("f1", "97110", "90.00"), Remittances.submitted("f2", "97110", "90.00"));
        AcknowledgementService acks = new AcknowledgementService(batches, claims, CLOCK);
        ClaimAcknowledgementReport report = new ClaimAcknowledgementReport("R2", null, List.of(status("f1", "A1", "20", null),
                status("f2", "A7", "21", null)));
        AcknowledgementService.Outcome first = acks.apply277(practice, "dlv-277f", report);
        assertThat(first.changes()).singleElement().asString().isEqualTo("277CA: 1 claim(s) ACCEPTED, 1 REJECTED");
        assertThat(acks.apply277(practice, "dlv-277f", report).changes()).isEqualTo(first.changes());
        assertThat(acks.apply277(practice, "dlv-277g", report).changes()).singleElement().asString()
                .contains("1 claim(s) ACCEPTED, 1 REJECTED").doesNotContain("unchanged");
    }

    @Test
    void anUnbalancedEraPostsNothingAndAReversalThenARepaymentInOneEraPostInOrder() {
        String practice = "practice-" + UUID.randomUUID();
        submit(practice, Remittances.submitted("d1", "97110", "90.00"));
        RemittanceService service = new RemittanceService(claims, inbound.remittances(), CLOCK);
        Remittance.ClaimPayment paid = clp("d1", "1", "90.00", "90.00", List.of(), svc("d1", 1, "97110", "90.00", "90.00"));
        Remittance wrongTotal = new Remittance(new Remittance.Payment("I", new BigDecimal("95.00"), "C", "ACH", null, "T-D0", "1123"),
                null, null, List.of(paid), List.of());
        RemittanceService.Outcome held = service.post(practice, "dlv-0", wrongTotal);
        assertThat(held.era().status()).isEqualTo(EraRecord.Status.HELD);
        assertThat(held.era().unapplied()).extracting(Unapplied::reason).containsExactly(Unapplied.Reason.ERA_UNBALANCED);
        assertThat(claims.ledger(practice, "d1")).isEmpty();
        assertThat(claim(practice, "d1").status()).isEqualTo(ClaimStatus.SUBMITTED);

        service.post(practice, "dlv-1", era("T-D1", paid));
        Remittance correction = era("T-D2", clp("d1", "22", "-90.00", "-90.00", List.of(), svc("d1", 1, "97110", "-90.00", "-90.00")),
                clp("d1", "1", "90.00", "72.00", List.of(), svc("d1", 1, "97110", "90.00", "72.00", cas("CO", "45", "18.00"))));
        RemittanceService.Outcome outcome = service.post(practice, "dlv-2", correction);
        assertThat(outcome.postedNow()).isEqualTo(2);
        StoredClaim d1 = claim(practice, "d1");
        assertThat(d1.status()).isEqualTo(ClaimStatus.PAID);
        assertThat(d1.response().remittance().paid()).isEqualByComparingTo("72");
        assertThat(d1.response().remittance().postings()).isEqualTo(3);
        assertThat(claims.ledger(practice, "d1")).extracting(Posting::statusCode).containsExactlyInAnyOrder("1", "22", "1");
        assertThat(service.post(practice, "dlv-3", correction).postedNow()).isZero();
    }

    private static FunctionalAcknowledgement ack999(String gs06, FunctionalAcknowledgement.AckCode status) {
        List<FunctionalAcknowledgement.SegmentError> errors = status.rejected() ? List.of(new FunctionalAcknowledgement.SegmentError(
                "CLM", 12, "2300", "8", List.of(new FunctionalAcknowledgement.ElementError("1", null, "7", "SECRET-VALUE"))))
                : List.of();
        return new FunctionalAcknowledgement(gs06, "HC", "005010X222A1", List.of(new FunctionalAcknowledgement.TransactionSetResponse(
                "837", "0007", "005010X222A1", status, List.of(), errors)), status, 1, 1, status.rejected() ? 0 : 1, List.of());
    }

    private static ClaimAcknowledgementReport.ClaimStatusReport status(String claimId, String category, String code, String text) {
        return new ClaimAcknowledgementReport.ClaimStatusReport(ClaimControlNumbers.patientControlNumber(claimId), "ICN-" + claimId,
                null, List.of(new ClaimAcknowledgementReport.StatusInformation(category, code, "85", null, "WQ", text)),
                new BigDecimal("90.00"), Remittances.DOS, null, List.of());
    }
}
