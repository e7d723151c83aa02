package org.therapyops.alerting;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapyops.domain.Patient;
import org.therapyops.domain.PracticeSettings;
import org.therapyops.domain.alert.Alert;
import org.therapyops.domain.alert.AlertRules;
import org.therapyops.domain.alert.AppointmentOutcome;
import org.therapyops.domain.alert.AuthorizationImage;
import org.therapyops.ports.AlertNotifications;
import org.therapyops.ports.AlertRepository;
import org.therapyops.ports.ExpiringAuthorizations;
import org.therapyops.ports.PracticeRepository;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the alert rules to a change and raises what they fire, exactly once: a conditional put of the
 * alert (its id is derived from the crossing), then a message on the notify queue, then {@code queuedAt}.
 * A redelivered change finds the alert stored: if it was queued, nothing happens; if a crash came between
 * the put and the send, it is sent now.
 */
public final class AlertRaiser {

    private static final Logger LOG = LoggerFactory.getLogger(AlertRaiser.class);

    private final PracticeRepository practice;
    private final AlertRepository alerts;
    private final AlertNotifications notifications;
    private final ExpiringAuthorizations expiring;
    private final Clock clock;

    public AlertRaiser(PracticeRepository practice, AlertRepository alerts, AlertNotifications notifications,
                       ExpiringAuthorizations expiring, Clock clock) {
        this.practice = practice;
        this.alerts = alerts;
        this.notifications = notifications;
        this.expiring = expiring;
        this.clock = clock;
    }

    /** A raiser for functions that raise alerts but never scan expiries (no index of authorizations by end date). */
    public AlertRaiser(PracticeRepository practice, AlertRepository alerts, AlertNotifications notifications, Clock clock) {
        this(practice, alerts, notifications, (first, last) -> {
            throw new IllegalStateException("this function does not scan expiries");
        }, clock);
    }

    /** An authorization's counters changed (stream images; {@code before} null when it was created). */
    public int authorizationChanged(String practiceId, AuthorizationImage before, AuthorizationImage after) {
        PracticeSettings settings = practice.settings(practiceId);
        return raiseAll(AlertRules.forCounters(practiceId, before, after, settings.alerts(), clock.instant()));
    }

    /** An appointment's decision changed (stream images). */
    public int appointmentChanged(String practiceId, AppointmentOutcome before, AppointmentOutcome after) {
        PracticeSettings settings = practice.settings(practiceId);
        return raiseAll(AlertRules.forAppointment(practiceId, before, after, settings.alerts(), clock.instant()).stream().toList());
    }

    /**
     * The daily scan: authorizations ending from yesterday to {@code lookaheadDays} (+1) days ahead, in UTC
     * dates, each judged on its practice's local date and settings. A practice that fails does not stop the
     * others; the scan then fails as a whole so the scheduler retries it (raising is idempotent).
     */
    public ScanResult scanExpiries(int lookaheadDays) {
        LocalDate todayUtc = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Map<String, PracticeSettings> settingsByPractice = new HashMap<>();
        int seen = 0;
        int raised = 0;
        int failed = 0;
        for (ExpiringAuthorizations.Ending ending
                : expiring.endingBetween(todayUtc.minusDays(1), todayUtc.plusDays(lookaheadDays + 1L))) {
            seen++;
            try {
                PracticeSettings settings = settingsByPractice.computeIfAbsent(ending.practiceId(), practice::settings);
                LocalDate localToday = LocalDate.now(clock.withZone(ZoneId.of(settings.timeZone())));
                raised += raiseAll(AlertRules.forExpiry(ending.practiceId(), ending.authorization(), localToday,
                        settings.alerts(), clock.instant()).stream().toList());
            } catch (RuntimeException e) {
                failed++;
                LOG.error("expiry scan: authorization {} of practice {} failed: {}", ending.authorization().id(),
                        ending.practiceId(), e.getClass().getSimpleName());
            }
        }
        LOG.info("expiry scan: {} authorizations seen, {} alerts raised, {} failed", seen, raised, failed);
        return new ScanResult(seen, raised, failed);
    }

    /** What a scan did. */
    public record ScanResult(int seen, int raised, int failed) {
    }

    private int raiseAll(List<Alert> fired) {
        int raised = 0;
        for (Alert alert : fired) {
            if (raise(alert)) {
                raised++;
            }
        }
        return raised;
    }

    /** Stores the alert once (its id is derived from what it is about) and hands it to the notifier; true when stored now. */
    public boolean raise(Alert alert) {
        Alert withInitials = alert.patientId() == null ? alert : alert.withPatientInitials(
                practice.patient(alert.practiceId(), alert.patientId()).map(AlertRaiser::initials).orElse(null));
        boolean stored = alerts.putIfAbsent(withInitials);
        if (!stored && alerts.queued(alert.practiceId(), alert.id())) {
            LOG.info("alert {} ({}) of practice {} exists and was queued; nothing to do", alert.id(), alert.type(), alert.practiceId());
            return false;
        }
        notifications.enqueue(alert.practiceId(), alert.id());
        alerts.markQueued(alert.practiceId(), alert.id(), clock.instant());
        LOG.info("alert {} ({}) of practice {} {}", alert.id(), alert.type(), alert.practiceId(),
                stored ? "raised and queued" : "existed unqueued; queued now");
        return stored;
    }

    private static String initials(Patient p) {
        return Alert.initials(p.firstName(), p.lastName());
    }
}
