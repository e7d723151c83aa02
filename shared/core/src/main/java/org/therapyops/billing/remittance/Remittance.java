package org.therapyops.billing.remittance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One 835 (005010X221A1) transaction set as the payer sent it: the payment (BPR, TRN), payer and payee, each claim
 * payment (CLP loop 2100) with its service payments (SVC loop 2110), and provider-level adjustments (PLB). Amounts
 * are as written (a reversal's are negative). Holds PHI (patient names are not kept, but amounts and codes are).
 */
public record Remittance(Payment payment, Party payer, Party payee, List<ClaimPayment> claims,
                         List<ProviderAdjustment> providerAdjustments) {

    public Remittance {
        claims = List.copyOf(claims);
        providerAdjustments = List.copyOf(providerAdjustments);
    }

    /**
     * BPR and TRN.
     *
     * @param handlingCode   BPR01 (I remittance with payment, H notification only, …)
     * @param amount         BPR02, the total actual provider payment
     * @param creditDebit    BPR03 (C or D)
     * @param method         BPR04 (ACH, CHK, BOP, FWT, NON)
     * @param date           BPR16, the check issue or EFT effective date
     * @param traceNumber    TRN02, the check or EFT trace number
     * @param payerReference TRN03, the payer's identifier (1 + tax id, or another)
     */
    public record Payment(String handlingCode, BigDecimal amount, String creditDebit, String method, LocalDate date,
                          String traceNumber, String payerReference) {
    }

    /**
     * A payer (N1*PR) or payee (N1*PE).
     *
     * @param idQualifier  N103 (XV, XX, FI, …) or, for the payer, the REF*2U qualifier when N1 has none
     * @param id           N104 (or REF*2U for the payer)
     */
    public record Party(String name, String idQualifier, String id) {
    }

    /**
     * A CLP loop.
     *
     * @param patientControlNumber    CLP01, the CLM01 of the 837P
     * @param statusCode              CLP02: 1/2/3 processed as primary/secondary/tertiary, 4 denied, 19/20/21 processed and
     *                                forwarded, 22 reversal of a previous payment, 23 not our claim, forwarded
     * @param charge                  CLP03
     * @param paid                    CLP04
     * @param patientResponsibility   CLP05; null when absent
     * @param filingIndicator         CLP06
     * @param payerClaimControlNumber CLP07
     * @param frequencyCode           CLP09; may be null
     * @param adjustments             claim-level CAS, each triple
     * @param remarks                 MOA (outpatient adjudication) remark codes
     * @param services                SVC loops
     */
    public record ClaimPayment(String patientControlNumber, String statusCode, BigDecimal charge, BigDecimal paid,
                               BigDecimal patientResponsibility, String filingIndicator, String payerClaimControlNumber,
                               String frequencyCode, List<Adjustment> adjustments, List<String> remarks,
                               List<ServicePayment> services) {
        public ClaimPayment {
            adjustments = List.copyOf(adjustments);
            remarks = List.copyOf(remarks);
            services = List.copyOf(services);
        }
    }

    /**
     * An SVC loop.
     *
     * @param procedureQualifier    SVC01-1 (HC)
     * @param units                 SVC05, units paid (1 when absent)
     * @param lineItemControlNumber REF*6R: the line's REF*6R of the 837P; may be null
     * @param allowed               AMT*B6 allowed amount; null when absent
     * @param serviceDate           DTM*472 (or 150); may be null
     * @param remarks               LQ*HE remark codes (RARC)
     */
    public record ServicePayment(String procedureQualifier, String procedureCode, List<String> modifiers, BigDecimal charge,
                                 BigDecimal paid, BigDecimal units, String lineItemControlNumber, BigDecimal allowed,
                                 LocalDate serviceDate, List<Adjustment> adjustments, List<String> remarks) {
        public ServicePayment {
            modifiers = List.copyOf(modifiers);
            adjustments = List.copyOf(adjustments);
            remarks = List.copyOf(remarks);
        }
    }

    /**
     * One CAS reason–amount–quantity triple.
     *
     * @param group  CAS01: CO contractual obligation, PR patient responsibility, OA other, PI payer initiated, CR correction
     * @param reason the CARC
     */
    public record Adjustment(String group, String reason, BigDecimal amount, BigDecimal quantity) {
    }

    /**
     * One PLB adjustment (PLB03/05/07… with its amount); a positive amount reduces the payment.
     *
     * @param providerId   PLB01
     * @param fiscalPeriod PLB02
     * @param reasonCode   the composite's first component (e.g. WO, L6, 72, FB)
     * @param reference    the composite's second component; may be null
     */
    public record ProviderAdjustment(String providerId, LocalDate fiscalPeriod, String reasonCode, String reference,
                                     BigDecimal amount) {
    }
}
