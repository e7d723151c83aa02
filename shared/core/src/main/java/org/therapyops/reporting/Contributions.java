package org.therapyops.reporting;

import org.therapyops.billing.Charge;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.billing.ClaimMilestones;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.PayerResponse;
import org.therapyops.billing.ClaimBalance;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.remittance.LedgerEntry;
import org.therapyops.billing.remittance.Posting;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.PracticeSettings;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Set;

import static org.therapyops.reporting.Aggregate.Kind.AR_DAY;
import static org.therapyops.reporting.Aggregate.Kind.DAY_CARC;
import static org.therapyops.reporting.Aggregate.Kind.DAY_PAYER;
import static org.therapyops.reporting.Aggregate.Kind.DAY_PROVIDER;
import static org.therapyops.reporting.Aggregate.Kind.DAY_TOTAL;

/**
 * What each kind of source item contributes, as a pure function of its current state and the practice's time zone
 * (every day is the practice-local date of the instant). The formulas these counters feed are named in docs/reports.md.
 */
public final class Contributions {

    private final ReportingRules rules;

    public Contributions(ReportingRules rules) {
        this.rules = rules;
    }

    public ReportingRules rules() {
        return rules;
    }

    // ------------------------------------------------------------------ claims

    /**
     * A claim: its first scrub, first decision and first adjudication (counted once each, on their days), its
     * initial denials by CARC, its services on the date of service and its lags (original claims for charges, units and
     * charge lag), its open A/R on the date of service, and the leakage list it is on (READY, NEEDS_REVIEW, REJECTED, or
     * open denials).
     */
    public Contribution ofClaim(ClaimSnapshot snapshot, ZoneId zone) {
        StoredClaim stored = snapshot.claim();
        ClaimMilestones m = stored.milestones();
        String payer = orUnknown(stored.claim().payerId());
        String provider = providerOf(stored);
        BigDecimal charge = stored.claim().totalCharge();
        Contribution.Builder b = Contribution.builder();

        if (m.firstScrubbedAt() != null) {
            LocalDate day = local(m.firstScrubbedAt(), zone);
            b.addByPayerAndProvider(day, Metric.SCRUBBED, payer, provider, BigDecimal.ONE);
            if (m.firstScrub() == ClaimStatus.READY) {
                b.addByPayerAndProvider(day, Metric.CLEAN, payer, provider, BigDecimal.ONE);
            }
        }
        if (m.firstDecisionAt() != null) {
            LocalDate day = local(m.firstDecisionAt(), zone);
            b.addByPayerAndProvider(day, Metric.DECIDED, payer, provider, BigDecimal.ONE);
            if (m.firstDecision() == ClaimStatus.ACCEPTED) {
                b.addByPayerAndProvider(day, Metric.ACCEPTED_FIRST, payer, provider, BigDecimal.ONE);
            }
        }
        if (m.firstAdjudicatedAt() != null) {
            LocalDate day = local(m.firstAdjudicatedAt(), zone);
            b.addByPayerAndProvider(day, Metric.ADJUDICATED, payer, provider, BigDecimal.ONE);
            b.addByPayerAndProvider(day, Metric.ADJUDICATED_CHARGE, payer, provider, charge);
            if (m.resolvedOnFirstPass()) {
                b.addByPayerAndProvider(day, Metric.RESOLVED_FIRST, payer, provider, BigDecimal.ONE);
            }
            if (!m.initialDenials().isEmpty()) {
                b.addByPayerAndProvider(day, Metric.DENIED, payer, provider, BigDecimal.ONE);
                Set<String> reasons = new LinkedHashSet<>();
                for (PayerResponse.Denial d : m.initialDenials()) {
                    b.addByPayerAndProvider(day, Metric.DENIED_AMOUNT, payer, provider, d.amount());
                    String carc = orUnknown(d.primaryReason());
                    b.add(DAY_CARC, day, Metric.by(Metric.DENIED_AMOUNT, carc), d.amount());
                    reasons.add(carc);
                }
                reasons.forEach(carc -> b.add(DAY_CARC, day, Metric.by(Metric.DENIED_CLAIMS, carc), BigDecimal.ONE));
            }
            if ((m.firstAdjudication() == ClaimStatus.PAID || m.firstAdjudication() == ClaimStatus.PARTIALLY_PAID)
                    && m.firstSubmittedAt() != null) {
                long lag = rules.clampLag(ChronoUnit.DAYS.between(local(m.firstSubmittedAt(), zone), day));
                b.addByPayerAndProvider(day, Metric.bucket(Metric.LAG_PAY, lag), payer, provider, BigDecimal.ONE);
            }
        }
        LocalDate dos = stored.claim().dateOfService();
        if (stored.claim().frequency() == ClaimFrequency.ORIGINAL) {
            for (Charge line : stored.claim().lines()) {
                String lineProvider = line.renderingProviderId() != null ? line.renderingProviderId() : provider;
                BigDecimal units = BigDecimal.valueOf(line.units());
                b.add(DAY_TOTAL, dos, Metric.CHARGES, line.amount()).add(DAY_PAYER, dos, Metric.by(Metric.CHARGES, payer), line.amount())
                        .add(DAY_PROVIDER, dos, Metric.by(Metric.CHARGES, lineProvider), line.amount());
                b.add(DAY_TOTAL, dos, Metric.UNITS, units).add(DAY_PAYER, dos, Metric.by(Metric.UNITS, payer), units)
                        .add(DAY_PROVIDER, dos, Metric.by(Metric.UNITS, lineProvider), units);
            }
            LocalDate created = local(stored.createdAt(), zone);
            long lag = rules.clampLag(ChronoUnit.DAYS.between(dos, created));
            b.addByPayerAndProvider(created, Metric.bucket(Metric.LAG_CHARGE, lag), payer, provider, BigDecimal.ONE);
        }
        if (m.firstSubmittedAt() != null) {
            LocalDate submitted = local(m.firstSubmittedAt(), zone);
            long lag = rules.clampLag(ChronoUnit.DAYS.between(local(stored.createdAt(), zone), submitted));
            b.addByPayerAndProvider(submitted, Metric.bucket(Metric.LAG_SUBMIT, lag), payer, provider, BigDecimal.ONE);
        }
        ClaimBalance ar = ClaimBalance.of(stored);
        for (Aggregate a : new Aggregate[] {new Aggregate(AR_DAY, dos), Aggregate.total()}) {
            b.add(a, Metric.by(Metric.AR_INSURANCE, payer), ar.insurance());
            b.add(a, Metric.by(Metric.AR_PATIENT, payer), ar.patient());
            b.add(a, Metric.AR_INSURANCE, ar.insurance()); // all payers: what a report not by payer reads
            b.add(a, Metric.AR_PATIENT, ar.patient());
        }
        work(stored, snapshot.scrubbedAt(), zone, payer, provider, charge, b);
        return b.build();
    }

    private static void work(StoredClaim stored, Instant scrubbedAt, ZoneId zone, String payer, String provider,
                             BigDecimal charge, Contribution.Builder b) {
        String id = stored.claim().id();
        String patient = stored.claim().patientId();
        PayerResponse r = stored.response();
        Instant scrubbed = scrubbedAt != null ? scrubbedAt : stored.createdAt();
        switch (stored.status()) {
            case READY -> b.work(new WorkItem(WorkItem.Kind.UNSUBMITTED, local(scrubbed, zone), id, charge, null,
                    stored.status().name(), payer, provider, patient));
            case NEEDS_REVIEW -> b.work(new WorkItem(WorkItem.Kind.REVIEW, local(scrubbed, zone), id, charge, null,
                    stored.status().name(), payer, provider, patient));
            case REJECTED -> {
                Instant at = r.acknowledgement() != null && r.acknowledgement().at() != null ? r.acknowledgement().at()
                        : r.submittedAt() != null ? r.submittedAt() : stored.createdAt();
                b.work(new WorkItem(WorkItem.Kind.REJECTED, local(at, zone), id, charge, null, stored.status().name(), payer,
                        provider, patient));
            }
            case DENIED, PARTIALLY_PAID -> {
                if (!r.denials().isEmpty()) {
                    Instant at = r.remittance() != null && r.remittance().lastPostedAt() != null ? r.remittance().lastPostedAt()
                            : stored.createdAt();
                    BigDecimal open = r.denials().stream().map(PayerResponse.Denial::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                    b.work(new WorkItem(WorkItem.Kind.DENIED, local(at, zone), id, open, null, stored.status().name(), payer,
                            provider, patient));
                }
            }
            default -> { }
        }
    }

    /** The claim's provider: the rendering provider of its first line (a note's lines share one). */
    public static String providerOf(StoredClaim claim) {
        return claim.claim().lines().stream().map(Charge::renderingProviderId).filter(id -> id != null && !id.isBlank())
                .findFirst().orElse(Metric.UNKNOWN);
    }

    // ------------------------------------------------------------------ postings

    /**
     * A claim payment posted to a claim's ledger (written once): on its payment date, what the payer paid (CLP04) — or,
     * for a reversal (CLP02 22), what it took back, as a credit — and its contractual adjustments (group CO with a
     * contractual CARC; a reversal's are negative and net out).
     */
    public Contribution ofPosting(Posting posting, String payerId, ZoneId zone) {
        LocalDate day = posting.paymentDate() != null ? posting.paymentDate() : local(posting.postedAt(), zone);
        String payer = orUnknown(payerId);
        Contribution.Builder b = Contribution.builder();
        if (posting.reversal()) {
            add(b, day, Metric.CREDITS, payer, posting.paid().negate());
        } else {
            add(b, day, Metric.PAYMENTS, payer, posting.paid());
        }
        BigDecimal contractual = BigDecimal.ZERO;
        for (LedgerEntry e : posting.entries()) {
            if (e.kind() == LedgerEntry.Kind.ADJUSTMENT && "CO".equals(e.group()) && rules.contractualReasons().contains(e.reason())) {
                contractual = contractual.add(e.amount());
            }
        }
        add(b, day, Metric.CONTRACTUAL, payer, contractual);
        return b.build();
    }

    private static void add(Contribution.Builder b, LocalDate day, String metric, String payer, BigDecimal amount) {
        b.add(DAY_TOTAL, day, metric, amount).add(DAY_PAYER, day, Metric.by(metric, payer), amount);
    }

    // ------------------------------------------------------------------ sessions

    /**
     * An appointment, on its date of service: completed (and on the list while its note is not signed), no-show, or
     * cancelled with how many hours of notice it gave (0 when after the start; the most when unknown).
     */
    public Contribution ofSession(SessionFact fact, ZoneId zone) {
        SessionFact.Appointment a = fact.appointment();
        if (a == null) {
            return Contribution.NONE;
        }
        LocalDate dos = a.start().toLocalDate();
        String provider = orUnknown(a.providerId());
        Contribution.Builder b = Contribution.builder();
        if (a.status() == AppointmentStatus.COMPLETED) {
            addByProvider(b, dos, Metric.COMPLETED, provider);
            if (fact.note() == null || !fact.note().signed()) {
                b.work(new WorkItem(WorkItem.Kind.NOTE_MISSING, dos, fact.appointmentId(), null, null,
                        fact.note() == null ? "NO_NOTE" : "DRAFT", null, a.providerId(), a.patientId()));
            }
        } else if (a.status() == AppointmentStatus.NO_SHOW) {
            addByProvider(b, dos, Metric.NO_SHOW, provider);
        } else if (a.status() == AppointmentStatus.CANCELLED) {
            addByProvider(b, dos, Metric.bucket(Metric.CANCELLED, noticeHours(a, zone)), provider);
        }
        return b.build();
    }

    /** Whole hours between the cancellation and the start, 0 … {@code MAX_LATE_CANCEL_HOURS} (unknown: the most). */
    public static long noticeHours(SessionFact.Appointment a, ZoneId zone) {
        int most = PracticeSettings.ReportingThresholds.MAX_LATE_CANCEL_HOURS;
        if (a.cancelledAt() == null) {
            return most;
        }
        long minutes = Duration.between(a.cancelledAt(), a.start().atZone(zone).toInstant()).toMinutes();
        return Math.max(0, Math.min(most, Math.floorDiv(minutes, 60)));
    }

    private static void addByProvider(Contribution.Builder b, LocalDate day, String metric, String provider) {
        b.add(DAY_TOTAL, day, metric, BigDecimal.ONE).add(DAY_PROVIDER, day, Metric.by(metric, provider), BigDecimal.ONE);
    }

    // ------------------------------------------------------------------ notes and authorizations

    /** A signed note is on the list while no claim came of it: no capture record yet, or one that built no claim. */
    public Contribution ofNote(NoteFact fact, ZoneId zone) {
        NoteFact.Note n = fact.note();
        if (n == null || !n.signed() || fact.capture() != null && fact.capture().claims() > 0) {
            return Contribution.NONE;
        }
        Instant signedAt = n.signedAt() != null ? n.signedAt() : Instant.EPOCH;
        return Contribution.builder().work(new WorkItem(WorkItem.Kind.CLAIM_MISSING, local(signedAt, zone), fact.noteId(), null,
                null, fact.capture() == null ? "PENDING" : fact.capture().outcome().name(), null, n.providerId(), n.patientId()))
                .build();
    }

    /** An authorization is on the list while units would remain at its end date (authorized − rendered − scheduled > 0). */
    public Contribution ofAuthorization(Authorization a) {
        if (a.remaining() <= 0) {
            return Contribution.NONE;
        }
        return Contribution.builder().work(new WorkItem(WorkItem.Kind.EXPIRING, a.endDate(), a.id(), null,
                a.unitType().fromLedger(a.remaining()), a.unitType().name(), null, null, a.patientId())).build();
    }

    // ------------------------------------------------------------------ helpers

    public static LocalDate local(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDate();
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? Metric.UNKNOWN : value;
    }
}
