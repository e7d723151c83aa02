package org.therapyops.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.json.JsonMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.therapyops.api.model.ClaimCorrectionInput;
import org.therapyops.api.model.ClaimView;
import org.therapyops.api.model.DeadLetterView;
import org.therapyops.api.model.ScrubView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.Problem;
import org.therapyops.api.problem.ProblemBodyProvider;
import org.therapyops.api.problem.ProblemType;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.Note;
import org.therapyops.billing.Party;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.charges.FeeSchedule;
import org.therapyops.billing.claims.ClaimParties;
import org.therapyops.billing.claims.ClaimSuccessors;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.Patient;
import org.therapyops.domain.Provider;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.ports.ScrubDeadLetters;
import org.therapyops.ports.ScrubQueue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

/**
 * The scrubber's side of claims: its findings on a claim, a biller's correction that sends the claim back to the
 * scrubber (in place before submission or after a rejection; as a replacement or void claim once the payer knows it),
 * and the scrub requests that ended in the dead-letter queue.
 */
@Controller("/claims")
@Tag(name = "Claims")
@OpenApiResponses.Authenticated
public class ClaimScrubController {

    static final int DEAD_LETTER_SAMPLE = 100;
    private static final String CODE = "[0-9A-Z][0-9]{3}[0-9A-Z]";
    private static final String MODIFIER = "[0-9A-Z]{2}";

    private final ClaimRepository claims;
    private final PracticeRepository practice;
    private final ScrubQueue scrubQueue;
    private final ScrubDeadLetters deadLetters;
    private final JsonMapper json;
    private final ClaimSuccessors successors;
    private final Diagnoses diagnosisCodes;

    public ClaimScrubController(ClaimRepository claims, PracticeRepository practice, ScrubQueue scrubQueue, ScrubDeadLetters deadLetters,
                                JsonMapper json, ClaimSuccessors successors, Diagnoses diagnosisCodes) {
        this.claims = claims;
        this.practice = practice;
        this.scrubQueue = scrubQueue;
        this.deadLetters = deadLetters;
        this.json = json;
        this.successors = successors;
        this.diagnosisCodes = diagnosisCodes;
    }

    @Get("/{claimId}/scrub")
    @Operation(summary = "The scrubber's findings on a claim: rule, severity, field, message and fix hint")
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    public HttpResponse<ScrubView> scrub(@Parameter(hidden = true) Caller caller, @PathVariable String claimId) {
        caller.require(Role.BILLER, Role.ADMIN);
        StoredClaim claim = find(caller, claimId);
        return Responses.ok(ScrubView.of(claimId, claim.status(), claim.version(),
                claims.scrubRecord(caller.practiceId(), claimId).orElse(null)), claim.version());
    }

    @Put("/{claimId}")
    @Operation(summary = "Correct a READY or NEEDS_REVIEW claim (If-Match): diagnoses, lines' codes, modifiers, units and "
            + "pointers, prior authorization number, place of service, or its parties refreshed from the practice's data; "
            + "it goes back to the scrubber")
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    @OpenApiResponses.JsonBody
    @ReplacedUnderIfMatch
    @ApiResponse(responseCode = "409", description = "conflict: the claim is waiting for the scrubber; claim-submitted: it was submitted, correct it by replacement or void; conflict: its patient or coverage is gone",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<ClaimView> correct(@Parameter(hidden = true) Caller caller, @PathVariable String claimId,
                                           @Parameter(description = OpenApiResponses.IF_MATCH_DESCRIPTION, example = "\"1\"")
                                           @Header(value = Preconditions.IF_MATCH, defaultValue = "") String ifMatch, @Body ClaimCorrectionInput input) {
        caller.require(Role.BILLER);
        StoredClaim current = find(caller, claimId);
        requireCorrectable(current.claim().id(), current.status());
        long expected = Preconditions.expectedVersion(ifMatch);
        Preconditions.requireVersion("The claim", current.version(), expected);
        Claim corrected = corrected(input.refresh() ? refreshed(caller.practiceId(), current.claim()) : current.claim(), input,
                practice.fees(caller.practiceId()));
        StoredClaim written = Preconditions.write("The claim", () -> {
            try {
                return claims.correct(caller.practiceId(), current, corrected);
            } catch (ClaimRepository.ClaimNotCorrectableException e) {
                requireCorrectable(claimId, e.status());
                throw e;
            }
        });
        // Queued after the write and marked after the send, as charge capture does: at least once.
        scrubQueue.enqueue(caller.practiceId(), claimId);
        claims.markQueued(caller.practiceId(), claimId);
        return Responses.ok(ClaimView.of(written), written.version());
    }

    @Post("/{claimId}/scrub")
    @Operation(summary = "Queue a SCRUB_PENDING claim for the scrubber again (e.g. when a correction was saved but its "
            + "queueing failed, or a request ended in the dead-letter queue); harmless if it is queued already")
    @Status(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "202", description = "Queued for the scrubber", useReturnTypeSchema = true)
    @OpenApiResponses.NotFound
    @ApiResponse(responseCode = "409", description = "conflict: the claim is not SCRUB_PENDING",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<ClaimView> requeue(@Parameter(hidden = true) Caller caller, @PathVariable String claimId) {
        caller.require(Role.BILLER, Role.ADMIN);
        StoredClaim claim = find(caller, claimId);
        if (claim.status() != ClaimStatus.SCRUB_PENDING) {
            throw new ApiProblemException(ProblemType.CONFLICT, "Claim " + claimId + " is " + claim.status()
                    + ": only a claim waiting for the scrubber is queued again (correct it to have it scrubbed again).");
        }
        // The scrubber skips a claim that is no longer SCRUB_PENDING, so a second message changes nothing.
        scrubQueue.enqueue(caller.practiceId(), claimId);
        claims.markQueued(caller.practiceId(), claimId);
        return HttpResponse.accepted().body(ClaimView.of(claim));
    }

    @Get("/dead-letters")
    @Operation(summary = "Scrub requests of this practice that the scrubber gave up on (read from the dead-letter queue "
            + "without removing them)")
    public DeadLetterView deadLetters(@Parameter(hidden = true) Caller caller) {
        caller.require(Role.BILLER, Role.ADMIN);
        List<ScrubDeadLetters.DeadLetter> sampled = deadLetters.peek(DEAD_LETTER_SAMPLE);
        List<DeadLetterView.Item> items = new ArrayList<>();
        int unattributed = 0;
        for (ScrubDeadLetters.DeadLetter letter : sampled) {
            Map<String, Object> body = body(letter.body());
            Object practiceId = body.get("practiceId");
            if (!(practiceId instanceof String) || ((String) practiceId).isBlank()) {
                unattributed++;
                continue;
            }
            if (!practiceId.equals(caller.practiceId())) {
                continue;
            }
            Object claimId = body.get("claimId");
            String id = claimId instanceof String && !((String) claimId).isBlank() ? (String) claimId : null;
            ClaimStatus status = id == null ? null : claims.get(caller.practiceId(), id).map(StoredClaim::status).orElse(null);
            items.add(new DeadLetterView.Item(letter.messageId(), id, status, letter.sentAt(), letter.receiveCount()));
        }
        return new DeadLetterView(items, unattributed, sampled.size());
    }

    private Map<String, Object> body(String text) {
        try {
            Map<String, Object> body = json.readValue(text, Argument.mapOf(String.class, Object.class));
            return body == null ? Map.of() : body;
        } catch (Exception notJson) {
            return Map.of();
        }
    }

    private StoredClaim find(Caller caller, String claimId) {
        return claims.get(caller.practiceId(), claimId).orElseThrow(() -> ApiProblemException.notFound("Claim", claimId));
    }

    private static void requireCorrectable(String claimId, ClaimStatus status) {
        if (status == ClaimStatus.SCRUB_PENDING) {
            throw new ApiProblemException(ProblemType.CONFLICT, "Claim " + claimId
                    + " is waiting for the scrubber; correct it once it is READY or NEEDS_REVIEW. Nothing was written.");
        }
        if (!status.correctableInPlace()) {
            throw new ApiProblemException(ProblemType.CLAIM_SUBMITTED, "Claim " + claimId + " was submitted (" + status
                    + "): correct it with a replacement (frequency 7, POST /claims/" + claimId + "/replacement) or a void "
                    + "(POST /claims/" + claimId + "/void) once the payer has acknowledged or adjudicated it. Nothing was written.");
        }
    }

    @Post("/{claimId}/replacement")
    @Operation(operationId = "replaceClaim",
            summary = "Replace a claim the payer accepted or adjudicated (frequency 7, REF*F8 its control number) with the "
            + "correction given (If-Match on the original); the replacement is scrubbed and sent in the next batch")
    @Status(HttpStatus.CREATED)
    @OpenApiResponses.Created
    @OpenApiResponses.NotFound
    @OpenApiResponses.JsonBody
    @OpenApiResponses.RequiredIfMatch
    @ApiResponse(responseCode = "409", description = "conflict: the claim cannot be replaced in its status, or its patient or coverage is gone",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<ClaimView> replace(@Parameter(hidden = true) Caller caller, @PathVariable String claimId,
                                           @Parameter(description = OpenApiResponses.IF_MATCH_DESCRIPTION, example = "\"1\"")
                                           @Header(value = Preconditions.IF_MATCH, defaultValue = "") String ifMatch, @Body ClaimCorrectionInput input) {
        caller.require(Role.BILLER);
        StoredClaim original = find(caller, claimId);
        Preconditions.requireVersion("The claim", original.version(), Preconditions.expectedVersion(ifMatch));
        Claim content = corrected(input.refresh() ? refreshed(caller.practiceId(), original.claim()) : original.claim(), input,
                practice.fees(caller.practiceId()));
        StoredClaim replacement = successor(() -> successors.replace(caller.practiceId(), original, content));
        return Responses.created("/claims/" + replacement.claim().id(), ClaimView.of(replacement), replacement.version());
    }

    @Post("/{claimId}/void")
    @Operation(summary = "Void a claim the payer accepted or adjudicated (frequency 8, If-Match on the original): the void "
            + "claim is scrubbed and sent in the next batch")
    @Status(HttpStatus.CREATED)
    @OpenApiResponses.Created
    @OpenApiResponses.NotFound
    @OpenApiResponses.RequiredIfMatch
    @ApiResponse(responseCode = "409", description = "conflict: the claim cannot be voided in its status",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<ClaimView> voidClaim(@Parameter(hidden = true) Caller caller, @PathVariable String claimId,
                                             @Parameter(description = OpenApiResponses.IF_MATCH_DESCRIPTION, example = "\"1\"")
                                             @Header(value = Preconditions.IF_MATCH, defaultValue = "") String ifMatch) {
        caller.require(Role.BILLER);
        StoredClaim original = find(caller, claimId);
        Preconditions.requireVersion("The claim", original.version(), Preconditions.expectedVersion(ifMatch));
        StoredClaim voided = successor(() -> successors.voidClaim(caller.practiceId(), original));
        return Responses.created("/claims/" + voided.claim().id(), ClaimView.of(voided), voided.version());
    }

    private static StoredClaim successor(java.util.function.Supplier<StoredClaim> create) {
        return Preconditions.write("The claim", () -> {
            try {
                return create.get();
            } catch (ClaimSuccessors.SuccessorRefusedException e) {
                throw new ApiProblemException(ProblemType.CONFLICT, e.getMessage() + ". Nothing was written.");
            }
        });
    }

    /** The claim with its parties taken from the practice's data as it is now (nothing is written). */
    private Claim refreshed(String practiceId, Claim claim) {
        Patient patient = practice.patient(practiceId, claim.patientId()).orElseThrow(() -> new ApiProblemException(
                ProblemType.CONFLICT, "The claim's patient no longer exists; nothing was written."));
        Coverage coverage = practice.coverage(practiceId, claim.patientId(), claim.coverageId()).orElseThrow(() ->
                new ApiProblemException(ProblemType.CONFLICT, "The claim's coverage no longer exists: void the claim and "
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
    private Claim corrected(Claim claim, ClaimCorrectionInput input, FeeSchedule fees) {
        List<String> diagnoses = claim.diagnoses();
        if (input.diagnoses() != null) {
            if (input.diagnoses().isEmpty() || input.diagnoses().size() > Claim.MAX_DIAGNOSES) {
                throw ApiProblemException.invalid("diagnoses", "holds 1 to " + Claim.MAX_DIAGNOSES + " codes");
            }
            diagnoses = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < input.diagnoses().size(); i++) {
                String code = input.diagnoses().get(i);
                if (!Note.isIcd10CmFormat(code)) {
                    throw ApiProblemException.invalid("diagnoses[" + i + "]", "is not an ICD-10-CM code (e.g. M54.50)");
                }
                if (!seen.add(Note.normalizeDiagnosis(code))) {
                    throw ApiProblemException.invalid("diagnoses[" + i + "]", "repeats an earlier diagnosis");
                }
                diagnosisCodes.requireBillable("diagnoses[" + i + "]", Note.normalizeDiagnosis(code), claim.dateOfService());
                diagnoses.add(Note.normalizeDiagnosis(code));
            }
        }
        String placeOfService = claim.placeOfService();
        if (input.placeOfService() != null) {
            if (!input.placeOfService().matches("[0-9]{2}")) {
                throw ApiProblemException.invalid("placeOfService", "must be a two-digit CMS place of service code");
            }
            placeOfService = input.placeOfService();
        }
        String authorization = claim.priorAuthorizationNumber();
        if (input.priorAuthorizationNumber() != null) {
            String number = input.priorAuthorizationNumber().strip();
            if (number.length() > 50) {
                throw ApiProblemException.invalid("priorAuthorizationNumber", "holds at most 50 characters");
            }
            authorization = number.isEmpty() ? null : number;
        }
        List<Charge> lines = claim.lines();
        if (input.lines() != null) {
            if (input.lines().size() != claim.lines().size()) {
                throw ApiProblemException.invalid("lines", "needs one entry per claim line (" + claim.lines().size()
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
                kept.add(line(claim.lines().get(i), new ClaimCorrectionInput.Line(null, null, null, null), "lines[" + i + "]",
                        diagnoses.size(), placeOfService, claim.placeOfService(), fees, input.refresh()));
            }
            lines = kept;
        }
        return claim.withContent(claim.billingProvider(), claim.renderingProvider(), claim.subscriber(), placeOfService,
                authorization, diagnoses, lines);
    }

    private static Charge line(Charge line, ClaimCorrectionInput.Line input, String field, int diagnoses, String placeOfService,
                               String oldPlaceOfService, FeeSchedule fees, boolean refresh) {
        if (input == null) {
            throw ApiProblemException.invalid(field, "is required (send {} to keep the line as it is)");
        }
        String code = line.code();
        if (input.code() != null) {
            if (!input.code().matches(CODE)) {
                throw ApiProblemException.invalid(field + ".code", "must be a 5-character CPT or HCPCS code");
            }
            code = input.code();
        }
        List<String> modifiers = line.modifiers();
        if (input.modifiers() != null) {
            if (input.modifiers().size() > 4) {
                throw ApiProblemException.invalid(field + ".modifiers", "holds at most 4 modifiers");
            }
            for (int m = 0; m < input.modifiers().size(); m++) {
                String modifier = input.modifiers().get(m);
                if (modifier == null || !modifier.matches(MODIFIER)) {
                    throw ApiProblemException.invalid(field + ".modifiers[" + m + "]", "must be a 2-character modifier");
                }
            }
            modifiers = input.modifiers();
        }
        int units = line.units();
        if (input.units() != null) {
            if (input.units() < 1 || input.units() > 999) {
                throw ApiProblemException.invalid(field + ".units", "must be 1 to 999");
            }
            units = input.units();
        }
        List<Integer> pointers = line.diagnosisPointers();
        if (input.diagnosisPointers() != null) {
            pointers = input.diagnosisPointers();
            if (pointers.isEmpty() || pointers.size() > 4) {
                throw ApiProblemException.invalid(field + ".diagnosisPointers", "holds 1 to 4 pointers");
            }
        }
        for (int p = 0; p < pointers.size(); p++) {
            Integer pointer = pointers.get(p);
            if (pointer == null || pointer < 1 || pointer > diagnoses) {
                throw ApiProblemException.invalid(field + ".diagnosisPointers[" + p + "]", "must point at one of the claim's "
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
