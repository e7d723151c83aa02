package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.therapyops.domain.PracticeSettings;
import org.therapyops.domain.SchedulingPolicy;

import java.util.List;
import java.util.Map;

/**
 * A practice's settings: BLOCK or WARN bookings that fail the authorization check, the role that may
 * override, the practice's IANA time zone, alert thresholds, and alert recipients (email addresses) by role.
 */
@Serdeable
public record SettingsInput(@NotNull SchedulingPolicy schedulingPolicy,
                            @NotBlank String overrideRole,
                            @NotBlank @Size(max = 64) String timeZone,
                            @NotNull @Valid Alerts alerts,
                            @Nullable @Size(max = 4) Map<String, List<String>> recipientsByRole,
                            @Nullable @Valid Reporting reporting) {

    /** Settings without reporting thresholds (the defaults). */
    public SettingsInput(SchedulingPolicy schedulingPolicy, String overrideRole, String timeZone, Alerts alerts,
                         Map<String, List<String>> recipientsByRole) {
        this(schedulingPolicy, overrideRole, timeZone, alerts, recipientsByRole, null);
    }

    /**
     * When the reports list work as leaking: days since a session was completed without a signed note, since a note was
     * signed without a claim, since a claim became READY (not submitted), NEEDS_REVIEW, REJECTED or DENIED without being
     * worked; hours of notice under which a cancellation is late (1–168); days ahead to list authorizations that will
     * end with units unused. Absent: the defaults (3, 2, 3, 7, 7, 14 days, 24 hours, 30 days).
     */
    @Serdeable
    public record Reporting(@NotNull @Min(0) @Max(365) Integer noteMissingDays,
                            @NotNull @Min(0) @Max(365) Integer claimMissingDays,
                            @NotNull @Min(0) @Max(365) Integer unsubmittedDays,
                            @NotNull @Min(0) @Max(365) Integer reviewDays,
                            @NotNull @Min(0) @Max(365) Integer rejectedDays,
                            @NotNull @Min(0) @Max(365) Integer deniedDays,
                            @NotNull @Min(1) @Max(168) Integer lateCancelHours,
                            @NotNull @Min(0) @Max(365) Integer expiringWithinDays) {

        public static Reporting of(PracticeSettings.ReportingThresholds r) {
            return new Reporting(r.noteMissingDays(), r.claimMissingDays(), r.unsubmittedDays(), r.reviewDays(), r.rejectedDays(),
                    r.deniedDays(), r.lateCancelHours(), r.expiringWithinDays());
        }

        public PracticeSettings.ReportingThresholds thresholds() {
            return new PracticeSettings.ReportingThresholds(noteMissingDays, claimMissingDays, unsubmittedDays, reviewDays,
                    rejectedDays, deniedDays, lateCancelHours, expiringWithinDays);
        }
    }

    /**
     * When alerts fire: days before expiry (1–365, distinct), remaining at or below a percentage, at or
     * below a number of visits left, and on exhaustion, over-scheduling and blocked appointments.
     */
    @Serdeable
    public record Alerts(@NotNull @Size(max = 10) List<@NotNull @Min(1) @Max(365) Integer> expiryDays,
                         @NotNull @Min(0) @Max(100) Integer remainingPercent,
                         @NotNull @Min(0) @Max(1000) Integer visitsLeft,
                         @NotNull Boolean exhausted,
                         @NotNull Boolean overScheduled,
                         @NotNull Boolean appointmentBlocked) {
    }

    public static SettingsInput of(PracticeSettings s) {
        PracticeSettings.AlertThresholds t = s.alerts();
        return new SettingsInput(s.schedulingPolicy(), s.overrideRole(), s.timeZone(),
                new Alerts(t.expiryDays(), t.remainingPercent(), t.visitsLeft(), t.exhausted(), t.overScheduled(),
                        t.appointmentBlocked()), s.recipientsByRole(), Reporting.of(s.reporting()));
    }
}
