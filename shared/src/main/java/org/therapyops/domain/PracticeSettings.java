package org.therapyops.domain;

import java.util.List;
import java.util.Map;

/**
 * A practice's settings: how bookings that fail the authorization check are treated, who may override,
 * when staff are alerted about authorizations, and who receives the alerts (email addresses by role).
 * A practice that never saved settings has {@link #defaults()} (version 0).
 */
public record PracticeSettings(SchedulingPolicy schedulingPolicy, String overrideRole, String timeZone,
                               AlertThresholds alerts, Map<String, List<String>> recipientsByRole, long version) {

    public PracticeSettings {
        recipientsByRole = Map.copyOf(recipientsByRole);
    }

    /**
     * When alerts fire: days before an authorization's end date; remaining at or below a percentage of
     * what was authorized; at or below a number of visits left (visit-based authorizations); when
     * exhausted; when more is booked than remains; when an appointment is blocked for authorization.
     */
    public record AlertThresholds(List<Integer> expiryDays, int remainingPercent, int visitsLeft, boolean exhausted,
                                  boolean overScheduled, boolean appointmentBlocked) {

        public AlertThresholds {
            expiryDays = List.copyOf(expiryDays);
        }
    }

    public static PracticeSettings defaults() {
        return new PracticeSettings(SchedulingPolicy.BLOCK, "admin", "America/New_York",
                new AlertThresholds(List.of(30, 14, 7), 20, 2, true, true, true), Map.of(), 0);
    }

    /** The recipient addresses of one role (a role claim such as {@code biller}), without duplicates; none when unset. */
    public List<String> recipientsOf(String role) {
        return recipientsByRole.getOrDefault(role, List.of()).stream().distinct().toList();
    }

    /** Every recipient address, whatever the role, without duplicates, in a stable order. */
    public List<String> allRecipients() {
        return recipientsByRole.keySet().stream().sorted()
                .flatMap(role -> recipientsByRole.get(role).stream()).distinct().toList();
    }
}
