package org.therapyops.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A professional claim for one patient, coverage, billing and rendering provider and date of service:
 * at most 12 diagnoses (the first principal) and 50 lines; the prior authorization number when the payer
 * requires one. A replacement (frequency 7) or void (8) names the claim it changes ({@code originalClaimId}) and the
 * payer's control number of that claim ({@code originalReference}, sent as REF*F8).
 */
public record Claim(String id, String patientId, String coverageId, String payerId, String payerName, String payerEdiId,
                    Party billingProvider, Party renderingProvider, Party referringProvider, Subscriber subscriber,
                    LocalDate dateOfService, String placeOfService, ClaimFrequency frequency, String originalClaimId,
                    String priorAuthorizationNumber, List<String> diagnoses, List<Charge> lines, String originalReference) {

    public static final int MAX_DIAGNOSES = 12;
    public static final int MAX_LINES = 50;

    public Claim {
        diagnoses = List.copyOf(diagnoses);
        lines = List.copyOf(lines);
    }

    /** An original claim, or a replacement or void whose payer control number is not known. */
    public Claim(String id, String patientId, String coverageId, String payerId, String payerName, String payerEdiId,
                 Party billingProvider, Party renderingProvider, Party referringProvider, Subscriber subscriber,
                 LocalDate dateOfService, String placeOfService, ClaimFrequency frequency, String originalClaimId,
                 String priorAuthorizationNumber, List<String> diagnoses, List<Charge> lines) {
        this(id, patientId, coverageId, payerId, payerName, payerEdiId, billingProvider, renderingProvider, referringProvider,
                subscriber, dateOfService, placeOfService, frequency, originalClaimId, priorAuthorizationNumber, diagnoses, lines,
                null);
    }

    /** This claim with other content: what a correction changes (nothing else of the claim moves). */
    public Claim withContent(Party billingProvider, Party renderingProvider, Subscriber subscriber, String placeOfService,
                             String priorAuthorizationNumber, List<String> diagnoses, List<Charge> lines) {
        return new Claim(id, patientId, coverageId, payerId, payerName, payerEdiId, billingProvider, renderingProvider,
                referringProvider, subscriber, dateOfService, placeOfService, frequency, originalClaimId,
                priorAuthorizationNumber, diagnoses, lines, originalReference);
    }

    /** A new claim that replaces (frequency 7) or voids (8) this one, which the payer knows as {@code payerControlNumber}. */
    public Claim successor(String newId, ClaimFrequency frequency, String payerControlNumber) {
        if (frequency == ClaimFrequency.ORIGINAL) {
            throw new IllegalArgumentException("a successor claim is a replacement or a void");
        }
        return new Claim(newId, patientId, coverageId, payerId, payerName, payerEdiId, billingProvider, renderingProvider,
                referringProvider, subscriber, dateOfService, placeOfService, frequency, id, priorAuthorizationNumber,
                diagnoses, lines, payerControlNumber);
    }

    public BigDecimal totalCharge() {
        return lines.stream().map(Charge::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
