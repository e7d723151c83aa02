package org.therapyops.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A professional claim for one patient, coverage, billing and rendering provider and date of service:
 * at most 12 diagnoses (the first principal) and 50 lines; the prior authorization number when the payer
 * requires one.
 */
public record Claim(String id, String patientId, String coverageId, String payerId, String payerName, String payerEdiId,
                    Party billingProvider, Party renderingProvider, Party referringProvider, Subscriber subscriber,
                    LocalDate dateOfService, String placeOfService, ClaimFrequency frequency, String originalClaimId,
                    String priorAuthorizationNumber, List<String> diagnoses, List<Charge> lines) {

    public static final int MAX_DIAGNOSES = 12;
    public static final int MAX_LINES = 50;

    public Claim {
        diagnoses = List.copyOf(diagnoses);
        lines = List.copyOf(lines);
    }

    public BigDecimal totalCharge() {
        return lines.stream().map(Charge::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
