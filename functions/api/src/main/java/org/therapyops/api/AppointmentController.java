package org.therapyops.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.therapyops.api.model.ActionInput;
import org.therapyops.api.model.AppointmentInput;
import org.therapyops.api.model.AppointmentView;
import org.therapyops.api.model.AuditView;
import org.therapyops.api.model.PageView;
import org.therapyops.api.model.RescheduleInput;
import org.therapyops.api.model.StartTime;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.Problem;
import org.therapyops.api.problem.ProblemBodyProvider;
import org.therapyops.api.problem.ProblemType;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentAction;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.AuditEntry;
import org.therapyops.ports.AppointmentRepository;
import org.therapyops.ports.PracticeRepository;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Booking and the appointment lifecycle. A new (or rescheduled) appointment is stored REQUESTED; the
 * authorization-check function, fed by the Appointments stream, moves it to SCHEDULED (units reserved)
 * or NEEDS_AUTH (with reasons) moments later. Staff actions are conditional writes on the current state,
 * atomic with the units they release or render and with an audit entry.
 */
@Controller("/appointments")
@Tag(name = "Appointments")
@OpenApiResponses.Authenticated
public class AppointmentController {

    private final PracticeRepository practice;
    private final AppointmentRepository appointments;
    private final Clock clock;

    public AppointmentController(PracticeRepository practice, AppointmentRepository appointments, Clock clock) {
        this.practice = practice;
        this.appointments = appointments;
        this.clock = clock;
    }

    @Post
    @Operation(operationId = "bookAppointment",
            summary = "Book an appointment; it is decided against the patient's authorizations asynchronously")
    @Status(HttpStatus.CREATED)
    @OpenApiResponses.Created
    @OpenApiResponses.JsonBody
    @ApiResponse(responseCode = "409", description = "double-booking: the provider or the patient has an appointment at that time; errors[] names it",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<AppointmentView> book(@Parameter(hidden = true) Caller caller, @Valid @Body AppointmentInput input) {
        caller.require(Role.ADMIN, Role.FRONT_DESK, Role.CLINICIAN);
        Appointment appointment = newAppointment(caller, input.patientId(), input.providerId(), input.serviceCode(),
                practiceTime(caller, input.start()), input.durationMinutes(), null);
        appointments.book(caller.practiceId(), appointment, audit(caller, appointment.id(), "BOOK", null,
                AppointmentStatus.REQUESTED, null));
        return Responses.created("/appointments/" + appointment.id(), AppointmentView.of(appointment), appointment.version());
    }

    /** Validates references and time, and builds a REQUESTED appointment (nothing is written). */
    Appointment newAppointment(Caller caller, String patientId, String providerId, String serviceCode, LocalDateTime start,
                               int durationMinutes, String seriesId) {
        ServiceCodes.requireKnown("serviceCode", serviceCode);
        practice.patient(caller.practiceId(), patientId)
                .orElseThrow(() -> ApiProblemException.unknownReference("patientId", "patient", patientId));
        if (practice.benefits(caller.practiceId(), patientId).coverages().isEmpty()) {
            // Without any coverage there is nothing to check: record the coverage first.
            throw ApiProblemException.invalid("patientId", "has no coverage: add the patient's coverage before booking");
        }
        practice.provider(caller.practiceId(), providerId)
                .orElseThrow(() -> ApiProblemException.unknownReference("providerId", "provider", providerId));
        LocalDateTime minute = requireSameDay(start, durationMinutes);
        return new Appointment(Ids.newId(), patientId, providerId, serviceCode, minute, durationMinutes,
                AppointmentStatus.REQUESTED, null, seriesId, clock.instant(), caller.subject(), 1);
    }

    @Get
    @Operation(operationId = "appointments", summary = "List appointments starting in [from, to), oldest first")
    @OpenApiResponses.BadQuery
    @ApiResponse(responseCode = "422", description = "validation: to is not after from, or more than 366 days later",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public PageView<AppointmentView> list(@Parameter(hidden = true) Caller caller,
                                          @QueryValue LocalDate from,
                                          @QueryValue LocalDate to,
                                          @Parameter(allowEmptyValue = true) @Nullable @QueryValue String providerId,
                                          @Parameter(allowEmptyValue = true) @Nullable @QueryValue String patientId,
                                          @Parameter(allowEmptyValue = true) @Nullable @QueryValue AppointmentStatus status,
                                          @Parameter(allowEmptyValue = true) @Nullable @QueryValue Integer limit,
                                          @Parameter(allowEmptyValue = true) @Nullable @QueryValue String cursor) {
        if (!to.isAfter(from) || from.plusDays(366).isBefore(to)) {
            throw ApiProblemException.invalid("to", "must be after from, at most 366 days later");
        }
        return Listing.page(() -> appointments.list(caller.practiceId(), from.atStartOfDay(), to.atStartOfDay(),
                Listing.blankToNull(providerId), Listing.blankToNull(patientId), status, Listing.limit(limit),
                Listing.blankToNull(cursor)), AppointmentView::of);
    }

    @Get("/{appointmentId}")
    @Operation(summary = "Read an appointment and its authorization decision")
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    public HttpResponse<AppointmentView> appointment(@Parameter(hidden = true) Caller caller, @PathVariable String appointmentId) {
        Appointment appointment = find(caller, appointmentId);
        return Responses.ok(AppointmentView.of(appointment), appointment.version());
    }

    @Get("/{appointmentId}/audit")
    @Operation(operationId = "appointmentAudit",
            summary = "The appointment's audit trail: every state change, who, when, from which request, why")
    @OpenApiResponses.NotFound
    public List<AuditView> audit(@Parameter(hidden = true) Caller caller, @PathVariable String appointmentId) {
        find(caller, appointmentId);
        return appointments.audit(caller.practiceId(), appointmentId).stream().map(AuditView::of).toList();
    }

    @Post("/{appointmentId}/check-in")
    @Operation(summary = "The patient arrived (SCHEDULED → CHECKED_IN)")
    @OpenApiResponses.Transition
    @ApiResponse(responseCode = "409", description = "invalid-transition: the appointment's status does not allow this",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<AppointmentView> checkIn(@Parameter(hidden = true) Caller caller, @PathVariable String appointmentId,
                                                 @Parameter(description = OpenApiResponses.OPTIONAL_IF_MATCH_DESCRIPTION, example = "\"1\"")
                                                 @Nullable @Header(Preconditions.IF_MATCH) String ifMatch, @Nullable @Valid @Body ActionInput input) {
        caller.require(Role.ADMIN, Role.FRONT_DESK);
        return act(caller, appointmentId, AppointmentAction.CHECK_IN, ifMatch, reason(input), null);
    }

    @Post("/{appointmentId}/complete")
    @Operation(summary = "The session took place: its reserved units become rendered")
    @OpenApiResponses.Transition
    @ApiResponse(responseCode = "409", description = "invalid-transition: the appointment's status does not allow this",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<AppointmentView> complete(@Parameter(hidden = true) Caller caller, @PathVariable String appointmentId,
                                                  @Parameter(description = OpenApiResponses.OPTIONAL_IF_MATCH_DESCRIPTION, example = "\"1\"")
                                                  @Nullable @Header(Preconditions.IF_MATCH) String ifMatch, @Nullable @Valid @Body ActionInput input) {
        caller.require(Role.ADMIN, Role.FRONT_DESK, Role.CLINICIAN);
        return act(caller, appointmentId, AppointmentAction.COMPLETE, ifMatch, reason(input), null);
    }

    @Post("/{appointmentId}/cancel")
    @Operation(summary = "Cancel: the reserved units and the time are released")
    @OpenApiResponses.Transition
    @ApiResponse(responseCode = "409", description = "invalid-transition: the appointment's status does not allow this",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<AppointmentView> cancel(@Parameter(hidden = true) Caller caller, @PathVariable String appointmentId,
                                                @Parameter(description = OpenApiResponses.OPTIONAL_IF_MATCH_DESCRIPTION, example = "\"1\"")
                                                @Nullable @Header(Preconditions.IF_MATCH) String ifMatch, @Nullable @Valid @Body ActionInput input) {
        caller.require(Role.ADMIN, Role.FRONT_DESK, Role.CLINICIAN);
        return act(caller, appointmentId, AppointmentAction.CANCEL, ifMatch, reason(input), null);
    }

    @Post("/{appointmentId}/no-show")
    @Operation(summary = "The patient did not come: the reserved units and the time are released")
    @OpenApiResponses.Transition
    @ApiResponse(responseCode = "409", description = "invalid-transition: the appointment's status does not allow this",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<AppointmentView> noShow(@Parameter(hidden = true) Caller caller, @PathVariable String appointmentId,
                                                @Parameter(description = OpenApiResponses.OPTIONAL_IF_MATCH_DESCRIPTION, example = "\"1\"")
                                                @Nullable @Header(Preconditions.IF_MATCH) String ifMatch, @Nullable @Valid @Body ActionInput input) {
        caller.require(Role.ADMIN, Role.FRONT_DESK);
        return act(caller, appointmentId, AppointmentAction.NO_SHOW, ifMatch, reason(input), null);
    }

    @Post("/{appointmentId}/reschedule")
    @Operation(summary = "Move to a new time: units are released and the authorization is checked again for the new date")
    @OpenApiResponses.Transition
    @ApiResponse(responseCode = "409", description = "invalid-transition: the appointment's status does not allow this; double-booking: the new time overlaps another appointment of the provider or the patient",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<AppointmentView> reschedule(@Parameter(hidden = true) Caller caller, @PathVariable String appointmentId,
                                                    @Parameter(description = OpenApiResponses.OPTIONAL_IF_MATCH_DESCRIPTION, example = "\"1\"")
                                                    @Nullable @Header(Preconditions.IF_MATCH) String ifMatch, @Valid @Body RescheduleInput input) {
        caller.require(Role.ADMIN, Role.FRONT_DESK, Role.CLINICIAN);
        Appointment current = find(caller, appointmentId);
        int duration = input.durationMinutes() == null ? current.durationMinutes() : input.durationMinutes();
        String providerId = input.providerId() == null ? current.providerId() : input.providerId();
        if (!providerId.equals(current.providerId())) {
            practice.provider(caller.practiceId(), providerId)
                    .orElseThrow(() -> ApiProblemException.unknownReference("providerId", "provider", providerId));
        }
        LocalDateTime start = requireSameDay(practiceTime(caller, input.start()), duration);
        return act(caller, appointmentId, AppointmentAction.RESCHEDULE, ifMatch, input.reason(),
                new AppointmentRepository.Reschedule(start, duration, providerId));
    }

    @Post("/{appointmentId}/override")
    @Operation(summary = "Schedule a blocked appointment anyway (the practice's override role only); the reason is audited")
    @OpenApiResponses.Transition
    @ApiResponse(responseCode = "409", description = "invalid-transition: the appointment's status does not allow this; double-booking: the new time overlaps another appointment of the provider or the patient",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<AppointmentView> override(@Parameter(hidden = true) Caller caller, @PathVariable String appointmentId,
                                                  @Parameter(description = OpenApiResponses.OPTIONAL_IF_MATCH_DESCRIPTION, example = "\"1\"")
                                                  @Nullable @Header(Preconditions.IF_MATCH) String ifMatch, @Valid @Body ActionInput input) {
        String overrideRole = practice.settings(caller.practiceId()).overrideRole();
        if (!caller.role().claim().equals(overrideRole)) {
            throw new ApiProblemException(ProblemType.FORBIDDEN, "Only the role " + overrideRole
                    + " may override an authorization block in this practice.");
        }
        if (input.reason() == null || input.reason().isBlank()) {
            throw ApiProblemException.invalid("reason", "is required for an override");
        }
        return act(caller, appointmentId, AppointmentAction.OVERRIDE, ifMatch, input.reason(), null);
    }

    private HttpResponse<AppointmentView> act(Caller caller, String appointmentId, AppointmentAction action, String ifMatch,
                                              String reason, AppointmentRepository.Reschedule reschedule) {
        Appointment current = find(caller, appointmentId);
        Long expected = ifMatch == null ? null : Preconditions.expectedVersion(ifMatch);
        AuditEntry audit = audit(caller, appointmentId, action.name(), current.status(), action.to(), reason);
        Appointment after = Preconditions.write("The appointment", () -> appointments.apply(caller.practiceId(), current,
                new AppointmentRepository.Transition(action, expected, audit, reschedule)));
        return Responses.ok(AppointmentView.of(after), after.version());
    }

    private Appointment find(Caller caller, String appointmentId) {
        return appointments.appointment(caller.practiceId(), appointmentId)
                .orElseThrow(() -> ApiProblemException.notFound("Appointment", appointmentId));
    }

    private AuditEntry audit(Caller caller, String appointmentId, String action, AppointmentStatus from, AppointmentStatus to,
                             String reason) {
        return new AuditEntry(appointmentId, clock.instant(), caller.subject(), caller.role().claim(), action,
                from == null ? null : from.name(), to.name(), caller.requestId(), reason);
    }

    private static String reason(ActionInput input) {
        return input == null ? null : input.reason();
    }

    /** A start as the practice's wall-clock time: one sent with a UTC offset is converted to the practice's time zone. */
    LocalDateTime practiceTime(Caller caller, StartTime start) {
        return start.hasOffset() ? start.in(ZoneId.of(practice.settings(caller.practiceId()).timeZone())) : start.local();
    }

    /** Sessions are booked to the minute and end before midnight (a day's schedule guards against double booking). */
    static LocalDateTime requireSameDay(LocalDateTime start, int durationMinutes) {
        LocalDateTime minute = start.truncatedTo(ChronoUnit.MINUTES);
        if (!minute.plusMinutes(durationMinutes).toLocalDate().equals(minute.toLocalDate())) {
            throw ApiProblemException.invalid("durationMinutes", "must end the session before midnight of its day");
        }
        return minute;
    }
}
