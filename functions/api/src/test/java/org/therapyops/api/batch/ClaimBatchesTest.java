package org.therapyops.api.batch;

import org.junit.jupiter.api.Test;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.Party;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.Subscriber;
import org.therapyops.domain.PostalAddress;
import org.therapyops.dynamodb.DynamoClaimRepository;
import org.therapyops.testing.Moto;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A batch is stored and its claims submitted all or none: one claim changed since it was read writes nothing. */
class ClaimBatchesTest {

    private static final LocalDate DOS = LocalDate.of(2026, 6, 15);

    @Test
    void aClaimChangedSinceItWasReadSubmitsNothingAndStoresNoBatch() {
        Moto moto = Moto.shared();
        Moto.BillingTables billing = moto.createBillingTables();
        DynamoClaimRepository claims = new DynamoClaimRepository(moto.dynamo(), billing.claims());
        ClaimBatches batches = new ClaimBatches(moto.dynamo(), billing.claims());
        String practice = "practice-" + UUID.randomUUID();
        StoredClaim one = ready(claims, practice);
        StoredClaim two = ready(claims, practice);
        claims.updateStatus(practice, two.claim().id(), 2, ClaimStatus.READY); // a concurrent change: version 3

        ClaimBatches.Batch batch = new ClaimBatches.Batch("batch-1", 1, 1, 1, List.of(one.claim().id(), two.claim().id()),
                Instant.now(), "ISA~");
        assertThatThrownBy(() -> batches.submit(practice, batch, List.of(one, two)))
                .isInstanceOf(ClaimBatches.ClaimsChangedException.class);

        assertThat(claims.get(practice, one.claim().id()).orElseThrow().status()).isEqualTo(ClaimStatus.READY);
        assertThat(claims.get(practice, one.claim().id()).orElseThrow().version()).isEqualTo(2);
        assertThat(batches.get(practice, "batch-1")).isEmpty();

        StoredClaim fresh = claims.get(practice, two.claim().id()).orElseThrow();
        batches.submit(practice, batch, List.of(one, fresh));
        assertThat(claims.get(practice, one.claim().id()).orElseThrow().status()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(claims.get(practice, two.claim().id()).orElseThrow().version()).isEqualTo(4);
        assertThat(batches.get(practice, "batch-1").orElseThrow().claimIds()).containsExactly(one.claim().id(), two.claim().id());
        assertThat(batches.get("practice-" + UUID.randomUUID(), "batch-1")).isEmpty();
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
        return new Claim(id, "patient-1", "coverage-1", "payer-1", "Medicare Part B", "MCRB1", billing,
                new Party("Lee", "Dana", "1987654328", null, "225100000X", null), null,
                new Subscriber("1EG4TE5MK73", "Lovelace", "Ada", LocalDate.of(1950, 12, 10), "F", null), DOS, "11",
                ClaimFrequency.ORIGINAL, null, null, List.of("M5450"),
                List.of(new Charge("97110", List.of("GP"), 1, 15, List.of(1), new BigDecimal("45.00"), "pt-1", DOS, "11")));
    }
}
