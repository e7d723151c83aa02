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
        return toBuilder().billingProvider(billingProvider).renderingProvider(renderingProvider).subscriber(subscriber)
                .placeOfService(placeOfService).priorAuthorizationNumber(priorAuthorizationNumber).diagnoses(diagnoses)
                .lines(lines).build();
    }

    /** A new claim that replaces (frequency 7) or voids (8) this one, which the payer knows as {@code payerControlNumber}. */
    public Claim successor(String newId, ClaimFrequency frequency, String payerControlNumber) {
        if (frequency == ClaimFrequency.ORIGINAL) {
            throw new IllegalArgumentException("a successor claim is a replacement or a void");
        }
        return toBuilder().id(newId).frequency(frequency).originalClaimId(id).originalReference(payerControlNumber).build();
    }

    /** A claim to build: an original claim with no diagnoses and no lines until told otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this claim's every component, to build it with some of them changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.patientId = patientId;
        b.coverageId = coverageId;
        b.payerId = payerId;
        b.payerName = payerName;
        b.payerEdiId = payerEdiId;
        b.billingProvider = billingProvider;
        b.renderingProvider = renderingProvider;
        b.referringProvider = referringProvider;
        b.subscriber = subscriber;
        b.dateOfService = dateOfService;
        b.placeOfService = placeOfService;
        b.frequency = frequency;
        b.originalClaimId = originalClaimId;
        b.priorAuthorizationNumber = priorAuthorizationNumber;
        b.diagnoses = diagnoses;
        b.lines = lines;
        b.originalReference = originalReference;
        return b;
    }

    /** A claim's components, set one by one. */
    public static final class Builder {
        private String id;
        private String patientId;
        private String coverageId;
        private String payerId;
        private String payerName;
        private String payerEdiId;
        private Party billingProvider;
        private Party renderingProvider;
        private Party referringProvider;
        private Subscriber subscriber;
        private LocalDate dateOfService;
        private String placeOfService;
        private ClaimFrequency frequency = ClaimFrequency.ORIGINAL;
        private String originalClaimId;
        private String priorAuthorizationNumber;
        private List<String> diagnoses = List.of();
        private List<Charge> lines = List.of();
        private String originalReference;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder patientId(String patientId) {
            this.patientId = patientId;
            return this;
        }

        public Builder coverageId(String coverageId) {
            this.coverageId = coverageId;
            return this;
        }

        /** The payer: its id, name and EDI id as the claim names it. */
        public Builder payer(String payerId, String payerName, String payerEdiId) {
            this.payerId = payerId;
            this.payerName = payerName;
            this.payerEdiId = payerEdiId;
            return this;
        }

        public Builder billingProvider(Party billingProvider) {
            this.billingProvider = billingProvider;
            return this;
        }

        public Builder renderingProvider(Party renderingProvider) {
            this.renderingProvider = renderingProvider;
            return this;
        }

        public Builder referringProvider(Party referringProvider) {
            this.referringProvider = referringProvider;
            return this;
        }

        public Builder subscriber(Subscriber subscriber) {
            this.subscriber = subscriber;
            return this;
        }

        public Builder dateOfService(LocalDate dateOfService) {
            this.dateOfService = dateOfService;
            return this;
        }

        public Builder placeOfService(String placeOfService) {
            this.placeOfService = placeOfService;
            return this;
        }

        public Builder frequency(ClaimFrequency frequency) {
            this.frequency = frequency;
            return this;
        }

        public Builder originalClaimId(String originalClaimId) {
            this.originalClaimId = originalClaimId;
            return this;
        }

        public Builder priorAuthorizationNumber(String priorAuthorizationNumber) {
            this.priorAuthorizationNumber = priorAuthorizationNumber;
            return this;
        }

        public Builder diagnoses(List<String> diagnoses) {
            this.diagnoses = diagnoses;
            return this;
        }

        public Builder lines(List<Charge> lines) {
            this.lines = lines;
            return this;
        }

        /** The payer's control number of the claim a replacement or void follows (REF*F8). */
        public Builder originalReference(String originalReference) {
            this.originalReference = originalReference;
            return this;
        }

        public Claim build() {
            return new Claim(id, patientId, coverageId, payerId, payerName, payerEdiId, billingProvider, renderingProvider,
                    referringProvider, subscriber, dateOfService, placeOfService, frequency, originalClaimId,
                    priorAuthorizationNumber, diagnoses, lines, originalReference);
        }
    }

    public BigDecimal totalCharge() {
        return lines.stream().map(Charge::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
