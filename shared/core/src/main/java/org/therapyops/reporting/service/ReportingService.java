package org.therapyops.reporting.service;

import org.therapyops.reporting.ClaimSnapshot;
import org.therapyops.reporting.Contributions;
import org.therapyops.reporting.NoteFact;
import org.therapyops.reporting.SessionFact;

import org.therapyops.alerting.AlertRaiser;
import org.therapyops.billing.charges.CaptureRecord;
import org.therapyops.billing.Note;
import org.therapyops.billing.NoteStatus;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.remittance.Posting;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.Authorization;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.ports.ReportingStore;
import org.therapyops.ports.ReportingStore.Fact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps the reporting table in step with the source tables, one changed item at a time, whatever order and however
 * often the changes arrive: each item's fact keeps the version of what it was computed from, a change older than (or
 * as old as) what is kept changes nothing, and a newer one replaces the item's contribution by the difference. The
 * stream handler and the backfill both call this, with the item as it is now.
 */
public final class ReportingService {

    private static final Logger LOG = LoggerFactory.getLogger(ReportingService.class);
    static final Duration ZONE_CACHE = Duration.ofMinutes(5);

    private final ReportingStore store;
    private final PracticeRepository practice;
    private final ClaimRepository claims;
    private final Contributions contributions;
    private final Clock clock;
    private final Map<String, CachedZone> zones = new ConcurrentHashMap<>();
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    /** While {@link #together} runs on a thread: the changes held back, by practice. */
    private final ThreadLocal<Map<String, List<ReportingStore.Change>>> held = new ThreadLocal<>();

    private record CachedZone(ZoneId zone, Instant until) {
    }

    public ReportingService(ReportingStore store, PracticeRepository practice, ClaimRepository claims,
                            Contributions contributions, Clock clock) {
        this.store = store;
        this.practice = practice;
        this.claims = claims;
        this.contributions = contributions;
        this.clock = clock;
    }

    /** A claim as it is now (its version orders its changes). */
    public boolean claimChanged(String practiceId, ClaimSnapshot snapshot) {
        StoredClaim c = snapshot.claim();
        ZoneId zone = zone(practiceId);
        return update(practiceId, "CLAIM#" + c.claim().id(), fact -> newer(fact, "version", c.version())
                ? new Fact(Map.of("version", Long.toString(c.version())), contributions.ofClaim(snapshot, zone)) : null);
    }

    /** A posting of a claim's ledger (written once; the claim's payer is read the first time it is seen). */
    public boolean postingRecorded(String practiceId, Posting posting) {
        ZoneId zone = zone(practiceId);
        return update(practiceId, "POSTING#" + posting.claimId() + "#" + posting.id(), fact -> {
            if (!fact.isNone()) {
                return null;
            }
            String payer = claims.get(practiceId, posting.claimId()).map(s -> s.claim().payerId()).orElse(null);
            return new Fact(Map.of("posted", "true"), contributions.ofPosting(posting, payer, zone));
        });
    }

    /** What charge capture made of a note (written once). */
    public boolean captureRecorded(String practiceId, CaptureRecord record) {
        ZoneId zone = zone(practiceId);
        NoteFact.Capture capture = new NoteFact.Capture(record.outcome(), record.claimIds().size());
        return updateNote(practiceId, record.noteId(), fact -> fact.with(capture), zone);
    }

    /** A note as it is now: its own fact, and its appointment's session (whether the session's note is signed). */
    public boolean noteChanged(String practiceId, Note note) {
        ZoneId zone = zone(practiceId);
        NoteFact.Note part = new NoteFact.Note(note.version(), note.status() == NoteStatus.SIGNED, note.signedAt(),
                note.appointmentId(), note.renderingProviderId(), note.patientId());
        boolean changed = updateNote(practiceId, note.id(), fact -> fact.with(part), zone);
        SessionFact.Note sessionPart = new SessionFact.Note(note.id(), note.version(), note.status() == NoteStatus.SIGNED);
        return updateSession(practiceId, note.appointmentId(), fact -> fact.with(sessionPart), zone) | changed;
    }

    /** An appointment as it is now, with when it was cancelled (null when it was not). */
    public boolean appointmentChanged(String practiceId, Appointment appointment, Instant cancelledAt) {
        ZoneId zone = zone(practiceId);
        SessionFact.Appointment part = new SessionFact.Appointment(appointment.version(), appointment.status(),
                appointment.start(), appointment.providerId(), appointment.patientId(), cancelledAt);
        return updateSession(practiceId, appointment.id(), fact -> fact.with(part), zone);
    }

    /** An authorization as it is now. */
    public boolean authorizationChanged(String practiceId, Authorization authorization) {
        return update(practiceId, "AUTH#" + authorization.id(), fact -> newer(fact, "version", authorization.version())
                ? new Fact(Map.of("version", Long.toString(authorization.version())), contributions.ofAuthorization(authorization))
                : null);
    }

    /**
     * Compacts every registered practice's undated aggregates ({@link ReportingStore#compact}), the daily job that keeps
     * them as small as what is open: seen practices, counters removed, practices that failed (logged, the rest go on).
     */
    public AlertRaiser.ScanResult compactAll() {
        int seen = 0;
        int removed = 0;
        int failed = 0;
        for (String practiceId : store.practices()) {
            seen++;
            try {
                removed += store.compact(practiceId);
            } catch (RuntimeException e) {
                failed++;
                LOG.error("compaction: practice {} failed: {}", practiceId, e.getClass().getSimpleName());
            }
        }
        LOG.info("compaction: {} practices, {} zero counters removed, {} failed", seen, removed, failed);
        return new AlertRaiser.ScanResult(seen, removed, failed);
    }

    private boolean updateNote(String practiceId, String noteId, java.util.function.UnaryOperator<NoteFact> change, ZoneId zone) {
        return update(practiceId, "NOTE#" + noteId, fact -> {
            NoteFact before = NoteFact.of(noteId, fact.parts());
            NoteFact after = change.apply(before);
            return after.equals(before) ? null : new Fact(after.parts(), contributions.ofNote(after, zone));
        });
    }

    private boolean updateSession(String practiceId, String appointmentId, java.util.function.UnaryOperator<SessionFact> change,
                                  ZoneId zone) {
        return update(practiceId, "SESSION#" + appointmentId, fact -> {
            SessionFact before = SessionFact.of(appointmentId, fact.parts());
            SessionFact after = change.apply(before);
            return after.equals(before) ? null : new Fact(after.parts(), contributions.ofSession(after, zone));
        });
    }

    private boolean update(String practiceId, String key, java.util.function.UnaryOperator<Fact> next) {
        if (registered.add(practiceId)) {
            store.register(practiceId);
        }
        Map<String, List<ReportingStore.Change>> changes = held.get();
        if (changes != null) {
            changes.computeIfAbsent(practiceId, p -> new ArrayList<>()).add(new ReportingStore.Change(key, next));
            return true;
        }
        return store.update(practiceId, key, next);
    }

    /**
     * Runs {@code work} with the changes it makes held back, then writes each practice's together
     * ({@link ReportingStore#updateAll}: every aggregate once, however many of the changes add to it), calling
     * {@code eachPractice} before each practice's. While held, a change answers true: whether it changes anything is
     * known only when it is written. When writing fails, the practices not yet written are not either, and the
     * exception is thrown: every change here must be safe to apply again.
     */
    public <T> T together(Supplier<T> work, Consumer<String> eachPractice) {
        if (held.get() != null) {
            return work.get();
        }
        Map<String, List<ReportingStore.Change>> changes = new LinkedHashMap<>();
        held.set(changes);
        T result;
        try {
            result = work.get();
        } finally {
            held.remove();
        }
        changes.forEach((practiceId, list) -> {
            eachPractice.accept(practiceId);
            store.updateAll(practiceId, list);
        });
        return result;
    }

    private static boolean newer(Fact fact, String part, long version) {
        String kept = fact.parts().get(part);
        return kept == null || Long.parseLong(kept) < version;
    }

    /** The practice's time zone, read from its settings at most every few minutes per instance. */
    public ZoneId zone(String practiceId) {
        Instant now = clock.instant();
        CachedZone cached = zones.get(practiceId);
        if (cached == null || now.isAfter(cached.until())) {
            cached = new CachedZone(ZoneId.of(practice.settings(practiceId).timeZone()), now.plus(ZONE_CACHE));
            zones.put(practiceId, cached);
        }
        return cached.zone();
    }
}
