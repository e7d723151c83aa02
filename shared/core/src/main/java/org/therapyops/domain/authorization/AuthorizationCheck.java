package org.therapyops.domain.authorization;

import org.therapyops.domain.Appointment;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.Reason;
import org.therapyops.domain.ReasonCode;
import org.therapyops.payer.PayerRules;
import org.therapyops.payer.PayerRulesLookup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides whether a requested appointment can be scheduled: a coverage in force on the date of
 * service, and an authorization on a coverage in force for the service code, valid on that date, with enough units
 * left — unless the payer of the coverage it bills (the first in force by priority) does not require authorization for
 * the code on that date by its rules in force then: such a session is scheduled anyway, reserving units of an
 * authorization of that coverage that fits if there is one, nothing otherwise.
 *
 * <p>When several authorizations qualify the choice is deterministic: primary coverage before
 * secondary, then the authorization that ends first (use what expires first), then the lowest id.
 */
public final class AuthorizationCheck {

    private static final Comparator<Candidate> PREFERENCE = Comparator
            .comparing((Candidate c) -> c.coverage().priority())
            .thenComparing(c -> c.authorization().endDate())
            .thenComparing(c -> c.authorization().id());

    private AuthorizationCheck() {
    }

    /**
     * The decision for one appointment, given the patient's coverages and authorizations as read now.
     *
     * @param payerRules the payers' rules by payer and date; a payer whose rules are unknown is taken to require
     *                   authorization
     */
    public static AuthorizationDecision decide(Appointment appointment, List<Coverage> coverages,
                                               List<Authorization> authorizations, PayerRulesLookup payerRules) {
        LocalDate date = appointment.dateOfService();
        String code = appointment.serviceCode();

        Map<String, Coverage> active = coverages.stream()
                .filter(c -> c.activeOn(date))
                .collect(Collectors.toMap(Coverage::id, c -> c));
        if (active.isEmpty()) {
            return new AuthorizationDecision.Refuse(List.of(new Reason(ReasonCode.NO_COVERAGE_ON_DATE,
                    "No coverage of the patient is in force on " + date + ".",
                    Map.of("dateOfService", date.toString()))));
        }

        Coverage billed = billedCoverage(active.values());
        Optional<PayerRules> rules = payerRules.rulesFor(billed.payerId(), date);
        if (rules.isEmpty() || rules.get().requiresAuthorization(code)) {
            return againstAuthorizations(appointment, active, authorizations);
        }
        // Not required: an authorization of the billed coverage is still used when one fits (its counters stay true).
        AuthorizationDecision withOwn = againstAuthorizations(appointment, Map.of(billed.id(), billed), authorizations);
        if (withOwn instanceof AuthorizationDecision.Reserve) {
            return withOwn;
        }
        PayerRules r = rules.get();
        return new AuthorizationDecision.NotRequired(r.payerId(), "No authorization needed: " + r.payerName()
                + " does not require one for " + code + " on " + date + " (" + r.describe(r.authorization().source())
                + "); nothing reserved.");
    }

    private static AuthorizationDecision againstAuthorizations(Appointment appointment, Map<String, Coverage> active,
                                                               List<Authorization> authorizations) {
        LocalDate date = appointment.dateOfService();
        String code = appointment.serviceCode();
        List<Candidate> forCode = authorizations.stream()
                .filter(a -> a.covers(code) && active.containsKey(a.coverageId()))
                .map(a -> new Candidate(a, active.get(a.coverageId())))
                .sorted(PREFERENCE)
                .toList();
        if (forCode.isEmpty()) {
            return new AuthorizationDecision.Refuse(List.of(new Reason(ReasonCode.NO_AUTHORIZATION_FOR_CODE,
                    "No authorization on an active coverage covers service code " + code + ".",
                    Map.of("serviceCode", code, "dateOfService", date.toString()))));
        }

        List<Candidate> inWindow = forCode.stream().filter(c -> c.authorization().inWindow(date)).toList();
        if (inWindow.isEmpty()) {
            Authorization nearest = nearestWindow(forCode, date);
            return new AuthorizationDecision.Refuse(List.of(new Reason(ReasonCode.DATE_OUTSIDE_WINDOW,
                    "The date of service " + date + " is outside every authorization for " + code
                            + " (nearest: " + nearest.startDate() + " to " + nearest.endDate() + ").",
                    Map.of("authorizationId", nearest.id(), "dateOfService", date.toString(),
                            "startDate", nearest.startDate().toString(), "endDate", nearest.endDate().toString()))));
        }

        List<Reason> shortfalls = new ArrayList<>();
        for (Candidate candidate : inWindow) {
            Authorization auth = candidate.authorization();
            long needed = auth.unitType().ledgerUnitsFor(appointment.durationMinutes());
            if (auth.remaining() >= needed) {
                return new AuthorizationDecision.Reserve(auth.id(), needed, explain(candidate, inWindow.size(), needed));
            }
            shortfalls.add(new Reason(ReasonCode.INSUFFICIENT_UNITS,
                    "Authorization " + auth.number() + " has " + auth.unitType().fromLedger(auth.remaining()).toPlainString()
                            + " " + auth.unitType().name().toLowerCase() + " left; the session needs "
                            + auth.unitType().fromLedger(needed).toPlainString() + ".",
                    Map.of("authorizationId", auth.id(), "needed", Long.toString(needed),
                            "remaining", Long.toString(auth.remaining()))));
        }
        return new AuthorizationDecision.Refuse(shortfalls);
    }

    /** The coverage the session is billed to: the first in force by priority (then id), as charge capture picks it. */
    public static Coverage billedCoverage(java.util.Collection<Coverage> active) {
        return active.stream().min(Comparator.comparing(Coverage::priority).thenComparing(Coverage::id)).orElseThrow();
    }

    private static Authorization nearestWindow(List<Candidate> candidates, LocalDate date) {
        return candidates.stream().map(Candidate::authorization)
                .min(Comparator.comparingLong((Authorization a) -> distanceInDays(a, date)).thenComparing(Authorization::id))
                .orElseThrow();
    }

    private static long distanceInDays(Authorization a, LocalDate date) {
        return date.isBefore(a.startDate())
                ? a.startDate().toEpochDay() - date.toEpochDay()
                : date.toEpochDay() - a.endDate().toEpochDay();
    }

    private static String explain(Candidate chosen, int qualifying, long needed) {
        Authorization auth = chosen.authorization();
        String base = "Reserved " + auth.unitType().fromLedger(needed).toPlainString() + " "
                + auth.unitType().name().toLowerCase() + " of authorization " + auth.number()
                + " (" + chosen.coverage().priority().name().toLowerCase() + " coverage, valid "
                + auth.startDate() + " to " + auth.endDate() + ")";
        return qualifying == 1 ? base + "." : base + "; chosen among " + qualifying
                + " valid authorizations: primary coverage first, then the one ending first.";
    }

    private record Candidate(Authorization authorization, Coverage coverage) {
    }
}
