package org.therapyops.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.therapyops.api.model.ClaimView;
import org.therapyops.api.model.DenialCloseInput;
import org.therapyops.api.model.DenialQueueView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.Problem;
import org.therapyops.api.problem.ProblemBodyProvider;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.claims.ClaimSuccessors;
import org.therapyops.billing.remittance.DenialHints;
import org.therapyops.billing.remittance.DenialWorkQueue;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.PracticeRepository;

import java.util.Locale;

/**
 * The denials work queue: lines payers denied, grouped by reason and payer with the next action; a denial leaves it when
 * the claim is replaced or voided, or a biller closes it (appealed, written off, billed to the patient).
 */
@Controller
@Tag(name = "Claims")
@OpenApiResponses.Authenticated
public class DenialController {

    private final ClaimRepository claims;
    private final ClaimSuccessors successors;

    public DenialController(ClaimRepository claims, ClaimSuccessors successors) {
        this.claims = claims;
        this.successors = successors;
    }

    @Get("/denials")
    @Operation(summary = "Denied lines still to work, grouped by CARC and payer, each group with its next action and hint")
    @OpenApiResponses.BadQuery
    public DenialQueueView denials(@Parameter(hidden = true) Caller caller, @Parameter(allowEmptyValue = true) @Nullable @QueryValue Integer limit,
                                   @Parameter(allowEmptyValue = true) @Nullable @QueryValue String cursor) {
        caller.require(Role.BILLER, Role.ADMIN);
        int size = Listing.limit(limit);
        PracticeRepository.Page<StoredClaim> page = Listing.read(() -> claims.withOpenDenials(caller.practiceId(), size,
                Listing.blankToNull(cursor)));
        return DenialQueueView.of(DenialWorkQueue.of(page.items(), DenialHints.shipped()), page.items().size(), page.nextCursor());
    }

    @Post("/claims/{claimId}/denials/close")
    @Operation(summary = "Close a claim's denials without a new claim (If-Match): APPEALED, WRITTEN_OFF, BILLED_TO_PATIENT or "
            + "NO_ACTION_NEEDED, with a note")
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    @OpenApiResponses.JsonBody
    @OpenApiResponses.RequiredIfMatch
    @ApiResponse(responseCode = "409", description = "conflict: the claim has no open denials to close",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<ClaimView> close(@Parameter(hidden = true) Caller caller, @PathVariable String claimId,
                                         @Parameter(description = OpenApiResponses.IF_MATCH_DESCRIPTION, example = "\"1\"")
                                         @Header(value = Preconditions.IF_MATCH, defaultValue = "") String ifMatch, @Body DenialCloseInput input) {
        caller.require(Role.BILLER);
        ClaimSuccessors.DenialAction action = action(input.action());
        String note = input.note() == null ? null : input.note().strip();
        if (note != null && (note.length() > 500 || note.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n'))) {
            throw ApiProblemException.invalid("note", "is at most 500 characters without control characters");
        }
        StoredClaim claim = claims.get(caller.practiceId(), claimId).orElseThrow(() -> ApiProblemException.notFound("Claim", claimId));
        Preconditions.requireVersion("The claim", claim.version(), Preconditions.expectedVersion(ifMatch));
        StoredClaim closed = Preconditions.write("The claim",
                () -> successors.closeDenials(caller.practiceId(), claim, action, note, caller.subject()));
        return Responses.ok(ClaimView.of(closed), closed.version());
    }

    private static ClaimSuccessors.DenialAction action(String value) {
        if (value != null) {
            for (ClaimSuccessors.DenialAction a : ClaimSuccessors.DenialAction.values()) {
                if (a.name().equals(value.strip().toUpperCase(Locale.ROOT))) {
                    return a;
                }
            }
        }
        throw ApiProblemException.invalid("action", "is APPEALED, WRITTEN_OFF, BILLED_TO_PATIENT or NO_ACTION_NEEDED");
    }
}
