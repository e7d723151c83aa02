package org.therapyops.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.therapyops.api.model.ClaimView;
import org.therapyops.api.model.LedgerView;
import org.therapyops.api.model.PageView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.Problem;
import org.therapyops.api.problem.ProblemBodyProvider;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.StoredClaim;
import org.therapyops.ports.ClaimRepository;

/** Claims as charge capture made them and the scrubber and payers move them, with their ledgers, for billers and admins (read only here). */
@Controller("/claims")
@Tag(name = "Claims")
@OpenApiResponses.Authenticated
public class ClaimController {

    private final ClaimRepository claims;

    public ClaimController(ClaimRepository claims) {
        this.claims = claims;
    }

    @Get
    @Operation(operationId = "claims",
            summary = "List the practice's claims, optionally of one status: in id order, or one patient's, newest date "
            + "of service first")
    @OpenApiResponses.BadQuery
    public PageView<ClaimView> list(@Parameter(hidden = true) Caller caller,
                                    @Parameter(allowEmptyValue = true) @Nullable @QueryValue ClaimStatus status,
                                    @Parameter(description = "only this patient's claims", allowEmptyValue = true) @Nullable @QueryValue String patientId,
                                    @Parameter(allowEmptyValue = true) @Nullable @QueryValue Integer limit,
                                    @Parameter(allowEmptyValue = true) @Nullable @QueryValue String cursor) {
        caller.require(Role.BILLER, Role.ADMIN);
        int size = Listing.limit(limit);
        String patient = Listing.blankToNull(patientId);
        return Listing.page(() -> patient == null ? claims.list(caller.practiceId(), status, size, Listing.blankToNull(cursor))
                : claims.listOfPatient(caller.practiceId(), patient, status, size, Listing.blankToNull(cursor)), ClaimView::of);
    }

    @Get("/{claimId}/ledger")
    @Operation(summary = "A claim's ledger: every remittance posting (payments, adjustments by group and CARC, patient "
            + "responsibility), with what was paid, owed and is still open")
    @OpenApiResponses.NotFound
    public LedgerView ledger(@Parameter(hidden = true) Caller caller, @PathVariable String claimId) {
        caller.require(Role.BILLER, Role.ADMIN);
        StoredClaim claim = claims.get(caller.practiceId(), claimId)
                .orElseThrow(() -> ApiProblemException.notFound("Claim", claimId));
        return LedgerView.of(claim, claims.ledger(caller.practiceId(), claimId));
    }

    @Get("/{claimId}")
    @Operation(summary = "Read a claim: status, payer, diagnoses, lines with units, modifiers and amounts")
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    public HttpResponse<ClaimView> claim(@Parameter(hidden = true) Caller caller, @PathVariable String claimId) {
        caller.require(Role.BILLER, Role.ADMIN);
        StoredClaim claim = claims.get(caller.practiceId(), claimId)
                .orElseThrow(() -> ApiProblemException.notFound("Claim", claimId));
        return Responses.ok(ClaimView.of(claim), claim.version());
    }
}
