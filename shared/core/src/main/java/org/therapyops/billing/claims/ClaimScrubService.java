package org.therapyops.billing.claims;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapyops.billing.AssistantInvolvement;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.Note;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.TelehealthMode;
import org.therapyops.billing.charges.KxThresholds;
import org.therapyops.billing.charges.TherapyYearToDate;
import org.therapyops.billing.scrub.CodeSets;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubResult;
import org.therapyops.billing.scrub.Scrubber;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.Payer;
import org.therapyops.payer.PayerRules;
import org.therapyops.payer.service.PayerRulesResolver;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.NoteRepository;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.ports.StaleVersionException;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Scrubs one queued claim: reads it and what the rules need (the payer's rules in force on the date of service, its
 * type's profile with its own settings over it, resolved by {@link PayerRulesResolver} as booking and capture do;
 * coverage, the patient's authorizations with the payer, the patient's other claims of the year up to the date of
 * service with the Medicare therapy year to date they make, the note's telehealth mode),
 * runs the {@link Scrubber} and writes READY or NEEDS_REVIEW with the findings, conditional on the version read
 * and on the claim still being SCRUB_PENDING. A claim no longer pending (a redelivery, or a lost race with
 * another delivery) is skipped: the result is written once.
 */
public final class ClaimScrubService {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimScrubService.class);

    private final ClaimRepository claims;
    private final PracticeRepository practice;
    private final NoteRepository notes;
    private final PayerRulesResolver payerRules;
    private final CodeSets codeSets;
    private final KxThresholds kxThresholds;
    private final Scrubber scrubber;
    private final Clock clock;

    public ClaimScrubService(ClaimRepository claims, PracticeRepository practice, NoteRepository notes, PayerRulesResolver payerRules,
                             CodeSets codeSets, KxThresholds kxThresholds, Scrubber scrubber, Clock clock) {
        this.claims = claims;
        this.practice = practice;
        this.notes = notes;
        this.payerRules = payerRules;
        this.codeSets = codeSets;
        this.kxThresholds = kxThresholds;
        this.scrubber = scrubber;
        this.clock = clock;
    }

    /** What became of a queued claim. */
    public sealed interface Outcome {
        /** The claim was scrubbed and its result written. */
        record Scrubbed(StoredClaim claim, ScrubResult result) implements Outcome {
        }

        /** The claim was not SCRUB_PENDING (already scrubbed, corrected and pending again later, or submitted). */
        record Skipped(String claimId, ClaimStatus status) implements Outcome {
        }
    }

    /**
     * @throws UnscrubbableClaimException when the claim, its payer or a profile of its type for its date of service is missing
     *                                    (a poison message: after the queue's retries it ends in the dead-letter queue)
     */
    public Outcome scrub(String practiceId, String claimId) {
        StoredClaim stored = claims.get(practiceId, claimId)
                .orElseThrow(() -> new UnscrubbableClaimException("claim " + claimId + " not found"));
        if (stored.status() != ClaimStatus.SCRUB_PENDING) {
            LOG.info("claim {} is {}: nothing to scrub", claimId, stored.status());
            return new Outcome.Skipped(claimId, stored.status());
        }
        Claim claim = stored.claim();
        ScrubResult result = scrubber.scrub(claim, context(practiceId, stored));
        try {
            StoredClaim written = claims.recordScrub(practiceId, claimId, stored.version(), result, clock.instant());
            // Rule ids only: messages may quote codes and diagnoses.
            LOG.info("claim {} scrubbed with {} {} and payer rules v{}: {} {}", claimId, result.profileId(), result.profileVersion(),
                    result.payerRulesVersion() == null ? 0 : result.payerRulesVersion(), result.status(), result.findings().stream().map(f -> f.ruleId()).distinct().collect(Collectors.joining(",")));
            return new Outcome.Scrubbed(written, result);
        } catch (StaleVersionException e) {
            // Another delivery (or a correction) changed the claim since it was read: its write stands.
            StoredClaim now = claims.get(practiceId, claimId).orElseThrow(() -> e);
            if (now.status() == ClaimStatus.SCRUB_PENDING) {
                throw e;
            }
            return new Outcome.Skipped(claimId, now.status());
        }
    }

    ScrubContext context(String practiceId, StoredClaim stored) {
        Claim claim = stored.claim();
        LocalDate dos = claim.dateOfService();
        Payer payer = claim.payerId() == null ? null : practice.payer(practiceId, claim.payerId()).orElse(null);
        if (payer == null) {
            throw new UnscrubbableClaimException("claim " + claim.id() + ": payer " + claim.payerId() + " not found");
        }
        PayerRules rules = payerRules.rulesFor(payer, dos).orElseThrow(() -> new UnscrubbableClaimException(
                "claim " + claim.id() + ": no payer profile for " + payer.payerType() + " payers in force on " + dos));
        PracticeRepository.PatientBenefits benefits = practice.benefits(practiceId, claim.patientId());
        Coverage coverage = benefits.coverages().stream().filter(c -> c.id().equals(claim.coverageId())).findFirst().orElse(null);
        Set<String> payerCoverages = benefits.coverages().stream().filter(c -> payer.id().equals(c.payerId()))
                .map(Coverage::id).collect(Collectors.toSet());
        List<Authorization> authorizations = benefits.authorizations().stream()
                .filter(a -> a.coverageId() == null || payerCoverages.contains(a.coverageId())).toList();
        // One read of the patient's claims of the year up to the date of service: duplicates (same date) and KX.
        List<StoredClaim> patientClaims = TherapyHistory.claimsOfYearTo(claims, practiceId, claim.patientId(), dos);
        List<Claim> others = patientClaims.stream().map(StoredClaim::claim).filter(c -> !c.id().equals(claim.id())).toList();
        TherapyYearToDate yearToDate = rules.kxModifier()
                ? TherapyYearToDate.beforeClaim(stored, patientClaims, TherapyHistory.medicarePayers(practice, practiceId)) : null;
        TelehealthMode telehealth = stored.noteId() == null ? null
                : notes.note(practiceId, stored.noteId()).map(Note::telehealth).orElse(null);
        Set<String> assistants = claim.lines().stream().map(Charge::renderingProviderId).filter(java.util.Objects::nonNull).distinct()
                .filter(id -> practice.provider(practiceId, id).map(AssistantInvolvement::isAssistant).orElse(false))
                .collect(Collectors.toSet());
        KxThresholds thresholds = rules.kxModifier() ? practice.kxThresholdsOver(practiceId, kxThresholds) : kxThresholds;
        return new ScrubContext(rules, codeSets, thresholds, coverage, authorizations, others, LocalDate.now(clock),
                practice.fees(practiceId).codes(), yearToDate, telehealth, assistants);
    }

    /** The claim cannot be scrubbed as it stands (missing claim, payer or profile); the message names ids only. */
    public static final class UnscrubbableClaimException extends RuntimeException {
        public UnscrubbableClaimException(String message) {
            super(message);
        }
    }
}
