package org.therapyops.alerting;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapyops.domain.alert.Alert;
import org.therapyops.domain.alert.AlertEmail;
import org.therapyops.domain.alert.AlertRecipients;
import org.therapyops.ports.AlertMailer;
import org.therapyops.ports.AlertRepository;
import org.therapyops.ports.AlertRepository.EmailClaim;
import org.therapyops.ports.AlertRepository.EmailState;
import org.therapyops.ports.PracticeRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Emails an alert to the practice's recipients ({@link AlertRecipients}) exactly once per alert, however often its message is
 * delivered: claim (no email state → SENDING with a lease), send, mark SENT. A redelivery of a SENT alert
 * sends nothing; one that finds a running lease fails, to be retried after the queue's visibility timeout.
 * A lease that ran out (the sender crashed between claim and mark) is taken over, so at worst an email is
 * sent twice after a crash in the few milliseconds between SES accepting it and the mark. The lease must outlast one
 * delivery's work and stay below the notify queue's visibility timeout, so that the retry after a crash takes over.
 */
public final class AlertNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(AlertNotifier.class);
    /** The default lease: under the notify queue's 180 s visibility timeout. */
    public static final Duration LEASE = Duration.ofMinutes(2);

    private final AlertRepository alerts;
    private final PracticeRepository practice;
    private final AlertMailer mailer;
    private final String appBaseUrl;
    private final Clock clock;
    private final Duration lease;

    public AlertNotifier(AlertRepository alerts, PracticeRepository practice, AlertMailer mailer, String appBaseUrl, Clock clock) {
        this(alerts, practice, mailer, appBaseUrl, clock, LEASE);
    }

    public AlertNotifier(AlertRepository alerts, PracticeRepository practice, AlertMailer mailer, String appBaseUrl, Clock clock,
                         Duration lease) {
        this.alerts = alerts;
        this.practice = practice;
        this.mailer = mailer;
        this.appBaseUrl = appBaseUrl;
        this.clock = clock;
        this.lease = lease;
    }

    /** What became of one notification. */
    public enum Outcome {
        SENT,
        ALREADY_DONE,
        NO_RECIPIENTS
    }

    /**
     * @throws UnknownAlertException when no such alert exists (a poison message: it ends in the dead-letter queue)
     * @throws LeaseHeldException when another delivery is sending it right now
     */
    public Outcome notify(String practiceId, String alertId) {
        Instant now = clock.instant();
        EmailClaim claim = alerts.claimEmail(practiceId, alertId, now, now.plus(lease));
        switch (claim) {
            case UNKNOWN -> throw new UnknownAlertException(alertId);
            case DONE -> {
                LOG.info("alert {} of practice {} was emailed already; nothing sent", alertId, practiceId);
                return Outcome.ALREADY_DONE;
            }
            case LEASED -> throw new LeaseHeldException(alertId);
            default -> { }
        }
        Alert alert = alerts.alert(practiceId, alertId).orElseThrow(() -> new UnknownAlertException(alertId));
        List<String> recipients = AlertRecipients.of(alert.type(), practice.settings(practiceId));
        if (recipients.isEmpty()) {
            alerts.markEmail(practiceId, alertId, EmailState.NO_RECIPIENTS, null, clock.instant());
            LOG.warn("alert {} ({}) of practice {}: no recipients configured; nothing sent", alertId, alert.type(), practiceId);
            return Outcome.NO_RECIPIENTS;
        }
        String messageId = mailer.send(recipients, AlertEmail.of(alert, appBaseUrl));
        alerts.markEmail(practiceId, alertId, EmailState.SENT, messageId, clock.instant());
        LOG.info("alert {} ({}) of practice {} emailed to {} recipient(s)", alertId, alert.type(), practiceId, recipients.size());
        return Outcome.SENT;
    }

    /** The message names an alert that does not exist. */
    public static final class UnknownAlertException extends RuntimeException {
        public UnknownAlertException(String alertId) {
            super("no alert " + alertId);
        }
    }

    /** Another delivery holds the alert's sending lease. */
    public static final class LeaseHeldException extends RuntimeException {
        public LeaseHeldException(String alertId) {
            super("alert " + alertId + " is being sent by another delivery");
        }
    }
}
