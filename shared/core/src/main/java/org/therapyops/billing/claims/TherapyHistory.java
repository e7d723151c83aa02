package org.therapyops.billing.claims;

import org.therapyops.billing.StoredClaim;
import org.therapyops.domain.Payer;
import org.therapyops.domain.PayerType;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.PracticeRepository;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a patient's KX year to date is computed from, for charge capture and the scrubber alike: their claims of the
 * calendar year up to the date of service (the Claims table's patient index), and which payers are Medicare's.
 */
final class TherapyHistory {

    private TherapyHistory() {
    }

    /** The patient's claims dated from 1 January of the date's year to the date, both included. */
    static List<StoredClaim> claimsOfYearTo(ClaimRepository claims, String practiceId, String patientId, LocalDate date) {
        return claims.patientClaims(practiceId, patientId, LocalDate.of(date.getYear(), 1, 1), date);
    }

    /** Whether a payer id is one of the practice's Medicare payers; each payer is read once per call of the returned test. */
    static Predicate<String> medicarePayers(PracticeRepository practice, String practiceId) {
        Map<String, Boolean> medicare = new HashMap<>();
        return payerId -> medicare.computeIfAbsent(payerId, id -> practice.payer(practiceId, id).map(Payer::payerType)
                .filter(t -> t == PayerType.MEDICARE).isPresent());
    }
}
