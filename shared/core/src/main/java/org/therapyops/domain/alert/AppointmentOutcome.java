package org.therapyops.domain.alert;

import org.therapyops.domain.Reason;

import java.time.LocalDate;
import java.util.List;

/**
 * What the alert rules read of an appointment image: its status (kept as text, so statuses added later
 * read fine), the reasons it was refused or the warnings it was scheduled with, and its version.
 */
public record AppointmentOutcome(String id, String patientId, String serviceCode, LocalDate serviceDate, String status,
                                 String authorizationId, List<Reason> reasons, List<Reason> warnings, long version) {

    public AppointmentOutcome {
        reasons = List.copyOf(reasons);
        warnings = List.copyOf(warnings);
    }

    boolean blocked() {
        return "NEEDS_AUTH".equals(status);
    }

    boolean scheduledWithWarnings() {
        return "SCHEDULED".equals(status) && !warnings.isEmpty();
    }
}
