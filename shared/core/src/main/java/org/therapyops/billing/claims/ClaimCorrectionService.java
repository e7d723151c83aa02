package org.therapyops.billing.claims;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.Note;
import org.therapyops.billing.Party;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.charges.FeeSchedule;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.Patient;
import org.therapyops.domain.Provider;
import org.therapyops.domain.RefusedException;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.ports.ScrubQueue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A biller's correction of a scrubbed claim: validated, applied (its parties refreshed from the practice's data when
 * asked, changed lines repriced from the fee schedule) and, in place, written and sent back to the scrubber.
 * Refusals ({@link RefusedException}, {@link ClaimSubmittedException}) write nothing.
 */
public final class ClaimCorrectionService {

    private static final String CODE = "[0-9A-Z][0-9]{3}[0-9A-Z]";
    private static final String MODIFIER = "[0-9A-Z]{2}";

    private final ClaimRepository claims;
    private final PracticeRepository practice;
    private final ScrubQueue scrubQueue;
    private final Diagnoses diagnosisCodes;

    public ClaimCorrectionService(ClaimRepository claims, PracticeRepository practice, ScrubQueue scrubQueue,
                                  Diagnoses diagnosisCodes) {
        this.claims = claims;
        this.practice = practice;
        this.scrubQueue = scrubQueue;
        this.diagnosisCodes = diagnosisCodes;
    }

    /**
     * Corrects a READY or NEEDS_REVIEW claim in place (the caller has checked its version) and queues it for the
     * scrubber: queued after the write and marked after the send, as charge capture does, so at least once.
     */
    public StoredClaim correct(String practiceId, StoredClaim current, ClaimCorrection correction) {
        String claimId = current.claim().id();
        requireCorrectable(claimId, current.status());
        Claim corrected = corrected(practiceId, current.claim(), correction);
        StoredClaim written;
        try {
            written = claims.correct(practiceId, current, corrected);
        } catch (ClaimRepository.ClaimNotCorrectableException e) {
            requireCorrectable(claimId, e.status());
            throw e;
        }
        scrubQueue.enqueue(practiceId, claimId);
        claims.markQueued(practiceId, claimId);
        return written;
    }

    /** The claim as the correction makes it (nothing is written): the content of a replacement claim, too. */
    public Claim corrected(String practiceId, Claim claim, ClaimCorrection correction) {
        return applied(correction.refresh() ? refreshed(practiceId, claim) : claim, correction, practice.fees(practiceId));
    }

    /** Refuses a correction in place of a claim waiting for the scrubber (conflict) or submitted already. */
    public static void requireCorrectable(String claimId, ClaimStatus status) {
        if (status == ClaimStatus.SCRUB_PENDING) {
            throw RefusedException.conflict("Claim " + claimId
                    + " is waiting for the scrubber; correct it once it is READY or NEEDS_REVIEW. Nothing was written.");
        }
        if (!status.correctableInPlace()) {
            throw new ClaimSubmittedException("Claim " + claimId + " was submitted (" + status
                    + "): correct it with a replacement (frequency 7, POST /claims/" + claimId + "/replacement) or a void "
                    + "(POST /claims/" + claimId + "/void) once the payer has acknowledged or adjudicated it. Nothing was written.");
        }
    }

    /** The claim with its parties taken from the practice's data as it is now (nothing is written). */
    private Claim refreshed(String practiceId, Claim claim) {
        Patient patient = practice.patient(practiceId, claim.patientId()).orElseThrow(() -> RefusedException.conflict(
                "The claim's patient no longer exists; nothing was written."));
        Coverage coverage = practice.coverage(practiceId, claim.patientId(), claim.coverageId()).orElseThrow(() ->
                RefusedException.conflict("The claim's coverage no longer exists: void the claim and "
                        + "bill the coverage in force. Nothing was written."));
        // An assistant's lines go under its supervisor once one is on file (as charge capture bills them).
        java.util.Map<String, Optional<Provider>> billedUnder = new java.util.HashMap<>();
        List<Charge> lines = claim.lines().stream().map(line -> {
            Optional<Provider> under = billedUnder.computeIfAbsent(line.renderingProviderId(), id -> practice.provider(practiceId, id)
                    .map(p -> ClaimParties.billedUnder(p, supervisor -> practice.provider(practiceId, supervisor))));
            return under.isEmpty() || under.get().id().equals(line.renderingProviderId()) ? line
                    : new Charge(line.code(), line.modifiers(), line.units(), line.minutes(), line.diagnosisPointers(), line.amount(),
                    under.get().id(), line.dateOfService(), line.placeOfService());
        }).toList();
        Party rendering = billedUnder.get(claim.lines().get(0).renderingProviderId()).map(ClaimParties::rendering)
                .orElse(claim.renderingProvider());
        Party billing = ClaimParties.billing(practice.billingProfile(practiceId).orElse(null));
        return claim.withContent(billing, rendering, ClaimParties.subscriber(coverage, patient), claim.placeOfService(),
                claim.priorAuthorizationNumber(), claim.diagnoses(), lines);
    }

    /** Validates the correction and applies it to the claim (nothing is written). */
    private Claim applied(Claim claim, ClaimCorrection input, FeeSchedule fees) {
        List<String> diagnoses = claim.diagnoses();
        if (input.diagnoses() != null) {
            if (input.diagnoses().isEmpty() || input.diagnoses().size() > Claim.MAX_DIAGNOSES) {
                throw RefusedException.invalid("diagnoses", "holds 1 to " + Claim.MAX_DIAGNOSES + " codes");
            }
            diagnoses = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < input.diagnoses().size(); i++) {
                String code = input.diagnoses().get(i);
                if (!Note.isIcd10CmFormat(code)) {
                    throw RefusedException.invalid("diagnoses[" + i + "]", "is not an ICD-10-CM code (e.g. M54.50)");
                }
                if (!seen.add(Note.normalizeDiagnosis(code))) {
                    throw RefusedException.invalid("diagnoses[" + i + "]", "repeats an earlier diagnosis");
                }
                diagnosisCodes.requireBillable("diagnoses[" + i + "]", Note.normalizeDiagnosis(code), claim.dateOfService());
                diagnoses.add(Note.normalizeDiagnosis(code));
            }
        }
        String placeOfService = claim.placeOfService();
        if (input.placeOfService() != null) {
            if (!input.placeOfService().matches("[0-9]{2}")) {
                throw RefusedException.invalid("placeOfService", "must be a two-digit CMS place of service code");
            }
            placeOfService = input.placeOfService();
        }
        String authorization = claim.priorAuthorizationNumber();
        if (input.priorAuthorizationNumber() != null) {
            String number = input.priorAuthorizationNumber().strip();
            if (number.length() > 50) {
                throw RefusedException.invalid("priorAuthorizationNumber", "holds at most 50 characters");
            }
            authorization = number.isEmpty() ? null : number;
        }
        List<Charge> lines = claim.lines();
        if (input.lines() != null) {
            if (input.lines().size() != claim.lines().size()) {
                throw RefusedException.invalid("lines", "needs one entry per claim line (" + claim.lines().size()
                        + "), in order; a line's minutes and provider come from the note");
            }
            lines = new ArrayList<>();
            for (int i = 0; i < claim.lines().size(); i++) {
                lines.add(line(claim.lines().get(i), input.lines().get(i), "lines[" + i + "]", diagnoses.size(), placeOfService,
                        claim.placeOfService(), fees, input.refresh()));
            }
        } else if (input.diagnoses() != null || input.placeOfService() != null || input.refresh()) {
            List<Charge> kept = new ArrayList<>();
            for (int i = 0; i < claim.lines().size(); i++) {
                kept.add(line(claim.lines().get(i), ClaimCorrection.Line.KEEP, "lines[" + i + "]",
                        diagnoses.size(), placeOfService, claim.placeOfService(), fees, input.refresh()));
            }
            lines = kept;
        }
        return claim.withContent(claim.billingProvider(), claim.renderingProvider(), claim.subscriber(), placeOfService,
                authorization, diagnoses, lines);
    }

    private static Charge line(Charge line, ClaimCorrection.Line input, String field, int diagnoses, String placeOfService,
                               String oldPlaceOfService, FeeSchedule fees, boolean refresh) {
        if (input == null) {
            throw RefusedException.invalid(field, "is required (send {} to keep the line as it is)");
        }
        String code = line.code();
        if (input.code() != null) {
            if (!input.code().matches(CODE)) {
                throw RefusedException.invalid(field + ".code", "must be a 5-character CPT or HCPCS code");
            }
            code = input.code();
        }
        List<String> modifiers = line.modifiers();
        if (input.modifiers() != null) {
            if (input.modifiers().size() > 4) {
                throw RefusedException.invalid(field + ".modifiers", "holds at most 4 modifiers");
            }
            for (int m = 0; m < input.modifiers().size(); m++) {
                String modifier = input.modifiers().get(m);
                if (modifier == null || !modifier.matches(MODIFIER)) {
                    throw RefusedException.invalid(field + ".modifiers[" + m + "]", "must be a 2-character modifier");
                }
            }
            modifiers = input.modifiers();
        }
        int units = line.units();
        if (input.units() != null) {
            if (input.units() < 1 || input.units() > 999) {
                throw RefusedException.invalid(field + ".units", "must be 1 to 999");
            }
            units = input.units();
        }
        List<Integer> pointers = line.diagnosisPointers();
        if (input.diagnosisPointers() != null) {
            pointers = input.diagnosisPointers();
            if (pointers.isEmpty() || pointers.size() > 4) {
                throw RefusedException.invalid(field + ".diagnosisPointers", "holds 1 to 4 pointers");
            }
        }
        for (int p = 0; p < pointers.size(); p++) {
            Integer pointer = pointers.get(p);
            if (pointer == null || pointer < 1 || pointer > diagnoses) {
                throw RefusedException.invalid(field + ".diagnosisPointers[" + p + "]", "must point at one of the claim's "
                        + diagnoses + " diagnoses (1-based)");
            }
        }
        // A changed code, modifier or unit count (every line, on a refresh) is priced from the practice's fee schedule
        // as it is now; without a fee the amount stays.
        BigDecimal amount = line.amount();
        boolean repriced = refresh || !code.equals(line.code()) || !modifiers.equals(line.modifiers()) || units != line.units();
        if (repriced) {
            int billed = units;
            amount = fees.feeFor(code, modifiers).map(fee -> fee.multiply(BigDecimal.valueOf(billed)).setScale(2, RoundingMode.HALF_UP))
                    .orElse(line.amount());
        }
        String linePlace = line.placeOfService() == null || line.placeOfService().equals(oldPlaceOfService)
                ? placeOfService : line.placeOfService();
        return new Charge(code, modifiers, units, line.minutes(), pointers, amount, line.renderingProviderId(),
                line.dateOfService(), linePlace);
    }
}
