package org.therapyops.dynamodb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.Party;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.Subscriber;
import org.therapyops.billing.review.ClaimForReview;
import org.therapyops.billing.scrub.Finding;
import org.therapyops.billing.scrub.ScrubResult;
import org.therapyops.billing.scrub.ScrubStatus;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.domain.PostalAddress;
import org.therapyops.testing.Moto;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Claims table's sparse NEEDS_REVIEW index on moto: every write path of the claim repository puts a claim in it
 * exactly while it is NEEDS_REVIEW, and the digest's read hands each practice's claims over on their own.
 */
class DynamoClaimsNeedingReviewTest {

    private static final Instant NOW = Instant.parse("2026-06-20T11:00:00Z");
    private static final Finding MODIFIER = new Finding("DISCIPLINE_MODIFIER", Severity.ERROR, "lines[0].modifiers",
            "97110 has no GP, GO or GN modifier", "Add the therapy plan's modifier");
    private static final Finding ICD = new Finding("ICD10_VALID", Severity.ERROR, "diagnoses[0]",
            "M5450X is not an ICD-10-CM code", "Look the diagnosis up");

    private static DynamoDbClient dynamo;
    private static String table;
    private static DynamoClaimRepository claims;

    @BeforeAll
    static void start() {
        Moto moto = Moto.shared();
        table = moto.createBillingTables().claims();
        dynamo = moto.dynamo();
        claims = new DynamoClaimRepository(dynamo, table);
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    @Test
    void aClaimIsInTheIndexExactlyWhileItNeedsReviewOrAwaitsTheScrubber() {
        String practice = practice();
        StoredClaim created = claim("c-1", LocalDate.of(2026, 6, 15), ClaimStatus.SCRUB_PENDING, 1);
        claims.createIfAbsent(practice, created);
        assertThat(reviewQueueOf(practice, "c-1")).isEqualTo("SCRUB_PENDING");
        assertThat(needingReview(practice)).isEmpty();

        StoredClaim flagged = claims.recordScrub(practice, "c-1", 1, result("c-1", ScrubStatus.NEEDS_REVIEW, MODIFIER, ICD), NOW);
        assertThat(reviewQueueOf(practice, "c-1")).isEqualTo("NEEDS_REVIEW");
        List<ClaimForReview> listed = needingReview(practice);
        assertThat(listed).singleElement().satisfies(c -> {
            assertThat(c.claimId()).isEqualTo("c-1");
            assertThat(c.dateOfService()).isEqualTo(LocalDate.of(2026, 6, 15));
            assertThat(c.payerName()).isEqualTo("Medicare Part B");
            assertThat(c.billedAmount()).isEqualByComparingTo("134.00");
            assertThat(c.findings()).containsExactly(MODIFIER, ICD);
        });

        // A biller's correction (a put back to SCRUB_PENDING) takes it out ...
        StoredClaim corrected = claims.correct(practice, flagged, flagged.claim());
        assertThat(reviewQueueOf(practice, "c-1")).as("corrected").isEqualTo("SCRUB_PENDING");
        assertThat(needingReview(practice)).isEmpty();

        // ... a scrub to READY keeps it out, a status update into NEEDS_REVIEW puts it back, one out of it removes it.
        StoredClaim ready = claims.recordScrub(practice, "c-1", corrected.version(), result("c-1", ScrubStatus.READY), NOW);
        assertThat(reviewQueueOf(practice, "c-1")).as("READY").isNull();
        StoredClaim back = claims.updateStatus(practice, "c-1", ready.version(), ClaimStatus.NEEDS_REVIEW);
        assertThat(reviewQueueOf(practice, "c-1")).isEqualTo("NEEDS_REVIEW");
        assertThat(needingReview(practice)).extracting(ClaimForReview::claimId).containsExactly("c-1");
        claims.updateStatus(practice, "c-1", back.version(), ClaimStatus.SCRUB_PENDING);
        assertThat(reviewQueueOf(practice, "c-1")).isEqualTo("SCRUB_PENDING");
        assertThat(needingReview(practice)).isEmpty();

        // A claim created in NEEDS_REVIEW (a put) is in it from the start; queueing it changes nothing.
        claims.createIfAbsent(practice, claim("c-2", LocalDate.of(2026, 6, 1), ClaimStatus.NEEDS_REVIEW, 1));
        claims.markQueued(practice, "c-2");
        assertThat(needingReview(practice)).extracting(ClaimForReview::claimId).containsExactly("c-2");
    }

    @Test
    void theSweepSeesPendingClaimsNeverQueuedUntilTheyAreMarkedQueued() {
        String a = practice();
        String b = practice();
        claims.createIfAbsent(a, claim("p-1", LocalDate.of(2026, 6, 1), ClaimStatus.SCRUB_PENDING, 1));
        claims.createIfAbsent(a, claim("p-2", LocalDate.of(2026, 6, 2), ClaimStatus.SCRUB_PENDING, 1));
        claims.createIfAbsent(a, claim("r-1", LocalDate.of(2026, 6, 3), ClaimStatus.NEEDS_REVIEW, 1));
        claims.createIfAbsent(b, claim("p-1", LocalDate.of(2026, 6, 1), ClaimStatus.SCRUB_PENDING, 1));
        claims.markQueued(a, "p-2");

        assertThat(unqueued(a, b)).containsExactlyInAnyOrder(a + "/p-1", b + "/p-1");
        assertThat(needingReview(a)).extracting(ClaimForReview::claimId).containsExactly("r-1");

        claims.markQueued(a, "p-1");
        claims.recordScrub(b, "p-1", 1, result("p-1", ScrubStatus.READY), NOW);
        assertThat(unqueued(a, b)).isEmpty();
    }

    /** The unqueued pending claims of these practices, as practice/claim (the index also holds other tests' claims). */
    private static List<String> unqueued(String... practices) {
        List<String> found = new ArrayList<>();
        new DynamoClaimsNeedingReview(dynamo, table, 2).forEach((practice, claimId) -> {
            if (List.of(practices).contains(practice)) {
                found.add(practice + "/" + claimId);
            }
        });
        return found;
    }

    @Test
    void eachPracticeIsHandedOverOnceWithOnlyItsOwnClaimsAcrossPages() {
        String a = practice();
        String b = practice();
        String c = practice();
        for (int i = 1; i <= 3; i++) {
            claims.createIfAbsent(a, claim("a-" + i, LocalDate.of(2026, 6, i), ClaimStatus.NEEDS_REVIEW, 1));
        }
        claims.createIfAbsent(b, claim("b-1", LocalDate.of(2026, 6, 9), ClaimStatus.READY, 1));
        claims.createIfAbsent(b, claim("b-2", LocalDate.of(2026, 6, 9), ClaimStatus.SCRUB_PENDING, 1));
        for (int i = 1; i <= 2; i++) {
            claims.createIfAbsent(c, claim("c-" + i, LocalDate.of(2026, 6, i), ClaimStatus.NEEDS_REVIEW, 1));
        }

        // Pages of 2 split practice a's claims over two requests.
        Map<String, List<String>> handed = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        new DynamoClaimsNeedingReview(dynamo, table, 2).forEachPractice((practice, list) -> {
            order.add(practice);
            handed.put(practice, list.stream().map(ClaimForReview::claimId).sorted().toList());
        });

        assertThat(order).as("each practice once").doesNotHaveDuplicates().contains(a, c).doesNotContain(b);
        assertThat(handed.get(a)).containsExactly("a-1", "a-2", "a-3");
        assertThat(handed.get(c)).containsExactly("c-1", "c-2");
    }

    private static String practice() {
        return "practice-" + UUID.randomUUID();
    }

    /** The claims of one practice the index hands over (other tests' practices share the table). */
    private static List<ClaimForReview> needingReview(String practice) {
        List<ClaimForReview> found = new ArrayList<>();
        new DynamoClaimsNeedingReview(dynamo, table).forEachPractice((p, list) -> {
            if (p.equals(practice)) {
                found.addAll(list);
            }
        });
        return found;
    }

    private static String reviewQueueOf(String practice, String claimId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.key(practice, "CLAIM#" + claimId)).consistentRead(true)).item();
        return item.containsKey(BillingItems.REVIEW_QUEUE) ? item.get(BillingItems.REVIEW_QUEUE).s() : null;
    }

    private static ScrubResult result(String claimId, ScrubStatus status, Finding... findings) {
        return new ScrubResult(claimId, status, "medicare", "2026.1", null, List.of(findings));
    }

    private static StoredClaim claim(String id, LocalDate dos, ClaimStatus status, long version) {
        Party billing = new Party("Riverside Therapy", null, "1234567893", "12-3456789", "225100000X",
                new PostalAddress("1 Main St", null, "Springfield", "IL", "62701"));
        List<Charge> lines = List.of(
                new Charge("97110", List.of(), 2, 33, List.of(1), new BigDecimal("90.00"), "pt-1", dos, "11"),
                new Charge("97140", List.of("GP"), 1, 10, List.of(1), new BigDecimal("44.00"), "pt-1", dos, "11"));
        Claim claim = Claim.builder().id(id).patientId("patient-1").coverageId("coverage-1").payer("payer-1", "Medicare Part B", "MCRB1")
                .billingProvider(billing).renderingProvider(new Party("Lee", "Dana", "1987654328", null, "225100000X", null))
                .subscriber(new Subscriber("1EG4TE5MK73", "Demo", "Alex", LocalDate.of(1958, 4, 12), "F", null))
                .dateOfService(dos).placeOfService("11").diagnoses(List.of("M5450")).lines(lines).build();
        return new StoredClaim(claim, "note-1", status, false, NOW, version);
    }
}
