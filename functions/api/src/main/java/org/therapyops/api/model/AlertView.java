package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.domain.alert.Alert;
import org.therapyops.domain.alert.AlertStatus;
import org.therapyops.domain.alert.AlertType;
import org.therapyops.domain.alert.ReviewDigest;
import org.therapyops.domain.alert.WeeklyReport;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * An alert for staff: what crossed which threshold, about which authorization or appointment, with the
 * patient's initials only; acknowledged by whom and when. A CLAIMS_NEED_REVIEW digest carries the claims it
 * listed in {@code reviewDigest}, shown only to the roles that may read claims.
 */
@Serdeable
public record AlertView(String id, AlertType type, int threshold, @OrNull String authorizationId, @OrNull String appointmentId,
                        @OrNull String patientId, @OrNull String patientInitials, @OrNull String authorizationNumber,
                        @OrNull LocalDate endDate, @OrNull LocalDate serviceDate, String message, Instant createdAt, AlertStatus status,
                        @OrNull String acknowledgedBy, @OrNull Instant acknowledgedAt, @OrNull ReviewDigestView reviewDigest,
                        @OrNull WeeklyReportView weeklyReport) {

    /** The view, with the review digest's claims and the weekly report's figures only when {@code showClaims}. */
    public static AlertView of(Alert a, boolean showClaims) {
        return new AlertView(a.id(), a.type(), a.threshold(), a.authorizationId(), a.appointmentId(), a.patientId(),
                a.patientInitials(), a.authorizationNumber(), a.endDate(), a.serviceDate(), a.message(), a.createdAt(),
                a.status(), a.acknowledgedBy(), a.acknowledgedAt(),
                showClaims && a.reviewDigest() != null ? ReviewDigestView.of(a.reviewDigest()) : null,
                showClaims && a.weeklyReport() != null ? WeeklyReportView.of(a.weeklyReport()) : null);
    }

    /** A WEEKLY_REPORT's week (Monday to Sunday) and its headline figures against the week before. */
    @Serdeable
    public record WeeklyReportView(LocalDate from, LocalDate to, List<FigureView> figures) {

        static WeeklyReportView of(WeeklyReport w) {
            return new WeeklyReportView(w.from(), w.to(), w.figures().stream().map(f -> new FigureView(f.name(), f.label(),
                    f.kind().name(), f.value(), f.previous())).toList());
        }
    }

    /** One figure: its name in the summary report, label, kind (RATIO, AMOUNT, COUNT, DAYS), value and the week before's. */
    @Serdeable
    public record FigureView(String name, String label, String kind, @OrNull BigDecimal value, @OrNull BigDecimal previous) {
    }

    /** The claims in NEEDS_REVIEW on the practice's date {@code asOf}: how many, the first listed, and fix hints by rule. */
    @Serdeable
    public record ReviewDigestView(LocalDate asOf, int total, int notListed, List<ClaimLineView> claims,
                                   Map<String, String> fixHints) {

        static ReviewDigestView of(ReviewDigest d) {
            return new ReviewDigestView(d.asOf(), d.total(), d.notListed(), d.claims().stream().map(c -> new ClaimLineView(
                    c.claimId(), c.dateOfService(), c.payerName(), c.billedAmount(),
                    c.errors().stream().map(e -> new RuleErrorView(e.ruleId(), e.field())).toList(), c.moreErrors())).toList(),
                    d.fixHints());
        }
    }

    /** A listed claim: its id, date of service, payer, billed amount and the scrubber's errors. */
    @Serdeable
    public record ClaimLineView(String claimId, @OrNull LocalDate dateOfService, @OrNull String payerName, BigDecimal billedAmount,
                                List<RuleErrorView> errors, int moreErrors) {
    }

    /** A scrubber error: the rule and the claim's field it concerns. */
    @Serdeable
    public record RuleErrorView(String ruleId, @OrNull String field) {
    }
}
