package org.therapyops.inbound.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapyops.alerting.AlertRaiser;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentAction;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.AuditEntry;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.alert.Alert;
import org.therapyops.domain.alert.AlertStatus;
import org.therapyops.domain.alert.AlertType;
import org.therapyops.inbound.AuthorizationUpdate;
import org.therapyops.ports.AppointmentRepository;
import org.therapyops.ports.IllegalTransitionException;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.ports.StaleVersionException;
import org.therapyops.scheduling.AuthorizationCheckService;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies a payer's or UM vendor's authorization update: the authorization with that number on the coverage of that
 * member id is created or replaced (number, codes, quantity, window; the counters stay), then every NEEDS_AUTH
 * appointment of the patient it now covers is checked again (audited as the integration's), and staff get one alert
 * saying how many of them are now scheduled. Applying the same update again changes nothing and raises no second alert.
 */
public final class AuthorizationUpdateService {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationUpdateService.class);
    private static final int ATTEMPTS = 5;

    private final PracticeRepository practice;
    private final AppointmentRepository appointments;
    private final AuthorizationCheckService check;
    private final AlertRaiser alerts;
    private final Clock clock;

    public AuthorizationUpdateService(PracticeRepository practice, AppointmentRepository appointments,
                                      AuthorizationCheckService check, AlertRaiser alerts, Clock clock) {
        this.practice = practice;
        this.appointments = appointments;
        this.check = check;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** What the update did; {@code unmatched} says why nothing was (no single coverage has that member id and payer). */
    public record Outcome(String authorizationId, boolean created, int rechecked, int scheduled, List<String> changes,
                          List<String> unmatched) {
        public Outcome {
            changes = List.copyOf(changes);
            unmatched = List.copyOf(unmatched);
        }
    }

    /** The update could not be applied as sent (e.g. a window that ends before it starts); the message names no patient data. */
    public static final class InvalidUpdateException extends RuntimeException {
        public InvalidUpdateException(String message) {
            super(message);
        }
    }

    public Outcome apply(String practiceId, String integrationId, String deliveryId, AuthorizationUpdate update) {
        validate(update);
        List<Coverage> candidates = new ArrayList<>();
        for (Coverage c : practice.coveragesByMember(practiceId, update.memberId())) {
            if (update.payerEdiId() == null || practice.payer(practiceId, c.payerId())
                    .map(p -> p.payerId() != null && p.payerId().equalsIgnoreCase(update.payerEdiId().strip())).orElse(false)) {
                candidates.add(c);
            }
        }
        if (candidates.size() > 1) {
            List<Coverage> active = candidates.stream().filter(c -> c.activeOn(update.startDate())).toList();
            candidates = active.isEmpty() ? candidates : active;
        }
        if (candidates.size() != 1) {
            String why = candidates.isEmpty() ? "no coverage of the practice has its member id" + (update.payerEdiId() == null
                    ? "" : " with payer " + update.payerEdiId()) : candidates.size() + " coverages have its member id";
            return new Outcome(null, false, 0, 0, List.of(), List.of("authorization " + update.number() + ": " + why
                    + "; nothing changed"));
        }
        Coverage coverage = candidates.get(0);
        String patientId = coverage.patientId();
        Instant now = clock.instant();

        Authorization written = null;
        boolean created = false;
        boolean changed = true;
        for (int attempt = 1; attempt <= ATTEMPTS && written == null; attempt++) {
            Optional<Authorization> existing = practice.benefits(practiceId, patientId).authorizations().stream()
                    .filter(a -> coverage.id().equals(a.coverageId()) && update.number().strip().equalsIgnoreCase(a.number()))
                    .findFirst();
            long authorized = update.unitType().toLedger(update.quantity());
            try {
                if (existing.isPresent()) {
                    Authorization a = existing.get();
                    if (a.unitType() != update.unitType()) {
                        throw new InvalidUpdateException("authorization " + update.number() + " is counted in " + a.unitType()
                                + "; an update in " + update.unitType() + " cannot replace it (staff record it anew)");
                    }
                    Authorization next = new Authorization(a.id(), patientId, coverage.id(), update.number().strip(),
                            update.serviceCodes(), update.unitType(), authorized, a.scheduled(), a.rendered(), update.startDate(),
                            update.endDate(), a.discipline(), a.createdAt(), a.version());
                    changed = !sameTerms(a, next);
                    written = changed ? practice.update(practiceId, next) : a;
                } else {
                    Authorization fresh = new Authorization(idOf(practiceId, coverage.id(), update.number()), patientId,
                            coverage.id(), update.number().strip(), update.serviceCodes(), update.unitType(), authorized, 0, 0,
                            update.startDate(), update.endDate(), null, now, 1);
                    practice.create(practiceId, fresh);
                    written = fresh;
                    created = true;
                }
            } catch (InvalidUpdateException e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                // changed (a reservation) or created concurrently (this update delivered twice at once): read again
                LOG.info("authorization {} of practice {} changed while updating it; reading it again", update.number(), practiceId);
            }
        }

        int rechecked = 0;
        int scheduled = 0;
        for (Appointment blocked : blockedCovered(practiceId, patientId, written)) {
            AuditEntry audit = new AuditEntry(blocked.id(), now, "integration:" + integrationId, "integration", "RECHECK",
                    AppointmentStatus.NEEDS_AUTH.name(), AppointmentStatus.REQUESTED.name(), deliveryId,
                    "authorization " + written.number() + " updated by the payer");
            Appointment requested;
            try {
                requested = appointments.apply(practiceId, blocked, new AppointmentRepository.Transition(AppointmentAction.RECHECK,
                        null, audit, null));
            } catch (IllegalTransitionException | StaleVersionException moved) {
                continue; // staff acted on it meanwhile
            }
            rechecked++;
            check.check(practiceId, requested);
            // Read back rather than trust check's answer: the authorization check function may have decided it first.
            if (appointments.appointment(practiceId, blocked.id()).map(Appointment::status).orElse(null) == AppointmentStatus.SCHEDULED) {
                scheduled++;
            }
        }
        if (!changed && rechecked == 0) {
            LOG.info("authorization {} of practice {}: update from integration {} changes nothing", written.id(), practiceId,
                    integrationId);
            return new Outcome(written.id(), false, 0, 0, List.of("authorization " + written.id() + " (" + written.number()
                    + ") already as sent; nothing changed"), List.of());
        }
        String initials = practice.patient(practiceId, patientId).map(p -> Alert.initials(p.firstName(), p.lastName())).orElse(null);
        String message = "Authorization " + written.number() + " was " + (created ? "added" : "updated") + " by the payer ("
                + written.quantity().stripTrailingZeros().toPlainString() + " " + written.unitType().name().toLowerCase(Locale.ROOT)
                + ", " + written.startDate() + " to " + written.endDate() + "): " + scheduled + " of " + rechecked
                + " blocked session(s) now scheduled.";
        // One alert per state the authorization was brought to: the same update sent twice raises it once.
        alerts.raise(new Alert(Alert.idOf("authorization-updated|" + practiceId + "|" + written.id() + "|" + terms(written)), practiceId,
                AlertType.AUTHORIZATION_UPDATED, scheduled, written.id(), null, patientId, initials, written.number(),
                written.endDate(), null, message, now, AlertStatus.OPEN, null, null));
        LOG.info("authorization {} of practice {} {} by integration {}: {} rechecked, {} scheduled", written.id(), practiceId,
                created ? "created" : "updated", integrationId, rechecked, scheduled);
        return new Outcome(written.id(), created, rechecked, scheduled, List.of("authorization " + written.id() + " ("
                + written.number() + ") " + (created ? "created" : "updated") + "; " + rechecked + " blocked appointment(s) checked "
                + "again, " + scheduled + " now SCHEDULED"), List.of());
    }

    private static boolean sameTerms(Authorization a, Authorization b) {
        return terms(a).equals(terms(b));
    }

    /** What an update can change: number, codes, unit type, quantity, window. */
    private static String terms(Authorization a) {
        return a.number() + "|" + new java.util.TreeSet<>(a.serviceCodes()) + "|" + a.unitType() + "|" + a.authorized() + "|"
                + a.startDate() + "|" + a.endDate();
    }

    /** The patient's NEEDS_AUTH appointments in the authorization's window for a code it covers. */
    private List<Appointment> blockedCovered(String practiceId, String patientId, Authorization authorization) {
        List<Appointment> found = new ArrayList<>();
        String cursor = null;
        do {
            PracticeRepository.Page<Appointment> page = appointments.list(practiceId, authorization.startDate().atStartOfDay(),
                    authorization.endDate().plusDays(1).atStartOfDay(), null, patientId, AppointmentStatus.NEEDS_AUTH, 100, cursor);
            page.items().stream().filter(a -> authorization.covers(a.serviceCode())).forEach(found::add);
            cursor = page.nextCursor();
        } while (cursor != null);
        return found;
    }

    private static void validate(AuthorizationUpdate u) {
        if (u.memberId() == null || u.memberId().isBlank()) {
            throw new InvalidUpdateException("memberId is required");
        }
        if (u.number() == null || u.number().isBlank() || u.number().strip().length() > 50) {
            throw new InvalidUpdateException("number is required (at most 50 characters)");
        }
        if (u.serviceCodes().isEmpty()) {
            throw new InvalidUpdateException("serviceCodes must name at least one code");
        }
        if (u.unitType() == null || u.quantity() == null || u.quantity().signum() <= 0) {
            throw new InvalidUpdateException("unitType and a quantity above 0 are required");
        }
        if (u.startDate() == null || u.endDate() == null || u.endDate().isBefore(u.startDate())) {
            throw new InvalidUpdateException("startDate and endDate are required, the end not before the start");
        }
    }

    /** The id of an authorization an integrator created: the same update twice makes the same one. */
    static String idOf(String practiceId, String coverageId, String number) {
        return "auth-" + UUID.nameUUIDFromBytes((practiceId + "|" + coverageId + "|" + number.strip().toUpperCase(Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8));
    }
}
