package org.therapyops.domain;

import java.util.List;
import java.util.Map;

/**
 * A practice's settings: how bookings that fail the authorization check are treated, who may override,
 * when staff are alerted about authorizations, who receives the alerts (email addresses by role), and the ages
 * after which the reports count work as leaking. A practice that never saved settings has {@link #defaults()} (version 0).
 */
public record PracticeSettings(SchedulingPolicy schedulingPolicy, String overrideRole, String timeZone,
                               AlertThresholds alerts, Map<String, List<String>> recipientsByRole,
                               ReportingThresholds reporting, long version) {

    public PracticeSettings {
        recipientsByRole = Map.copyOf(recipientsByRole);
        reporting = reporting == null ? ReportingThresholds.DEFAULTS : reporting;
    }

    /** Settings saved before the reports had thresholds: the reporting defaults. */
    public PracticeSettings(SchedulingPolicy schedulingPolicy, String overrideRole, String timeZone, AlertThresholds alerts,
                            Map<String, List<String>> recipientsByRole, long version) {
        this(schedulingPolicy, overrideRole, timeZone, alerts, recipientsByRole, ReportingThresholds.DEFAULTS, version);
    }

    public PracticeSettings withVersion(long newVersion) {
        return new PracticeSettings(schedulingPolicy, overrideRole, timeZone, alerts, recipientsByRole, reporting, newVersion);
    }

    /**
     * When the reports count work as leaking, in days since it became due: a completed session without a signed note,
     * a signed note without a claim, a READY claim not submitted, a NEEDS_REVIEW, REJECTED or DENIED claim not worked;
     * the notice (hours before the start) under which a cancellation is late; and how far ahead authorizations that will
     * end with units unused are listed.
     */
    public record ReportingThresholds(int noteMissingDays, int claimMissingDays, int unsubmittedDays, int reviewDays,
                                      int rejectedDays, int deniedDays, int lateCancelHours, int expiringWithinDays) {

        public static final ReportingThresholds DEFAULTS = new ReportingThresholds(3, 2, 3, 7, 7, 14, 24, 30);

        /** The most notice, in hours, a cancellation can be late by (the reporting keeps cancellations by hour up to it). */
        public static final int MAX_LATE_CANCEL_HOURS = 168;

        public ReportingThresholds {
            for (int days : new int[] {noteMissingDays, claimMissingDays, unsubmittedDays, reviewDays, rejectedDays, deniedDays,
                    expiringWithinDays}) {
                if (days < 0 || days > 365) {
                    throw new IllegalArgumentException("a reporting threshold in days is 0 to 365");
                }
            }
            if (lateCancelHours < 1 || lateCancelHours > MAX_LATE_CANCEL_HOURS) {
                throw new IllegalArgumentException("lateCancelHours is 1 to " + MAX_LATE_CANCEL_HOURS);
            }
        }
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
