package org.therapyops.domain;

import java.util.Map;

/**
 * Why an appointment was refused: a stable code, a message for staff, and details for software
 * (e.g. the authorization concerned, units needed and remaining).
 */
public record Reason(ReasonCode code, String message, Map<String, String> details) {

    public Reason {
        details = Map.copyOf(details);
    }
}
