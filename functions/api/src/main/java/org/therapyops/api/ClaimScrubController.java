package org.therapyops.api;

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
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.claims.ClaimCorrectionService;
import org.therapyops.billing.claims.ClaimSuccessors;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.ScrubDeadLetters;
import org.therapyops.ports.ScrubQueue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    private final ClaimRepository claims;
    private final ScrubQueue scrubQueue;
    private final ScrubDeadLetters deadLetters;
    private final JsonMapper json;
    private final ClaimSuccessors successors;
    private final ClaimCorrectionService corrections;

    public ClaimScrubController(ClaimRepository claims, ScrubQueue scrubQueue, ScrubDeadLetters deadLetters,
                                JsonMapper json, ClaimSuccessors successors, ClaimCorrectionService corrections) {
        this.claims = claims;
        this.scrubQueue = scrubQueue;
        this.deadLetters = deadLetters;
        this.json = json;
        this.successors = successors;
        this.corrections = corrections;
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
        ClaimCorrectionService.requireCorrectable(current.claim().id(), current.status());
        Preconditions.requireVersion("The claim", current.version(), Preconditions.expectedVersion(ifMatch));
        StoredClaim written = Preconditions.write("The claim", () -> corrections.correct(caller.practiceId(), current,
                input.correction()));
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
        Claim content = corrections.corrected(caller.practiceId(), original.claim(), input.correction());
        StoredClaim replacement = Preconditions.write("The claim", () -> successors.replace(caller.practiceId(), original, content));
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
        StoredClaim voided = Preconditions.write("The claim", () -> successors.voidClaim(caller.practiceId(), original));
        return Responses.created("/claims/" + voided.claim().id(), ClaimView.of(voided), voided.version());
    }
}
