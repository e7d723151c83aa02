package org.therapyops.payer.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentAction;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.AuditEntry;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.authorization.AuthorizationCheck;
import org.therapyops.payer.Actor;
import org.therapyops.payer.PayerRules;
import org.therapyops.payer.PayerRulesLookup;
import org.therapyops.ports.AppointmentRepository;
import org.therapyops.ports.IllegalTransitionException;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.ports.StaleVersionException;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends back to REQUESTED (audited RECHECK) every NEEDS_AUTH appointment of a practice billed to one payer (the
 * coverage the booking decision bills, on the appointment's date) whose service code that payer's rules in force on the
 * date no longer require authorization for; the authorization-check function, fed by the Appointments stream, then
 * decides each again. Running it twice changes nothing more: an appointment already sent back is no longer NEEDS_AUTH.
 */
public final class NeedsAuthRecheck {

    private static final Logger LOG = LoggerFactory.getLogger(NeedsAuthRecheck.class);
    private static final LocalDateTime EARLIEST = LocalDate.of(1900, 1, 1).atStartOfDay();
    private static final LocalDateTime LATEST = LocalDate.of(9999, 12, 31).atStartOfDay();
    private static final int PAGE = 100;

    private final PracticeRepository practice;
    private final AppointmentRepository appointments;
    private final PayerRulesResolver payerRules;
    private final Clock clock;

    public NeedsAuthRecheck(PracticeRepository practice, AppointmentRepository appointments, PayerRulesResolver payerRules,
                            Clock clock) {
        this.practice = practice;
        this.appointments = appointments;
        this.payerRules = payerRules;
        this.clock = clock;
    }

    /** @return the ids of the appointments sent back to REQUESTED, by start */
    public List<String> recheck(String practiceId, String payerId, Actor actor) {
        PayerRulesLookup rules = payerRules.lookup(practice, practiceId);
        Map<String, List<Coverage>> coverages = new HashMap<>();
        List<String> rechecked = new ArrayList<>();
        String cursor = null;
        do {
            var page = appointments.list(practiceId, EARLIEST, LATEST, null, null,
                    AppointmentStatus.NEEDS_AUTH, PAGE, cursor);
            for (Appointment blocked : page.items()) {
                LocalDate date = blocked.dateOfService();
                List<Coverage> active = coverages.computeIfAbsent(blocked.patientId(),
                        id -> practice.benefits(practiceId, id).coverages()).stream().filter(c -> c.activeOn(date)).toList();
                if (active.isEmpty() || !payerId.equals(AuthorizationCheck.billedCoverage(active).payerId())) {
                    continue;
                }
                Optional<PayerRules> inForce = rules.rulesFor(payerId, date);
                if (inForce.isEmpty() || inForce.get().requiresAuthorization(blocked.serviceCode())) {
                    continue;
                }
                AuditEntry audit = new AuditEntry(blocked.id(), clock.instant(), actor.subject(), actor.role(), "RECHECK",
                        AppointmentStatus.NEEDS_AUTH.name(), AppointmentStatus.REQUESTED.name(), actor.requestId(),
                        "payer " + payerId + " no longer requires authorization for " + blocked.serviceCode() + " on " + date);
                try {
                    appointments.apply(practiceId, blocked, new AppointmentRepository.Transition(AppointmentAction.RECHECK,
                            null, audit, null));
                    rechecked.add(blocked.id());
                } catch (IllegalTransitionException | StaleVersionException moved) {
                    // staff acted on it meanwhile: their change stands
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        LOG.info("payer {} of practice {}: {} NEEDS_AUTH appointment(s) sent back to be checked again", payerId, practiceId,
                rechecked.size());
        return rechecked;
    }
}
