package org.therapyops.billing.x12;

import org.therapyops.billing.remittance.Remittance;
import org.therapyops.billing.remittance.Remittance.Adjustment;
import org.therapyops.billing.remittance.Remittance.ClaimPayment;
import org.therapyops.billing.remittance.Remittance.ProviderAdjustment;
import org.therapyops.billing.remittance.Remittance.ServicePayment;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The 835 balancing rules (X221A1 section 1.10.2), as assertions. */
final class Balance {

    private Balance() {
    }

    static BigDecimal sum(List<Adjustment> adjustments) {
        return adjustments.stream().map(Adjustment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Every PR adjustment of the claim, claim and line level. */
    static BigDecimal patientResponsibility(ClaimPayment claim) {
        BigDecimal total = sum(claim.adjustments().stream().filter(a -> a.group().equals("PR")).toList());
        for (ServicePayment s : claim.services()) {
            total = total.add(sum(s.adjustments().stream().filter(a -> a.group().equals("PR")).toList()));
        }
        return total;
    }

    /** Per line charge = paid + CAS; per claim charge = paid + claim CAS + line CAS; BPR02 = sum(CLP04) − PLB. */
    static void assertBalanced(Remittance era) {
        BigDecimal paid = BigDecimal.ZERO;
        for (ClaimPayment claim : era.claims()) {
            BigDecimal adjusted = sum(claim.adjustments());
            for (ServicePayment s : claim.services()) {
                assertThat(s.paid().add(sum(s.adjustments()))).as("line %s of claim %s", s.lineItemControlNumber(),
                        claim.patientControlNumber()).isEqualByComparingTo(s.charge());
                adjusted = adjusted.add(sum(s.adjustments()));
            }
            assertThat(claim.paid().add(adjusted)).as("claim %s", claim.patientControlNumber())
                    .isEqualByComparingTo(claim.charge());
            paid = paid.add(claim.paid());
        }
        BigDecimal plb = era.providerAdjustments().stream().map(ProviderAdjustment::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(paid.subtract(plb)).as("BPR02").isEqualByComparingTo(era.payment().amount());
    }
}
