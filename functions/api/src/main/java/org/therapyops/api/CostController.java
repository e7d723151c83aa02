package org.therapyops.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.therapyops.api.model.CostView;
import org.therapyops.api.problem.Problem;
import org.therapyops.api.problem.ProblemBodyProvider;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.metering.service.CostQueries;


/** The cost meter's report for the caller's practice: what the serverless deployment cost it in a month. Admins and billers. */
@Controller("/reports")
@Tag(name = "Reports")
@OpenApiResponses.Authenticated
public class CostController {

    private final CostQueries costs;

    public CostController(CostQueries costs) {
        this.costs = costs;
    }

    @Get("/cost")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What the deployment cost the practice in a month: metered usage at AWS list prices, by item and step",
            description = "month is YYYY-MM (UTC, as AWS bills), from 2020-01 to the current month; default the current month. "
                    + "Lambda requests and GB-seconds, DynamoDB read and write request units as DynamoDB reports them, SQS "
                    + "requests, SES emails, HTTP API requests, S3 requests and storage, each priced from the shipped price table "
                    + "(us-east-1, USD, no free tiers); the cost per session divides by the sessions completed in the month. "
                    + "Usage no practice caused (cold starts, scans over every practice) is not in it.")
    @ApiResponse(responseCode = "200", description = "The month's cost", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CostView.class)))
    @ApiResponse(responseCode = "400", description = "malformed-request: month is not YYYY-MM, or before 2020-01, or after the "
            + "current month; errors[].field names it", content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON,
            schema = @Schema(implementation = Problem.class)))
    public HttpResponse<CostView> cost(@Parameter(hidden = true) Caller caller, @Nullable @QueryValue String month) {
        caller.require(Role.ADMIN, Role.BILLER);
        return HttpResponse.ok(CostView.of(costs.cost(caller.practiceId(), month)));
    }
}
