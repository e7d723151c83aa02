package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.StoredClaim;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A claim as billers see it: status, payer, providers' NPIs, diagnoses and lines with units, modifiers and amounts. */
@Serdeable
public record ClaimView(String id, String noteId, ClaimStatus status, String patientId, String coverageId,
                        String payerId, String payerName, String billingProviderNpi, String renderingProviderNpi,
                        LocalDate dateOfService, String placeOfService, String frequency,
                        String priorAuthorizationNumber, List<String> diagnoses, List<Line> lines,
                        BigDecimal totalCharge, Instant createdAt, long version) {

    /** One claim line. */
    @Serdeable
    public record Line(String code, List<String> modifiers, int units, int minutes, List<Integer> diagnosisPointers,
                       BigDecimal amount, String renderingProviderId, LocalDate dateOfService, String placeOfService) {

        static Line of(Charge c) {
            return new Line(c.code(), c.modifiers(), c.units(), c.minutes(), c.diagnosisPointers(), c.amount(),
                    c.renderingProviderId(), c.dateOfService(), c.placeOfService());
        }
    }

    public static ClaimView of(StoredClaim s) {
        Claim c = s.claim();
        return new ClaimView(c.id(), s.noteId(), s.status(), c.patientId(), c.coverageId(), c.payerId(), c.payerName(),
                c.billingProvider() == null ? null : c.billingProvider().npi(),
                c.renderingProvider() == null ? null : c.renderingProvider().npi(), c.dateOfService(),
                c.placeOfService(), c.frequency().name(), c.priorAuthorizationNumber(), c.diagnoses(),
                c.lines().stream().map(Line::of).toList(), c.totalCharge(), s.createdAt(), s.version());
    }
}
