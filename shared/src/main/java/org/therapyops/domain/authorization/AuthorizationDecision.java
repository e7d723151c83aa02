package org.therapyops.domain.authorization;

import java.util.List;

/** The authorization check's verdict on one requested appointment. */
public sealed interface AuthorizationDecision {

    /** Schedule it, reserving {@code units} ledger units of the chosen authorization. */
    record Reserve(String authorizationId, long units, String explanation) implements AuthorizationDecision {
    }

    /** Do not schedule it; the reasons are in a stable order. */
    record Refuse(List<Reason> reasons) implements AuthorizationDecision {
        public Refuse {
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a refusal needs at least one reason");
            }
            reasons = List.copyOf(reasons);
        }
    }
}
