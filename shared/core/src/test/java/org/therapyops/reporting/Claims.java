package org.therapyops.reporting;

import org.therapyops.billing.ClaimMilestones;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.PayerResponse;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.remittance.Remittances;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Test data: claims (date of service 2026-11-16, two lines of 60.00 and 40.00, payer-1, provider pt-1) at each stage. */
final class Claims {

    static final Instant CREATED = Instant.parse("2026-11-16T15:00:01Z");
    static final Instant SCRUBBED = Instant.parse("2026-11-16T15:00:05Z");
    static final Instant SUBMITTED = Instant.parse("2026-11-18T14:00:00Z");
    static final Instant ACKNOWLEDGED = Instant.parse("2026-11-19T14:00:00Z");
    static final Instant PAID = Instant.parse("2026-12-01T14:00:00Z");

    private Claims() {
    }

    static StoredClaim claim(String id, ClaimStatus status, ClaimMilestones milestones, PayerResponse response) {
        StoredClaim base = Remittances.submitted(id, "97110", "60.00", "97140", "40.00");
        return new StoredClaim(base.claim(), base.noteId(), base.noteSignedAt(), status, true, CREATED, 5, response, milestones);
    }

    static ClaimMilestones scrubbed(ClaimStatus outcome) {
        return ClaimMilestones.NONE.scrubbed(outcome, SCRUBBED);
    }

    static ClaimMilestones paid() {
        return scrubbed(ClaimStatus.READY).submitted(SUBMITTED).answered(ClaimStatus.ACCEPTED, ACKNOWLEDGED, List.of())
                .answered(ClaimStatus.PAID, PAID, List.of());
    }

    static PayerResponse.Denial denial(int line, String amount, String reason) {
        return new PayerResponse.Denial(line, "97140", new BigDecimal(amount), List.of(reason), List.of());
    }

    static PayerResponse remitted(String paid, String patient, String adjusted, List<PayerResponse.Denial> denials) {
        return PayerResponse.NONE.withSubmission("B1", SUBMITTED).withRemittance(new PayerResponse.RemittanceTotals(
                new BigDecimal(paid), new BigDecimal(patient), new BigDecimal(adjusted), List.of(), "era-1", PAID, 1), "PCCN", denials);
    }
}
