package org.therapyops.scheduling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.SchedulingPolicy;
import org.therapyops.domain.authorization.AuthorizationCheck;
import org.therapyops.domain.authorization.AuthorizationDecision;
import org.therapyops.payer.service.PayerRulesResolver;
import org.therapyops.ports.AppointmentRepository.RecordOutcome;
import org.therapyops.ports.AppointmentRepository;
import org.therapyops.ports.PracticeRepository;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides a requested appointment, under the practice's scheduling policy, and records the decision exactly once.
 *
 * <p>Safe under redelivery: the write is conditional on the appointment still being REQUESTED at the
 * version seen, so a second delivery of the same change finds it decided and does nothing. When a
 * concurrent reservation took the units between the read and the write, it decides again on fresh
 * counters.
 */
public final class AuthorizationCheckService {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationCheckService.class);
    /**
     * Each lost race means another booking reserved units (or held the item), so retries make progress;
     * the bound only guards against a pathological storm, after which the record is retried by the stream.
     */
    private static final int MAX_ATTEMPTS = 25;

    private final PracticeRepository practice;
    private final AppointmentRepository appointments;
    private final PayerRulesResolver payerRules;

    public AuthorizationCheckService(PracticeRepository practice, AppointmentRepository appointments,
                                     PayerRulesResolver payerRules) {
        this.practice = practice;
        this.appointments = appointments;
        this.payerRules = payerRules;
    }

    /** The decision written, or empty when the appointment was not (or no longer) waiting for one. */
    public Optional<AuthorizationDecision> check(String practiceId, Appointment requested) {
        if (requested.status() != AppointmentStatus.REQUESTED) {
            return Optional.empty();
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            PracticeRepository.PatientBenefits benefits = practice.benefits(practiceId, requested.patientId());
            AuthorizationDecision decision = applyPolicy(practice.settings(practiceId).schedulingPolicy(),
                    AuthorizationCheck.decide(requested, benefits.coverages(), benefits.authorizations(),
                            payerRules.lookup(practice, practiceId)));
            RecordOutcome outcome = appointments.record(practiceId, requested, decision);
            switch (outcome) {
                case RECORDED -> {
                    LOG.info("appointment {} of practice {} decided: {}", requested.id(), practiceId, summary(decision));
                    return Optional.of(decision);
                }
                case ALREADY_DECIDED -> {
                    LOG.info("appointment {} of practice {} was already decided; nothing written", requested.id(), practiceId);
                    return Optional.empty();
                }
                case CONTENDED -> {
                    LOG.info("appointment {}: authorization changed concurrently, deciding again (attempt {})",
                            requested.id(), attempt);
                    backOff(attempt);
                }
            }
        }
        throw new IllegalStateException("appointment " + requested.id() + " could not be decided after "
                + MAX_ATTEMPTS + " attempts under contention");
    }

    /** Under the WARN policy a refusal becomes a scheduling with warnings; BLOCK keeps it a refusal. */
    static AuthorizationDecision applyPolicy(SchedulingPolicy policy, AuthorizationDecision decision) {
        if (policy == SchedulingPolicy.WARN && decision instanceof AuthorizationDecision.Refuse refuse) {
            return new AuthorizationDecision.ScheduleWithWarnings(refuse.reasons());
        }
        return decision;
    }

    /** Jittered back-off, so that contenders do not collide again in lock-step. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 5L + 10L * Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deciding", e);
        }
    }

    private static String summary(AuthorizationDecision decision) {
        if (decision instanceof AuthorizationDecision.Reserve r) {
            return "SCHEDULED, " + r.units() + " units of authorization " + r.authorizationId();
        }
        if (decision instanceof AuthorizationDecision.Refuse r) {
            return "NEEDS_AUTH " + r.reasons().stream().map(x -> x.code().name()).toList();
        }
        if (decision instanceof AuthorizationDecision.NotRequired n) {
            return "SCHEDULED, no authorization required by payer " + n.payerId();
        }
        return "SCHEDULED with warnings " + ((AuthorizationDecision.ScheduleWithWarnings) decision).warnings().stream()
                .map(x -> x.code().name()).toList();
    }
}
