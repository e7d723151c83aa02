package org.therapyops.domain.authorization;

import org.therapyops.domain.Reason;

import java.util.List;

/** The authorization check's verdict on one requested appointment, after the practice's policy. */
public sealed interface AuthorizationDecision {

    /** Schedule it, reserving {@code units} ledger units of the chosen authorization. */
    record Reserve(String authorizationId, long units, String explanation) implements AuthorizationDecision {
    }

    /**
     * Schedule it without a reservation: the payer of the coverage it bills does not require authorization for the
     * service on its date of service (by the payer's rules in force then).
     */
    record NotRequired(String payerId, String explanation) implements AuthorizationDecision {
    }

    /** Do not schedule it (policy BLOCK); the reasons are in a stable order. */
    record Refuse(List<Reason> reasons) implements AuthorizationDecision {
        public Refuse {
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a refusal needs at least one reason");
            }
            reasons = List.copyOf(reasons);
        }
    }

    /** Schedule it without a reservation, carrying the reasons as warnings (policy WARN). */
    record ScheduleWithWarnings(List<Reason> warnings) implements AuthorizationDecision {
        public ScheduleWithWarnings {
            if (warnings.isEmpty()) {
                throw new IllegalArgumentException("a warned scheduling needs at least one warning");
            }
            warnings = List.copyOf(warnings);
        }
    }
}
