package org.therapyops.domain.alert;

import org.therapyops.domain.PracticeSettings.AlertThresholds;
import org.therapyops.domain.Reason;
import org.therapyops.domain.UnitType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which alerts a change fires. Pure: images and settings in, alerts out.
 *
 * <p>Counter alerts fire once per threshold crossing: when the old image was above the threshold and the
 * new one is at or below it (no old image counts as above). A counter that goes back above and crosses
 * again fires again, with a new id, because the id includes the version of the image that crossed. When
 * one change crosses several counter thresholds only the most severe is raised (exhausted, then visits
 * left, then percentage), so one booking sends one email.
 *
 * <p>Expiry alerts fire for the tightest threshold (fewest days) the days left have reached; their id
 * includes the end date, so a daily scan that sees the same band again raises nothing new, and an
 * extended authorization is watched afresh.
 */
public final class AlertRules {

    private AlertRules() {
    }

    /** Alerts fired by an authorization's counters changing from {@code before} (null when created) to {@code after}. */
    public static List<Alert> forCounters(String practiceId, AuthorizationImage before, AuthorizationImage after,
                                          AlertThresholds thresholds, Instant now) {
        if (after == null) {
            return List.of();
        }
        if (thresholds.exhausted() && crossed(before, after, AlertRules::exhausted)) {
            return List.of(counterAlert(practiceId, after, AlertType.EXHAUSTED, 0, now,
                    "Authorization " + after.number() + " has nothing left: all " + quantity(after.unitType(), after.authorized())
                            + " are scheduled or rendered. Book no further sessions until it is extended."));
        }
        int visits = thresholds.visitsLeft();
        if (visits > 0 && after.unitType() == UnitType.VISITS
                && crossed(before, after, a -> a.unitType() == UnitType.VISITS && a.remaining() <= visits)) {
            return List.of(counterAlert(practiceId, after, AlertType.VISITS_LEFT, visits, now,
                    "Authorization " + after.number() + " has " + quantity(after.unitType(), after.remaining())
                            + " left (alert at " + visits + " visits or fewer)."));
        }
        int percent = thresholds.remainingPercent();
        if (percent > 0 && crossed(before, after, a -> atOrBelowPercent(a, percent))) {
            return List.of(counterAlert(practiceId, after, AlertType.LOW_REMAINING, percent, now,
                    "Authorization " + after.number() + " has " + quantity(after.unitType(), after.remaining()) + " of "
                            + quantity(after.unitType(), after.authorized()) + " left (" + percent + "% or less)."));
        }
        return List.of();
    }

    /**
     * The expiry alert for an authorization on the practice-local date {@code today}: the smallest threshold
     * of days that the days left have reached; none before the largest threshold or after the end date.
     */
    public static Optional<Alert> forExpiry(String practiceId, AuthorizationImage authorization, LocalDate today,
                                            AlertThresholds thresholds, Instant now) {
        long daysLeft = ChronoUnit.DAYS.between(today, authorization.endDate());
        if (daysLeft < 0) {
            return Optional.empty();
        }
        return thresholds.expiryDays().stream().filter(d -> d >= 0 && daysLeft <= d).min(Integer::compare).map(days ->
                new Alert(Alert.idOf("authorization|" + practiceId + "|" + authorization.id() + "|EXPIRING|" + days
                        + "|end=" + authorization.endDate()), practiceId, AlertType.EXPIRING, days, authorization.id(), null,
                        authorization.patientId(), null, authorization.number(), authorization.endDate(), null,
                        "Authorization " + authorization.number() + " ends on " + authorization.endDate() + ", "
                                + (daysLeft == 0 ? "today" : "in " + daysLeft + (daysLeft == 1 ? " day" : " days"))
                                + " (alert at " + days + " days), with " + quantity(authorization.unitType(), authorization.remaining())
                                + " left.",
                        now, AlertStatus.OPEN, null, null));
    }

    /**
     * The alert an appointment's decision fires: blocked (NEEDS_AUTH), or scheduled with warnings (over-scheduled),
     * once, on the change into that state.
     */
    public static Optional<Alert> forAppointment(String practiceId, AppointmentOutcome before, AppointmentOutcome after,
                                                 AlertThresholds thresholds, Instant now) {
        if (after == null) {
            return Optional.empty();
        }
        if (thresholds.appointmentBlocked() && after.blocked() && (before == null || !before.blocked())) {
            return Optional.of(appointmentAlert(practiceId, after, AlertType.APPOINTMENT_BLOCKED, after.reasons(), now,
                    "Appointment " + after.id() + " for " + after.serviceCode() + " on " + after.serviceDate()
                            + " was not scheduled: " + codes(after.reasons()) + "."));
        }
        if (thresholds.overScheduled() && after.scheduledWithWarnings() && (before == null || !before.scheduledWithWarnings())) {
            return Optional.of(appointmentAlert(practiceId, after, AlertType.OVER_SCHEDULED, after.warnings(), now,
                    "Appointment " + after.id() + " for " + after.serviceCode() + " on " + after.serviceDate()
                            + " was scheduled beyond its authorization: " + codes(after.warnings()) + "."));
        }
        return Optional.empty();
    }

    private interface Condition {
        boolean holds(AuthorizationImage image);
    }

    private static boolean crossed(AuthorizationImage before, AuthorizationImage after, Condition atOrBelow) {
        return atOrBelow.holds(after) && (before == null || !atOrBelow.holds(before));
    }

    private static boolean exhausted(AuthorizationImage a) {
        return a.authorized() > 0 && a.remaining() <= 0;
    }

    /** remaining ≤ percent % of authorized, in exact integer arithmetic; an empty authorization never qualifies. */
    private static boolean atOrBelowPercent(AuthorizationImage a, int percent) {
        return a.authorized() > 0 && a.remaining() * 100 <= (long) percent * a.authorized();
    }

    private static Alert counterAlert(String practiceId, AuthorizationImage a, AlertType type, int threshold, Instant now,
                                      String message) {
        String id = Alert.idOf("authorization|" + practiceId + "|" + a.id() + "|" + type + "|" + threshold + "|v" + a.version());
        return new Alert(id, practiceId, type, threshold, a.id(), null, a.patientId(), null, a.number(), a.endDate(), null,
                message, now, AlertStatus.OPEN, null, null);
    }

    private static Alert appointmentAlert(String practiceId, AppointmentOutcome x, AlertType type, List<Reason> reasons,
                                          Instant now, String message) {
        String authorizationId = x.authorizationId() != null ? x.authorizationId() : reasons.stream()
                .map(r -> r.details().get("authorizationId")).filter(id -> id != null && !id.isBlank()).findFirst().orElse(null);
        String id = Alert.idOf("appointment|" + practiceId + "|" + x.id() + "|" + type + "|v" + x.version());
        return new Alert(id, practiceId, type, 0, authorizationId, x.id(), x.patientId(), null, null, null, x.serviceDate(),
                message, now, AlertStatus.OPEN, null, null);
    }

    private static String codes(List<Reason> reasons) {
        return reasons.isEmpty() ? "no reason given"
                : reasons.stream().map(r -> r.code().name()).distinct().collect(Collectors.joining(", "));
    }

    /** "3 units", "1 visit", "2.5 hours": a ledger count in the authorization's own unit type. */
    static String quantity(UnitType unitType, long ledgerUnits) {
        BigDecimal q = unitType.fromLedger(ledgerUnits);
        String unit = switch (unitType) {
            case VISITS -> "visit";
            case UNITS -> "unit";
            case HOURS -> "hour";
        };
        return q.toPlainString() + " " + unit + (q.compareTo(BigDecimal.ONE) == 0 ? "" : "s");
    }
}
