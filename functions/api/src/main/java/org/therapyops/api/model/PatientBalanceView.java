package org.therapyops.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a patient owes and what payers still owe for them, from the remittances posted to their claims: patient
 * responsibility (PR adjustments: deductible, coinsurance, copay, and denials a biller billed to the patient) and the
 * insurance balance (charge less payments, patient responsibility and adjustments, but with denied lines still owed
 * while not yet worked or appealed) of every claim that was sent — the A/R of the reports, by the same rule.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PatientBalanceView(String patientId, BigDecimal patientResponsibility, BigDecimal insuranceBalance,
                                 List<ClaimBalance> claims) {

    /** One sent claim's part. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ClaimBalance(String claimId, LocalDate dateOfService, String status, BigDecimal charge,
                               BigDecimal patientResponsibility, BigDecimal insuranceBalance) {
    }
}
