package org.therapyops.claimscrubber;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.Party;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.Subscriber;
import org.therapyops.billing.charges.FeeSchedule;
import org.therapyops.billing.charges.KxThresholds;
import org.therapyops.billing.scrub.Finding;
import org.therapyops.billing.scrub.ScrubRecord;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.CoveragePriority;
import org.therapyops.domain.Patient;
import org.therapyops.domain.Payer;
import org.therapyops.domain.PayerType;
import org.therapyops.domain.PostalAddress;
import org.therapyops.dynamodb.DynamoClaimRepository;
import org.therapyops.dynamodb.DynamoPracticeRepository;
import org.therapyops.dynamodb.Tables;
import org.therapyops.messaging.SqsScrubQueue;
import org.therapyops.testing.Moto;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim-scrubber function as Lambda calls it, against DynamoDB on moto: a queued claim is scrubbed once
 * however often its message comes, and poison messages (not JSON, no ids, unknown claim, payer or profile) are
 * reported as batch item failures without holding back the good ones.
 */
class ClaimScrubberHandlerTest {

    private static final Instant NOW = Instant.parse("2026-06-20T16:00:00Z");
    static final LocalDate DOS = LocalDate.of(2026, 6, 15);
    private static DynamoDbClient dynamo;
    private static DynamoPracticeRepository practice;
    private static DynamoClaimRepository claims;
    private static ClaimScrubberHandler handler;

    private final String practiceId = "practice-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        Moto moto = Moto.shared();
        Tables tables = moto.createTables();
        Moto.BillingTables billing = moto.createBillingTables();
        dynamo = moto.dynamo();
        practice = new DynamoPracticeRepository(dynamo, tables);
        claims = new DynamoClaimRepository(dynamo, billing.claims());
        handler = new ClaimScrubberHandler(ApplicationContext.builder().properties(Map.of(
                "practice.table", tables.practice(), "appointments.table", tables.appointments(), "appointment.history.table", tables.appointmentHistory(),
                "notes.table", billing.notes(), "claims.table", billing.claims(),
                "aws.endpoint.url", moto.endpoint().toString())));
    }

    @AfterAll
    static void stop() throws Exception {
        handler.close();
        dynamo.close();
    }

    /**
     * A Medicare payer, patient and coverage, the sample fee schedule, and a SCRUB_PENDING claim whose 97110 line lacks GP
     * when {@code faulty}.
     */
    private String pendingClaim(boolean faulty) {
        if (practice.feeSchedule(practiceId).isEmpty()) {
            practice.saveFeeSchedule(practiceId, FeeSchedule.loadSample(), 0);
        }
        practice.create(practiceId, new Payer("payer-1", "Medicare Part B", "MCRB1", PayerType.MEDICARE, NOW, 1));
        practice.create(practiceId, new Patient("patient-1", "Ada", "Lovelace", LocalDate.of(1950, 12, 10), "F", NOW, 1));
        practice.create(practiceId, new Coverage("coverage-1", "patient-1", "payer-1", "1EG4TE5MK73", CoveragePriority.PRIMARY,
                LocalDate.of(2026, 1, 1), null, NOW, 1));
        String claimId = "claim-" + UUID.randomUUID();
        claims.createIfAbsent(practiceId, new StoredClaim(claim(claimId, "payer-1", faulty), null, ClaimStatus.SCRUB_PENDING, true,
                NOW, 1));
        return claimId;
    }

    /** A clean Medicare PT claim (the CMS 8-minute example: 33 + 10 minutes, 2 + 1 units), or one without GP on 97110. */
    static Claim claim(String id, String payerId, boolean faulty) {
        Party billing = new Party("Riverside Therapy", null, "1234567893", "12-3456789", "225100000X",
                new PostalAddress("1 Main St", null, "Springfield", "IL", "627011234"));
        Party rendering = new Party("Lee", "Dana", "1987654328", null, "225100000X", null);
        List<Charge> lines = List.of(
                new Charge("97110", faulty ? List.of() : List.of("GP"), 2, 33, List.of(1), new BigDecimal("90.00"), "pt-1", DOS, "11"),
                new Charge("97140", List.of("GP"), 1, 10, List.of(1, 2), new BigDecimal("44.00"), "pt-1", DOS, "11"));
        return Claim.builder().id(id).patientId("patient-1").coverageId("coverage-1").payer(payerId, "Medicare Part B", "MCRB1")
                .billingProvider(billing).renderingProvider(rendering)
                .subscriber(new Subscriber("1EG4TE5MK73", "Lovelace", "Ada", LocalDate.of(1950, 12, 10), "F",
                        new PostalAddress("2 Oak St", null, "Springfield", "IL", "62702")))
                .dateOfService(DOS).placeOfService("11").diagnoses(List.of("M5450", "M6281")).lines(lines).build();
    }

    @Test
    void aCleanClaimBecomesReady() {
        String claimId = pendingClaim(false);

        SQSBatchResponse response = handler.handleRequest(event(message("m-1", SqsScrubQueue.body(practiceId, claimId))), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        StoredClaim scrubbed = claims.get(practiceId, claimId).orElseThrow();
        assertThat(scrubbed.status()).as(String.valueOf(claims.scrubRecord(practiceId, claimId))).isEqualTo(ClaimStatus.READY);
        assertThat(claims.scrubRecord(practiceId, claimId).orElseThrow().profileId()).isEqualTo("medicare");
    }

    @Test
    void theSameMessageTwiceScrubsOnceAndBumpsTheVersionOnce() {
        String claimId = pendingClaim(true);
        String body = SqsScrubQueue.body(practiceId, claimId);

        SQSBatchResponse first = handler.handleRequest(event(message("m-1", body)), null);
        StoredClaim afterFirst = claims.get(practiceId, claimId).orElseThrow();
        ScrubRecord record = claims.scrubRecord(practiceId, claimId).orElseThrow();
        SQSBatchResponse second = handler.handleRequest(event(message("m-2", body), message("m-3", body)), null);

        assertThat(first.getBatchItemFailures()).isEmpty();
        assertThat(second.getBatchItemFailures()).isEmpty();
        assertThat(afterFirst.status()).isEqualTo(ClaimStatus.NEEDS_REVIEW);
        assertThat(afterFirst.version()).isEqualTo(2);
        assertThat(record.findings()).extracting(Finding::ruleId, Finding::severity, Finding::field)
                .contains(org.assertj.core.groups.Tuple.tuple("DISCIPLINE_MODIFIER", Severity.ERROR, "lines[0].modifiers"));
        assertThat(record.findings()).allSatisfy(f -> assertThat(f.fixHint()).isNotBlank());
        StoredClaim afterRedelivery = claims.get(practiceId, claimId).orElseThrow();
        assertThat(afterRedelivery.version()).isEqualTo(2);
        assertThat(claims.scrubRecord(practiceId, claimId).orElseThrow().scrubbedAt()).isEqualTo(record.scrubbedAt());
    }

    /** A claim billed before, of one GP line of {@code amount}. */
    private static void earlierClaim(String practice, String id, String patientId, String payerId, LocalDate dos, String amount) {
        Charge line = new Charge("97110", List.of("GP"), 1, 15, List.of(1), new BigDecimal(amount), "pt-1", dos, "11");
        claims.createIfAbsent(practice, new StoredClaim(Claim.builder().id(id).patientId(patientId).coverageId("coverage-1")
                .payer(payerId, null, null).dateOfService(dos).placeOfService("11").diagnoses(List.of("M5450")).lines(List.of(line))
                .build(), "note-" + id,
                dos.atStartOfDay().toInstant(java.time.ZoneOffset.UTC), ClaimStatus.READY, true, NOW, 2));
    }

    private void commercialPayer() {
        practice.create(practiceId, new Payer("payer-2", "Acme Health", "ACME1", PayerType.COMMERCIAL, NOW, 1));
    }

    @Test
    void aClaimThatTakesTheYearsMedicareTherapyOverTheThresholdNeedsKxOnEveryPtLine() {
        String claimId = pendingClaim(false);
        commercialPayer();
        // $2,400 of Medicare PT earlier this year; the claim's $134 takes it over 2026's $2,480.
        earlierClaim(practiceId, "e-1", "patient-1", "payer-1", LocalDate.of(2026, 5, 1), "2400.00");

        assertThat(handler.handleRequest(event(message("m-1", SqsScrubQueue.body(practiceId, claimId))), null)
                .getBatchItemFailures()).isEmpty();

        assertThat(claims.get(practiceId, claimId).orElseThrow().status()).isEqualTo(ClaimStatus.NEEDS_REVIEW);
        assertThat(claims.scrubRecord(practiceId, claimId).orElseThrow().findings()).extracting(Finding::ruleId, Finding::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("KX_MODIFIER", "lines[0].modifiers"),
                        org.assertj.core.groups.Tuple.tuple("KX_MODIFIER", "lines[1].modifiers"));
    }

    @Test
    void kxIsCheckedAgainstTheThresholdThePracticesAdminSetForTheYear() {
        String claimId = pendingClaim(false);
        // No earlier claim: the claim's $134 is under the shipped $2,480 for 2026, over the $100 the admin set.
        practice.saveKxThresholds(practiceId, KxThresholds.of(List.of(KxThresholds.Threshold.practice(2026, new BigDecimal("100.00"),
                "test"))), 0);

        assertThat(handler.handleRequest(event(message("m-1", SqsScrubQueue.body(practiceId, claimId))), null)
                .getBatchItemFailures()).isEmpty();

        assertThat(claims.scrubRecord(practiceId, claimId).orElseThrow().findings()).extracting(Finding::ruleId, Finding::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("KX_MODIFIER", "lines[0].modifiers"),
                        org.assertj.core.groups.Tuple.tuple("KX_MODIFIER", "lines[1].modifiers"));
    }

    @Test
    void otherPayersPatientsPracticesAndLaterClaimsDoNotCountTowardKx() {
        String claimId = pendingClaim(false);
        commercialPayer();
        earlierClaim(practiceId, "e-1", "patient-1", "payer-1", LocalDate.of(2026, 5, 1), "2300.00");
        earlierClaim(practiceId, "e-2", "patient-1", "payer-2", LocalDate.of(2026, 5, 1), "9000.00");
        earlierClaim(practiceId, "e-3", "patient-2", "payer-1", LocalDate.of(2026, 5, 1), "9000.00");
        earlierClaim("practice-" + UUID.randomUUID(), "e-4", "patient-1", "payer-1", LocalDate.of(2026, 5, 1), "9000.00");
        earlierClaim(practiceId, "e-5", "patient-1", "payer-1", LocalDate.of(2025, 12, 31), "9000.00");
        earlierClaim(practiceId, "e-6", "patient-1", "payer-1", DOS.plusDays(1), "9000.00");

        assertThat(handler.handleRequest(event(message("m-1", SqsScrubQueue.body(practiceId, claimId))), null)
                .getBatchItemFailures()).isEmpty();

        assertThat(claims.scrubRecord(practiceId, claimId).orElseThrow().findings()).isEmpty();
        assertThat(claims.get(practiceId, claimId).orElseThrow().status()).isEqualTo(ClaimStatus.READY);
    }

    @Test
    void poisonMessagesAreReportedAndTheGoodOnesInTheBatchStillScrubbed() {
        String good = pendingClaim(false);
        String orphan = "claim-" + UUID.randomUUID();
        Claim lines = claim(orphan, "payer-gone", false);
        // Another patient's claim, so that it is no duplicate of the good one.
        claims.createIfAbsent(practiceId, new StoredClaim(lines.toBuilder().id(orphan).patientId("patient-2").coverageId(null)
                .payer("payer-gone", null, null).build(), null, ClaimStatus.SCRUB_PENDING, true, NOW, 1));

        // A date of service before the first shipped Medicare profile version (2025-01-01): no profile applies.
        String beforeAnyProfile = "claim-" + UUID.randomUUID();
        LocalDate early = LocalDate.of(2024, 6, 14);
        claims.createIfAbsent(practiceId, new StoredClaim(lines.toBuilder().id(beforeAnyProfile).patientId("patient-3")
                .payer("payer-1", null, null).dateOfService(early).lines(lines.lines().stream().map(l -> new Charge(l.code(),
                l.modifiers(), l.units(), l.minutes(), l.diagnosisPointers(), l.amount(), l.renderingProviderId(), early,
                l.placeOfService())).toList()).build(), null, ClaimStatus.SCRUB_PENDING, true, NOW, 1));

        SQSBatchResponse response = handler.handleRequest(event(
                message("garbage", "not json"),
                message("no-ids", "{\"practiceId\":\"" + practiceId + "\"}"),
                message("unknown-claim", SqsScrubQueue.body(practiceId, "claim-" + UUID.randomUUID())),
                message("other-practice", SqsScrubQueue.body("practice-" + UUID.randomUUID(), good)),
                message("unknown-payer", SqsScrubQueue.body(practiceId, orphan)),
                message("no-profile", SqsScrubQueue.body(practiceId, beforeAnyProfile)),
                message("good", SqsScrubQueue.body(practiceId, good))), null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyInAnyOrder("garbage", "no-ids", "unknown-claim", "other-practice", "unknown-payer", "no-profile");
        assertThat(claims.get(practiceId, beforeAnyProfile).orElseThrow().status()).isEqualTo(ClaimStatus.SCRUB_PENDING);
        assertThat(claims.get(practiceId, good).orElseThrow().status()).isEqualTo(ClaimStatus.READY);
        assertThat(claims.get(practiceId, orphan).orElseThrow().status()).isEqualTo(ClaimStatus.SCRUB_PENDING);
    }

    private static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body);
        return m;
    }

    private static SQSEvent event(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        return event;
    }
}
