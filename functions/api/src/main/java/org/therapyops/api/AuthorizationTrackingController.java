package org.therapyops.api;

import io.micronaut.core.annotation.Nullable;
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
import org.therapyops.api.model.ForecastView;
import org.therapyops.api.model.UtilizationView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.Problem;
import org.therapyops.api.problem.ProblemBodyProvider;
import org.therapyops.api.problem.ProblemType;
import org.therapyops.api.security.Caller;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.UnitType;
import org.therapyops.ports.AppointmentRepository;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.scheduling.AuthorizationForecast;
import org.therapyops.scheduling.Utilization;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/** Where each authorization stands: its forecast, and the practice's utilization report. */
@Controller
@Tag(name = "Authorization tracking")
@OpenApiResponses.Authenticated
public class AuthorizationTrackingController {

    private final PracticeRepository practice;
    private final AppointmentRepository appointments;
    private final Clock clock;

    public AuthorizationTrackingController(PracticeRepository practice, AppointmentRepository appointments, Clock clock) {
        this.practice = practice;
        this.appointments = appointments;
        this.clock = clock;
    }

    @Get("/patients/{patientId}/authorizations/{authorizationId}/forecast")
    @Operation(summary = "Authorized, scheduled, rendered, remaining, and the date the booked schedule exhausts it")
    @OpenApiResponses.NotFound
    public ForecastView forecast(@Parameter(hidden = true) Caller caller, @PathVariable String patientId,
                                 @PathVariable String authorizationId) {
        Authorization a = practice.authorization(caller.practiceId(), patientId, authorizationId)
                .orElseThrow(() -> ApiProblemException.notFound("Authorization", authorizationId));
        AuthorizationForecast f = AuthorizationForecast.of(a, appointments.byAuthorization(caller.practiceId(), authorizationId));
        UnitType t = a.unitType();
        return new ForecastView(a.id(), a.number(), t, t.fromLedger(a.authorized()), t.fromLedger(a.scheduled()),
                t.fromLedger(a.rendered()), t.fromLedger(a.remaining()), a.startDate(), a.endDate(), f.exhaustedOn(),
                f.upcoming().stream().map(x -> new ForecastView.Upcoming(x.id(), x.start(),
                        t.fromLedger(x.decision().reservedUnits()))).toList(),
                f.overbooked().stream().map(x -> x.id()).toList());
    }

    @Get("/reports/authorization-utilization")
    @Operation(summary = "Utilization of every authorization; expired ones only when asked for")
    @OpenApiResponses.BadQuery
    @ApiResponse(responseCode = "422", description = "validation: expiringWithinDays is not 0 to 3650, or maxRemainingPercent not 0 to 100",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public UtilizationView utilization(@Parameter(hidden = true) Caller caller,
                                       @Parameter(allowEmptyValue = true) @Nullable @QueryValue LocalDate asOf,
                                       @Parameter(allowEmptyValue = true) @Nullable @QueryValue Integer expiringWithinDays,
                                       @Parameter(allowEmptyValue = true) @Nullable @QueryValue Integer maxRemainingPercent,
                                       @Parameter(allowEmptyValue = true, schema = @Schema(type = "boolean"))
                                       @Nullable @QueryValue("overScheduled") String overScheduledFlag,
                                       @Parameter(allowEmptyValue = true, schema = @Schema(type = "boolean"))
                                       @Nullable @QueryValue("includeExpired") String includeExpiredFlag) {
        Boolean overScheduled = flag("overScheduled", overScheduledFlag);
        Boolean includeExpired = flag("includeExpired", includeExpiredFlag);
        if (expiringWithinDays != null && (expiringWithinDays < 0 || expiringWithinDays > 3650)) {
            throw ApiProblemException.invalid("expiringWithinDays", "must be 0 to 3650");
        }
        if (maxRemainingPercent != null && (maxRemainingPercent < 0 || maxRemainingPercent > 100)) {
            throw ApiProblemException.invalid("maxRemainingPercent", "must be 0 to 100");
        }
        LocalDate day = asOf != null ? asOf
                : LocalDate.now(clock.withZone(ZoneId.of(practice.settings(caller.practiceId()).timeZone())));
        Utilization.Filter filter = new Utilization.Filter(expiringWithinDays, maxRemainingPercent, overScheduled,
                Boolean.TRUE.equals(includeExpired));
        List<UtilizationView.Row> rows = practice.practiceAuthorizations(caller.practiceId()).stream()
                .map(a -> Utilization.of(a, day, overbooked(caller, a)))
                .filter(filter::accepts)
                .sorted(Comparator.comparingLong(Utilization::daysToExpiry).thenComparing(u -> u.authorization().id()))
                .map(UtilizationView.Row::of)
                .toList();
        return new UtilizationView(day, rows.size(), rows);
    }

    /**
     * A query flag is true or false, nothing else (Micronaut's own conversion reads {@code -58800} or {@code yes} as a
     * boolean, so a typo silently changed what the report listed); empty or absent is not set.
     */
    private static Boolean flag(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
        }
        throw new ApiProblemException(ProblemType.MALFORMED_REQUEST, "Field " + name + " could not be read: must be true or false.",
                List.of(new Problem.FieldError(name, "must be true or false")));
    }

    /** Sessions booked beyond the authorization (WARN policy): one index query per authorization. */
    private int overbooked(Caller caller, Authorization a) {
        return AuthorizationForecast.of(a, appointments.byAuthorization(caller.practiceId(), a.id())).overbooked().size();
    }
}
