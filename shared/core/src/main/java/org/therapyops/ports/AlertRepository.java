package org.therapyops.ports;

import org.therapyops.domain.alert.Alert;
import org.therapyops.domain.alert.AlertStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Alerts of a practice, with the bookkeeping that makes raising and emailing them happen exactly once. */
public interface AlertRepository {

    /** Stores a new alert; {@code false} when an alert with its id already exists (nothing is written then). */
    boolean putIfAbsent(Alert alert);

    Optional<Alert> alert(String practiceId, String alertId);

    /** Whether the alert was handed to the notify queue (queuedAt is set). */
    boolean queued(String practiceId, String alertId);

    void markQueued(String practiceId, String alertId, Instant at);

    /**
     * Newest first, by status; the cursor is opaque and only valid for the practice and status that got it.
     *
     * @throws InvalidAlertCursorException when it is not
     */
    Page list(String practiceId, AlertStatus status, int limit, String cursor);

    /**
     * Acknowledges an OPEN alert.
     *
     * @return the acknowledged alert; empty when there is no such alert
     * @throws AlertStateException when it is not OPEN any more
     */
    Optional<Alert> acknowledge(String practiceId, String alertId, String by, Instant at);

    /** Takes the right to email an alert: no email state yet, or a SENDING lease that ran out before {@code now}. */
    EmailClaim claimEmail(String practiceId, String alertId, Instant now, Instant leaseUntil);

    /** Records how the email ended: SENT (with the provider's message id) or NO_RECIPIENTS. */
    void markEmail(String practiceId, String alertId, EmailState state, String messageId, Instant at);

    /** One page of alerts and the cursor of the next (null at the end). */
    record Page(List<Alert> alerts, String nextCursor) {
    }

    enum EmailState {
        SENDING,
        SENT,
        NO_RECIPIENTS
    }

    /** Outcome of a claim: ours to send, already done, someone else's lease still running, or no such alert. */
    enum EmailClaim {
        CLAIMED,
        DONE,
        LEASED,
        UNKNOWN
    }

    /** A cursor that this practice's listing did not hand out. */
    class InvalidAlertCursorException extends RuntimeException {
        public InvalidAlertCursorException() {
            super("The cursor is not one this listing handed out.");
        }
    }

    /** An alert is not in the state a change needs (e.g. acknowledged twice). */
    class AlertStateException extends RuntimeException {
        public AlertStateException(String message) {
            super(message);
        }
    }
}
