package org.therapyops.billing.claims;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapyops.billing.AssistantInvolvement;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.Note;
import org.therapyops.billing.NoteStatus;
import org.therapyops.billing.ServiceLine;
import org.therapyops.billing.SignedNote;
import org.therapyops.billing.StoredCharge;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.charges.CaptureFinding;
import org.therapyops.billing.charges.CaptureRecord;
import org.therapyops.billing.charges.CaptureResult;
import org.therapyops.billing.charges.CapturedCharge;
import org.therapyops.billing.charges.ChargeCapture;
import org.therapyops.billing.charges.CodeCatalog;
import org.therapyops.billing.charges.FeeSchedule;
import org.therapyops.billing.charges.FindingCode;
import org.therapyops.billing.charges.KxThresholds;
import org.therapyops.billing.charges.TherapyYearToDate;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.Patient;
import org.therapyops.domain.Payer;
import org.therapyops.domain.Provider;
import org.therapyops.payer.PayerRules;
import org.therapyops.payer.service.PayerRulesResolver;
import org.therapyops.ports.AppointmentRepository;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.ports.ScrubQueue;

import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns a signed note into charges and claims: reads what the note refers to (appointment, the coverage and
 * authorization number of its decision, the payer's rules in force on the date of service as {@link PayerRulesResolver}
 * resolves them for booking and scrubbing alike, patient, the lines' providers and the supervisors of assistants among
 * them), runs {@link ChargeCapture}, groups and
 * splits the charges into claims ({@link ClaimAssembly}), writes them idempotently and queues each claim for
 * scrubbing once. A redelivered signing event writes nothing new and queues nothing already queued.
 */
public final class ChargeCaptureService {

    private static final Logger LOG = LoggerFactory.getLogger(ChargeCaptureService.class);

    private final PracticeRepository practice;
    private final AppointmentRepository appointments;
    private final ClaimRepository claims;
    private final ScrubQueue scrubQueue;
    private final Clock clock;
    private final CodeCatalog catalog;
    private final KxThresholds kxThresholds;
    private final PayerRulesResolver payerRules;

    public ChargeCaptureService(PracticeRepository practice, AppointmentRepository appointments, ClaimRepository claims,
                                ScrubQueue scrubQueue, Clock clock, CodeCatalog catalog,
                                KxThresholds kxThresholds, PayerRulesResolver payerRules) {
        this.practice = practice;
        this.appointments = appointments;
        this.claims = claims;
        this.scrubQueue = scrubQueue;
        this.clock = clock;
        this.catalog = catalog;
        this.kxThresholds = kxThresholds;
        this.payerRules = payerRules;
    }

    /** What became of a signed note. */
    public record Outcome(int chargesCreated, int claimsCreated, int claimsQueued, CaptureResult result) {
    }

    public Outcome capture(String practiceId, Note note) {
        if (note.status() != NoteStatus.SIGNED) {
            throw new IllegalArgumentException("note " + note.id() + " is not signed");
        }
        Appointment appointment = appointments.appointment(practiceId, note.appointmentId())
                .orElseThrow(() -> new IllegalStateException("note " + note.id() + ": appointment " + note.appointmentId() + " not found"));
        String authorizationId = appointment.decision() == null ? null : appointment.decision().authorizationId();
        Authorization authorization = authorizationId == null ? null
                : practice.authorization(practiceId, note.patientId(), authorizationId).orElse(null);
        Coverage coverage = coverage(practiceId, note, authorization);
        Payer payer = practice.payer(practiceId, coverage.payerId())
                .orElseThrow(() -> new IllegalStateException("note " + note.id() + ": payer " + coverage.payerId() + " not found"));
        Patient patient = practice.patient(practiceId, note.patientId())
                .orElseThrow(() -> new IllegalStateException("note " + note.id() + ": patient not found"));
        Map<String, Provider> providers = new HashMap<>();
        Provider rendering = provider(practiceId, note.renderingProviderId(), providers);

        SignedNote signed = new SignedNote(note.id(), note.appointmentId(), note.patientId(), coverage.id(), payer.id(),
                note.dateOfService(), note.placeOfService(), note.telehealth(), note.patientAtHome(),
                rendering.discipline(), note.diagnoses(), note.lines(), lineProviders(practiceId, note, providers));
        FeeSchedule fees = practice.fees(practiceId);
        Optional<PayerRules> rules = payerRules.rulesFor(payer, note.dateOfService());
        // Read only for a payer that wants KX: the years the practice's admin set over the shipped ones.
        KxThresholds thresholds = rules.isPresent() && rules.get().kxModifier()
                ? practice.kxThresholdsOver(practiceId, kxThresholds) : kxThresholds;
        CaptureResult result = rules.isEmpty()
                ? new CaptureResult.Refused(note.id(), List.of(new CaptureFinding(FindingCode.NO_PAYER_RULES, 0, "no payer "
                        + "profile for " + payer.payerType() + " payers is in force on " + note.dateOfService()
                        + ": the payer's rules for the date of service are unknown")))
                : ChargeCapture.capture(signed, rules.get(), thresholds, fees, catalog, yearToDate(practiceId, note, rules.get()));
        if (result instanceof CaptureResult.Refused) {
            // Finding codes only: the messages may quote the note.
            LOG.warn("note {} not charged: {}", note.id(), codes(result));
            record(practiceId, note, CaptureRecord.Outcome.REFUSED, List.of(), result);
            return new Outcome(0, 0, 0, result);
        }
        CaptureResult.Captured captured = (CaptureResult.Captured) result;
        if (!captured.findings().isEmpty()) {
            LOG.info("note {} charged with findings: {}", note.id(), codes(result));
        }
        if (captured.charges().isEmpty()) {
            record(practiceId, note, CaptureRecord.Outcome.NOTHING_BILLED, List.of(), result);
            return new Outcome(0, 0, 0, result);
        }
        // The billing provider is the practice (its billing profile); without one the scrubber names what is missing.
        ClaimHeader header = new ClaimHeader(note.patientId(), coverage.id(), payer.id(), payer.name(), payer.payerId(),
                ClaimParties.billing(practice.billingProfile(practiceId).orElse(null)), null,
                ClaimParties.subscriber(coverage, patient), authorization == null ? null : authorization.number());
        ClaimAssembly.Assembled assembled = ClaimAssembly.assemble(note.id(), header, note.diagnoses(), captured.charges(),
                id -> ClaimParties.rendering(provider(practiceId, id, providers)));

        int chargesCreated = 0;
        for (CapturedCharge c : captured.charges()) {
            if (claims.createChargeIfAbsent(practiceId,
                    new StoredCharge(c.id(), note.id(), assembled.claimOfCharge().get(c.id()), c.charge()))) {
                chargesCreated++;
            }
        }
        int claimsCreated = 0;
        int queued = 0;
        for (Claim claim : assembled.claims()) {
            boolean created = claims.createIfAbsent(practiceId,
                    new StoredClaim(claim, note.id(), note.signedAt(), ClaimStatus.SCRUB_PENDING, false, clock.instant(), 1));
            if (created) {
                claimsCreated++;
            }
            // Queued after the write and marked after the send: a crash in between sends twice, never zero times.
            if (created || !claims.get(practiceId, claim.id()).map(StoredClaim::queued).orElse(true)) {
                scrubQueue.enqueue(practiceId, claim.id());
                claims.markQueued(practiceId, claim.id());
                queued++;
            }
        }
        record(practiceId, note, CaptureRecord.Outcome.CHARGED, assembled.claims().stream().map(Claim::id).toList(), result);
        LOG.info("note {}: {} charges and {} claims created, {} claims queued for scrubbing", note.id(), chargesCreated,
                claimsCreated, queued);
        return new Outcome(chargesCreated, claimsCreated, queued, result);
    }

    /** Keeps the outcome and findings for the API (the first record stands: a redelivery computes the same). */
    private void record(String practiceId, Note note, CaptureRecord.Outcome outcome, List<String> claimIds, CaptureResult result) {
        claims.recordCapture(practiceId, new CaptureRecord(note.id(), outcome, claimIds, result.findings(), clock.instant()));
    }

    /** For a payer that wants KX, the patient's Medicare therapy counted before this note; otherwise none. */
    private TherapyYearToDate yearToDate(String practiceId, Note note, PayerRules rules) {
        if (!rules.kxModifier()) {
            return TherapyYearToDate.none(note.dateOfService().getYear());
        }
        return TherapyYearToDate.beforeNote(note.patientId(),
                new TherapyYearToDate.Position(note.dateOfService(), note.signedAt(), note.id()),
                TherapyHistory.claimsOfYearTo(claims, practiceId, note.patientId(), note.dateOfService()),
                TherapyHistory.medicarePayers(practice, practiceId));
    }

    /** The authorization's coverage; without one, the patient's coverage in force that day, primary first. */
    private Coverage coverage(String practiceId, Note note, Authorization authorization) {
        if (authorization != null && authorization.coverageId() != null) {
            return practice.coverage(practiceId, note.patientId(), authorization.coverageId())
                    .orElseThrow(() -> new IllegalStateException("note " + note.id() + ": coverage of the authorization not found"));
        }
        return practice.benefits(practiceId, note.patientId()).coverages().stream()
                .filter(c -> c.activeOn(note.dateOfService()))
                .min(Comparator.comparing(Coverage::priority).thenComparing(Coverage::id)) // as the booking decision picks it
                .orElseThrow(() -> new IllegalStateException("note " + note.id() + ": no coverage in force on the date of service"));
    }

    /** The lines' rendering providers, and the supervisors of the assistants among them (their lines are billed under them). */
    private Map<String, Provider> lineProviders(String practiceId, Note note, Map<String, Provider> cache) {
        Map<String, Provider> found = new HashMap<>();
        for (ServiceLine line : note.lines()) {
            Provider p = provider(practiceId, line.renderingProviderId(), cache);
            found.put(p.id(), p);
            if (AssistantInvolvement.isAssistant(p) && p.supervisorId() != null && !p.supervisorId().isBlank()) {
                Provider supervisor = provider(practiceId, p.supervisorId(), cache);
                found.put(supervisor.id(), supervisor);
            }
        }
        return found;
    }

    private Provider provider(String practiceId, String providerId, Map<String, Provider> cache) {
        Provider cached = cache.get(providerId);
        if (cached != null) {
            return cached;
        }
        Provider provider = practice.provider(practiceId, providerId)
                .orElseThrow(() -> new IllegalStateException("provider " + providerId + " not found"));
        cache.put(providerId, provider);
        return provider;
    }

    private static String codes(CaptureResult result) {
        return result.findings().stream().map(f -> f.code().name()).distinct().collect(Collectors.joining(","));
    }
}
