package org.therapyops.scheduling;

import org.therapyops.domain.Appointment;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.authorization.AuthorizationCheck;
import org.therapyops.domain.authorization.AuthorizationDecision;
import org.therapyops.payer.PayerRulesLookup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What booking a series would do to the patient's authorizations, before any session is booked: each
 * session is decided in date order as the authorization check will decide it, with the units of the
 * sessions before it already reserved. Sessions that would exceed the remaining units or fall after an
 * authorization's end date come back refused, with the reasons the check would give.
 */
public final class SeriesForecast {

    private SeriesForecast() {
    }

    /** One session's expected outcome and, when it reserves, what would remain of its authorization after it. */
    public record Session(Appointment appointment, AuthorizationDecision decision, Long remainingAfter) {

        /** Whether it would be scheduled without a warning: within an authorization, or needing none. */
        public boolean withinAuthorization() {
            return decision instanceof AuthorizationDecision.Reserve || decision instanceof AuthorizationDecision.NotRequired;
        }
    }

    public static List<Session> assess(List<Appointment> sessions, List<Coverage> coverages, List<Authorization> authorizations,
                                       PayerRulesLookup payerRules) {
        List<Authorization> current = new ArrayList<>(authorizations);
        List<Session> result = new ArrayList<>();
        List<Appointment> ordered = sessions.stream().sorted(Comparator.comparing(Appointment::start)).toList();
        for (Appointment session : ordered) {
            AuthorizationDecision decision = AuthorizationCheck.decide(session, coverages, current, payerRules);
            Long remainingAfter = null;
            if (decision instanceof AuthorizationDecision.Reserve reserve) {
                for (int i = 0; i < current.size(); i++) {
                    if (current.get(i).id().equals(reserve.authorizationId())) {
                        Authorization after = current.get(i).reserve(reserve.units());
                        current.set(i, after);
                        remainingAfter = after.remaining();
                    }
                }
            }
            result.add(new Session(session, decision, remainingAfter));
        }
        return result;
    }
}
