package org.therapyops.dynamodb;

import org.junit.jupiter.api.Test;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimBatch;
import org.therapyops.billing.ClaimControlNumbers;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.Party;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.Subscriber;
import org.therapyops.domain.PostalAddress;
import org.therapyops.ports.BatchRepository;
import org.therapyops.testing.Moto;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A batch is stored and its claims submitted all or none: one claim changed since it was read writes nothing; once
 * submitted, each claim is found by its patient control number (and only in its practice), and a 999's verdict is kept.
 */
class DynamoClaimBatchesTest {

    private static final LocalDate DOS = LocalDate.of(2026, 6, 15);

    @Test
    void aClaimChangedSinceItWasReadSubmitsNothingAndStoresNoBatch() {
        Moto moto = Moto.shared();
        Moto.BillingTables billing = moto.createBillingTables();
        DynamoClaimRepository claims = new DynamoClaimRepository(moto.dynamo(), billing.claims());
        DynamoClaimBatches batches = new DynamoClaimBatches(moto.dynamo(), billing.claims());
        String practice = "practice-" + UUID.randomUUID();
        StoredClaim one = ready(claims, practice);
        StoredClaim two = ready(claims, practice);
        claims.updateStatus(practice, two.claim().id(), 2, ClaimStatus.READY); // a concurrent change: version 3

        ClaimBatch batch = new ClaimBatch("batch-1", 1, 1, 1, List.of(one.claim().id(), two.claim().id()),
                Instant.parse("2026-12-01T10:00:00Z"), "ISA~", null);
        assertThatThrownBy(() -> batches.submit(practice, batch, List.of(one, two)))
                .isInstanceOf(BatchRepository.ClaimsChangedException.class);
        assertThat(claims.claimIdByControlNumber(practice, ClaimControlNumbers.patientControlNumber(one.claim().id()))).isEmpty();

        assertThat(claims.get(practice, one.claim().id()).orElseThrow().status()).isEqualTo(ClaimStatus.READY);
        assertThat(claims.get(practice, one.claim().id()).orElseThrow().version()).isEqualTo(2);
        assertThat(batches.get(practice, "batch-1")).isEmpty();

        StoredClaim fresh = claims.get(practice, two.claim().id()).orElseThrow();
        batches.submit(practice, batch, List.of(one, fresh));
        assertThat(claims.get(practice, one.claim().id()).orElseThrow().status()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(claims.get(practice, two.claim().id()).orElseThrow().version()).isEqualTo(4);
        assertThat(batches.get(practice, "batch-1").orElseThrow().claimIds()).containsExactly(one.claim().id(), two.claim().id());
        assertThat(batches.get("practice-" + UUID.randomUUID(), "batch-1")).isEmpty();

        StoredClaim submitted = claims.get(practice, one.claim().id()).orElseThrow();
        assertThat(submitted.response().batchId()).isEqualTo("batch-1");
        assertThat(submitted.response().submittedAt()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        String pcn = ClaimControlNumbers.patientControlNumber(one.claim().id());
        assertThat(claims.claimIdByControlNumber(practice, pcn)).contains(one.claim().id());
        assertThat(claims.claimIdByControlNumber(practice, pcn.toLowerCase())).contains(one.claim().id());
        assertThat(claims.claimIdByControlNumber("practice-" + UUID.randomUUID(), pcn)).isEmpty();

        batches.acknowledge(practice, "batch-1", new ClaimBatch.Acknowledgement("R", List.of("segment CLM at position 12: error 8"),
                "dlv-1", Instant.parse("2026-12-01T10:05:00Z")));
        assertThat(batches.get(practice, "batch-1").orElseThrow().acknowledgement().status()).isEqualTo("R");
    }

    private static StoredClaim ready(DynamoClaimRepository claims, String practice) {
        String id = "claim-" + UUID.randomUUID();
        StoredClaim claim = new StoredClaim(claim(id), null, ClaimStatus.READY, true, Instant.now(), 2);
        claims.createIfAbsent(practice, claim);
        return claims.get(practice, id).orElseThrow();
    }

    private static Claim claim(String id) {
        Party billing = new Party("Riverside Therapy", null, "1234567893", "12-3456789", "225100000X",
                new PostalAddress("1 Main St", null, "Springfield", "IL", "62701"));
        return Claim.builder().id(id).patientId("patient-1").coverageId("coverage-1").payer("payer-1", "Medicare Part B", "MCRB1")
                .billingProvider(billing).renderingProvider(new Party("Lee", "Dana", "1987654328", null, "225100000X", null))
                .subscriber(new Subscriber("1EG4TE5MK73", "Lovelace", "Ada", LocalDate.of(1950, 12, 10), "F", null))
                .dateOfService(DOS).placeOfService("11").diagnoses(List.of("M5450"))
                .lines(List.of(new Charge("97110", List.of("GP"), 1, 15, List.of(1), new BigDecimal("45.00"), "pt-1", DOS, "11")))
                .build();
    }
}
