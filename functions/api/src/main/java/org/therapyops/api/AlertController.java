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
import io.swagger.v3.oas.annotations.tags.Tag;
import org.therapyops.api.model.AlertPage;
import org.therapyops.api.model.AlertView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.ProblemType;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.domain.alert.Alert;
import org.therapyops.domain.alert.AlertStatus;
import org.therapyops.ports.AlertRepository;

import java.time.Clock;

/**
 * Authorization alerts of the caller's practice, as the alerts function raised them: listed newest first
 * by status, and acknowledged once (who: the token's subject; when: now).
 */
@Controller("/alerts")
@Tag(name = "Alerts")
public class AlertController {

    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;

    private final AlertRepository alerts;
    private final Clock clock;

    public AlertController(AlertRepository alerts, Clock clock) {
        this.alerts = alerts;
        this.clock = clock;
    }

    @Get
    @Operation(summary = "List alerts by status (OPEN by default), newest first, with cursor pagination")
    public AlertPage list(@Parameter(hidden = true) Caller caller, @QueryValue @Nullable AlertStatus status,
                          @QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        try {
            AlertRepository.Page page = alerts.list(caller.practiceId(), status == null ? AlertStatus.OPEN : status, size, cursor);
            return new AlertPage(page.alerts().stream().map(AlertView::of).toList(), page.nextCursor());
        } catch (AlertRepository.InvalidAlertCursorException e) {
            throw ApiProblemException.invalid("cursor", "is not a cursor this listing handed out for this status");
        }
    }

    @Post("/{alertId}/acknowledge")
    @Operation(summary = "Acknowledge an open alert; a second acknowledgement is a 409 conflict")
    public HttpResponse<AlertView> acknowledge(@Parameter(hidden = true) Caller caller, @PathVariable String alertId) {
        caller.require(Role.ADMIN, Role.FRONT_DESK, Role.BILLER);
        try {
            Alert alert = alerts.acknowledge(caller.practiceId(), alertId, caller.subject(), clock.instant())
                    .orElseThrow(() -> ApiProblemException.notFound("Alert", alertId));
            return HttpResponse.ok(AlertView.of(alert));
        } catch (AlertRepository.AlertStateException e) {
            throw new ApiProblemException(ProblemType.CONFLICT, e.getMessage());
        }
    }
}
