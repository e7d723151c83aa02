package org.therapyops.payer.service;

import org.therapyops.domain.Payer;
import org.therapyops.domain.PayerRuleSettings;
import org.therapyops.domain.PayerType;
import org.therapyops.payer.Actor;
import org.therapyops.ports.PracticeRepository;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Registers and replaces a practice's payers. A payer's own settings are recorded as a rule version effective from a
 * date of service: at registration from the start (every earlier date too) unless told otherwise, on a replacement from
 * the practice's today unless told otherwise, so that claims of earlier dates keep being scrubbed under the rules of
 * their date. A replacement then checks again the NEEDS_AUTH bookings its rules may no longer block.
 */
public final class PayerService {

    private final PracticeRepository practice;
    private final NeedsAuthRecheck recheck;
    private final Clock clock;

    public PayerService(PracticeRepository practice, NeedsAuthRecheck recheck, Clock clock) {
        this.practice = practice;
        this.recheck = recheck;
        this.clock = clock;
    }

    /**
     * What a client says of a payer: its identity, and its own settings (fields left null are not set: the profile's)
     * effective from {@code rulesEffectiveFrom} (null: the default of the operation).
     */
    public record PayerChange(String name, String payerId, PayerType payerType, PayerRuleSettings settings,
                              LocalDate rulesEffectiveFrom) {
        public PayerChange {
            Objects.requireNonNull(settings, "settings");
        }
    }

    /** What a replacement did: the payer at its new version and the blocked appointments sent back to be checked again. */
    public record Replaced(Payer payer, List<String> recheckedAppointmentIds) {
        public Replaced {
            recheckedAppointmentIds = List.copyOf(recheckedAppointmentIds);
        }
    }

    /** A new payer; its settings, if any, in force from the start unless the change names a date. */
    public Payer register(String practiceId, String id, PayerChange change, Actor actor) {
        Payer payer = new Payer(id, change.name(), change.payerId(), change.payerType(), clock.instant(), 1);
        if (!change.settings().isEmpty()) {
            payer = payer.withRules(change.settings(), change.rulesEffectiveFrom(), clock.instant(), actor.subject());
        }
        practice.create(practiceId, payer);
        return payer;
    }

    /**
     * Replaces the payer read ({@code current}, at the version the caller read): identity, and its settings as a rule
     * version effective from the change's date (default: the practice's today); then sends the NEEDS_AUTH bookings its
     * rules in force no longer block back to be checked. The recheck runs on every replacement, so sending the same
     * replacement again after a failure completes it.
     *
     * @throws org.therapyops.ports.StaleVersionException when the payer changed since {@code current.version()}
     */
    public Replaced replace(String practiceId, Payer current, PayerChange change, Actor actor) {
        LocalDate effectiveFrom = change.rulesEffectiveFrom() != null ? change.rulesEffectiveFrom() : today(practiceId);
        Payer next = current.withIdentity(change.name(), change.payerId(), change.payerType())
                .withRules(change.settings(), effectiveFrom, clock.instant(), actor.subject());
        Payer written = practice.update(practiceId, next);
        // Every NEEDS_AUTH booking billed to this payer is looked at (not only those from effectiveFrom on), so that a
        // type change or a repeated replacement also reaches those an earlier change left blocked.
        List<String> rechecked = recheck.recheck(practiceId, written.id(), actor);
        return new Replaced(written, rechecked);
    }

    /** The practice's today (its time zone), the default first date of service of a change. */
    public LocalDate today(String practiceId) {
        return LocalDate.now(clock.withZone(ZoneId.of(practice.settings(practiceId).timeZone())));
    }
}
