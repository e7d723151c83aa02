package org.therapyops.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.therapyops.api.model.AlertView;
import org.therapyops.api.model.PageView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.Problem;
import org.therapyops.api.problem.ProblemBodyProvider;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.domain.alert.Alert;
import org.therapyops.domain.alert.AlertStatus;
import org.therapyops.ports.AlertRepository;

import java.time.Clock;
import java.util.List;

/**
 * Alerts of the caller's practice, as the alerts function raised them: listed newest first by status, and
 * acknowledged once (who: the token's subject; when: now). The claims a review digest lists are shown only to
 * the roles that may read claims (biller, admin); the others see its message and count.
 */
@Controller("/alerts")
@Tag(name = "Alerts")
@OpenApiResponses.Authenticated
public class AlertController {

    private final AlertRepository alerts;
    private final Clock clock;

    public AlertController(AlertRepository alerts, Clock clock) {
        this.alerts = alerts;
        this.clock = clock;
    }

    @Get
    @Operation(operationId = "alerts", summary = "List alerts by status (OPEN by default), newest first, with cursor pagination; "
            + "a review digest's claims only for billers and admins")
    @OpenApiResponses.BadQuery
    public PageView<AlertView> list(@Parameter(hidden = true) Caller caller,
                                    @Parameter(allowEmptyValue = true) @QueryValue @Nullable AlertStatus status,
                                    @Parameter(allowEmptyValue = true) @QueryValue @Nullable Integer limit,
                                    @Parameter(allowEmptyValue = true) @QueryValue @Nullable String cursor) {
        int size = Listing.limit(limit);
        try {
            AlertRepository.Page page = alerts.list(caller.practiceId(), status == null ? AlertStatus.OPEN : status, size,
                    Listing.blankToNull(cursor));
            return new PageView<>(page.alerts().stream().map(a -> AlertView.of(a, readsClaims(caller))).toList(), page.nextCursor());
        } catch (AlertRepository.InvalidAlertCursorException e) {
            throw ApiProblemException.badQuery("cursor", "was not issued by this listing for this practice and status");
        }
    }

    @Post("/{alertId}/acknowledge")
    @Operation(summary = "Acknowledge an open alert; a second acknowledgement is a 409 conflict")
    @ApiResponse(responseCode = "200", description = "The alert, acknowledged")
    @OpenApiResponses.NotFound
    @ApiResponse(responseCode = "409", description = "conflict: the alert is not open (acknowledged already)",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<AlertView> acknowledge(@Parameter(hidden = true) Caller caller, @PathVariable String alertId) {
        caller.require(Role.ADMIN, Role.FRONT_DESK, Role.BILLER);
        Alert alert = alerts.acknowledge(caller.practiceId(), alertId, caller.subject(), clock.instant())
                .orElseThrow(() -> ApiProblemException.notFound("Alert", alertId));
        return HttpResponse.ok(AlertView.of(alert, readsClaims(caller)));
    }

    /** The roles that may read claims (as GET /claims), and so a review digest's list of them. */
    private static boolean readsClaims(Caller caller) {
        return caller.role() == Role.BILLER || caller.role() == Role.ADMIN;
    }
}
