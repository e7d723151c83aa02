package org.therapyops.billing.remittance;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimControlNumbers;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.Party;
import org.therapyops.billing.PayerResponse;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.Subscriber;
import org.therapyops.domain.PostalAddress;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Test data: submitted claims and ERAs written the way payers write them. */
public final class Remittances {

    public static final LocalDate DOS = LocalDate.of(2026, 11, 16);

    private Remittances() {
    }

    public static BigDecimal d(String amount) {
        return new BigDecimal(amount);
    }

    /** A submitted claim with one line per (code, amount) pair, PT modifiers. */
    public static StoredClaim submitted(String id, Object... codeAndAmount) {
        List<Charge> lines = new ArrayList<>();
        for (int i = 0; i < codeAndAmount.length; i += 2) {
            lines.add(new Charge((String) codeAndAmount[i], List.of("GP"), 1, 15, List.of(1), d((String) codeAndAmount[i + 1]),
                    "pt-1", DOS, "11"));
        }
        Party billing = new Party("Riverside Therapy", null, "1245319599", "123456789", "261QR0400X",
                new PostalAddress("100 River Rd", null, "Springfield", "IL", "627011234"));
        Claim claim = Claim.builder().id(id).patientId("patient-1").coverageId("coverage-1").payer("payer-1", "Acme Health", "ACME1")
                .billingProvider(billing).subscriber(new Subscriber("PAID123", "Demo", "Alex", LocalDate.of(1958, 4, 12), "F",
                        new PostalAddress("12 Elm Ave", null, "Springfield", "IL", "62704")))
                .dateOfService(DOS).placeOfService("11").diagnoses(List.of("M5450")).lines(lines).build();
        return new StoredClaim(claim, "note-" + id, Instant.parse("2026-11-16T15:00:00Z"), ClaimStatus.SUBMITTED, true,
                Instant.parse("2026-11-16T15:00:01Z"), 3, PayerResponse.NONE.withSubmission("B000000001",
                Instant.parse("2026-11-17T09:00:00Z")));
    }

    public static Remittance.Adjustment cas(String group, String reason, String amount) {
        return new Remittance.Adjustment(group, reason, d(amount), null);
    }

    /** An SVC for line n of the claim (REF*6R as the 837P sent it), with its adjustments. */
    public static Remittance.ServicePayment svc(String claimId, int line, String code, String charge, String paid,
                                                Remittance.Adjustment... adjustments) {
        return new Remittance.ServicePayment("HC", code, List.of("GP"), d(charge), d(paid), BigDecimal.ONE,
                ClaimControlNumbers.lineItemControlNumber(claimId, line), null, DOS, List.of(adjustments), List.of());
    }

    public static Remittance.ClaimPayment clp(String claimId, String status, String charge, String paid,
                                              List<Remittance.Adjustment> claimAdjustments, Remittance.ServicePayment... services) {
        BigDecimal pr = BigDecimal.ZERO;
        for (Remittance.ServicePayment s : services) {
            for (Remittance.Adjustment a : s.adjustments()) {
                if (a.group().equals("PR")) {
                    pr = pr.add(a.amount());
                }
            }
        }
        return new Remittance.ClaimPayment(ClaimControlNumbers.patientControlNumber(claimId), status, d(charge), d(paid), pr, "CI",
                "PCCN-" + claimId, null, claimAdjustments, List.of(), List.of(services));
    }

    /** An ERA paying the claims' CLP04 total (less the provider adjustments). */
    public static Remittance era(String trace, List<Remittance.ProviderAdjustment> plb, Remittance.ClaimPayment... claims) {
        BigDecimal total = BigDecimal.ZERO;
        for (Remittance.ClaimPayment c : claims) {
            total = total.add(c.paid());
        }
        for (Remittance.ProviderAdjustment a : plb) {
            total = total.subtract(a.amount());
        }
        return new Remittance(new Remittance.Payment("I", total, "C", "ACH", LocalDate.of(2026, 12, 1), trace, "1123456789"),
                new Remittance.Party("ACME HEALTH", "XV", "ACME1"), new Remittance.Party("RIVERSIDE THERAPY", "XX", "1245319599"),
                List.of(claims), plb);
    }

    public static Remittance era(String trace, Remittance.ClaimPayment... claims) {
        return era(trace, List.of(), claims);
    }
}
