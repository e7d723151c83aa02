package org.therapyops.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.therapyops.api.model.AppointmentView;
import org.therapyops.api.model.SeriesInput;
import org.therapyops.api.model.SeriesView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.Problem;
import org.therapyops.api.problem.ProblemBodyProvider;
import org.therapyops.api.problem.ProblemType;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentAction;
import org.therapyops.domain.AuditEntry;
import org.therapyops.domain.authorization.AuthorizationDecision;
import org.therapyops.payer.service.PayerRulesResolver;
import org.therapyops.ports.AppointmentRepository;
import org.therapyops.ports.DoubleBookingException;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.scheduling.SeriesForecast;
import org.therapyops.scheduling.SeriesPlan;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Recurring series. The preview flags, before anything is booked, each session that would exceed the
 * authorization's remaining units or fall after its end date, and each that would double-book; booking
 * writes every session or none.
 */
@Controller("/appointment-series")
@Tag(name = "Appointments")
@OpenApiResponses.Authenticated
public class SeriesController {

    private final PracticeRepository practice;
    private final AppointmentRepository appointments;
    private final AppointmentController booking;
    private final PayerRulesResolver payerRules;
    private final Clock clock;

    public SeriesController(PracticeRepository practice, AppointmentRepository appointments, AppointmentController booking,
                            PayerRulesResolver payerRules, Clock clock) {
        this.practice = practice;
        this.appointments = appointments;
        this.booking = booking;
        this.payerRules = payerRules;
        this.clock = clock;
    }

    @Post("/preview")
    @Operation(summary = "What booking this series would do: each session's expected decision, before any is booked")
    @OpenApiResponses.JsonBody
    public SeriesView preview(@Parameter(hidden = true) Caller caller, @Valid @Body SeriesInput input) {
        caller.require(Role.ADMIN, Role.FRONT_DESK, Role.CLINICIAN);
        List<Appointment> sessions = sessions(caller, input, null);
        return view(null, caller, sessions, false);
    }

    @Post
    @Operation(operationId = "bookSeries",
            summary = "Book every session of a series (all or none); each is then decided against the authorizations")
    @Status(HttpStatus.CREATED)
    @ApiResponse(responseCode = "201", description = "Booked: every session, each REQUESTED", useReturnTypeSchema = true)
    @OpenApiResponses.JsonBody
    @ApiResponse(responseCode = "409", description = "double-booking: a session overlaps an existing appointment; errors[] names each; nothing was written",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<SeriesView> book(@Parameter(hidden = true) Caller caller, @Valid @Body SeriesInput input) {
        caller.require(Role.ADMIN, Role.FRONT_DESK, Role.CLINICIAN);
        String seriesId = Ids.newId();
        List<Appointment> sessions = sessions(caller, input, seriesId);
        SeriesView preview = view(seriesId, caller, sessions, true);
        List<Problem.FieldError> conflicts = new ArrayList<>();
        preview.items().forEach(item -> item.conflicts().forEach(c -> conflicts.add(new Problem.FieldError(c.who() + "Id",
                item.start() + " overlaps appointment " + c.appointmentId()))));
        if (!conflicts.isEmpty()) {
            throw new ApiProblemException(ProblemType.DOUBLE_BOOKING, conflicts.size()
                    + " session(s) of the series overlap existing appointments. Nothing was written.", conflicts);
        }
        List<Appointment> booked = new ArrayList<>();
        try {
            for (Appointment session : sessions) {
                appointments.book(caller.practiceId(), session, new AuditEntry(session.id(), clock.instant(), caller.subject(),
                        caller.role().claim(), "BOOK", null, "REQUESTED", caller.requestId(), "series " + seriesId));
                booked.add(session);
            }
        } catch (DoubleBookingException e) {
            // Someone booked into the series' time meanwhile: take back what this request wrote.
            for (Appointment session : booked) {
                appointments.apply(caller.practiceId(), session, new AppointmentRepository.Transition(AppointmentAction.CANCEL,
                        null, new AuditEntry(session.id(), clock.instant(), caller.subject(), caller.role().claim(), "CANCEL",
                        "REQUESTED", "CANCELLED", caller.requestId(), "series " + seriesId + " could not be booked whole"), null));
            }
            throw e;
        }
        return HttpResponse.created(view(seriesId, caller, booked, false));
    }

    private List<Appointment> sessions(Caller caller, SeriesInput input, String seriesId) {
        List<LocalDateTime> starts;
        try {
            starts = new SeriesPlan(booking.practiceTime(caller, input.firstStart()), input.frequency(), input.interval() == null ? 1 : input.interval(),
                    input.count(), input.until()).starts();
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalid(input.count() == null && input.until() == null ? "count" : "until", e.getMessage());
        }
        List<Appointment> sessions = new ArrayList<>();
        for (LocalDateTime start : starts) {
            sessions.add(booking.newAppointment(caller, input.patientId(), input.providerId(), input.serviceCode(), start,
                    input.durationMinutes(), seriesId));
        }
        return sessions;
    }

    private SeriesView view(String seriesId, Caller caller, List<Appointment> sessions, boolean withConflicts) {
        PracticeRepository.PatientBenefits benefits = practice.benefits(caller.practiceId(), sessions.get(0).patientId());
        List<SeriesForecast.Session> assessed = SeriesForecast.assess(sessions, benefits.coverages(), benefits.authorizations(),
                payerRules.lookup(practice, caller.practiceId()));
        List<SeriesView.SessionView> items = new ArrayList<>();
        LocalDateTime firstOver = null;
        int within = 0;
        for (SeriesForecast.Session s : assessed) {
            AuthorizationDecision d = s.decision();
            String authorizationId = d instanceof AuthorizationDecision.Reserve r ? r.authorizationId() : null;
            List<AppointmentView.ReasonView> flags = d instanceof AuthorizationDecision.Refuse r
                    ? r.reasons().stream().map(x -> new AppointmentView.ReasonView(x.code().name(), x.message(), x.details())).toList()
                    : List.of();
            if (s.withinAuthorization()) {
                within++;
            } else if (firstOver == null) {
                firstOver = s.appointment().start();
            }
            List<SeriesView.ConflictView> conflicts = withConflicts
                    ? appointments.conflicts(caller.practiceId(), s.appointment()).stream()
                    .map(c -> new SeriesView.ConflictView(c.who(), c.appointmentId())).toList()
                    : List.of();
            items.add(new SeriesView.SessionView(s.appointment().start(), seriesId == null ? null : s.appointment().id(),
                    s.withinAuthorization(), authorizationId, s.remainingAfter(), flags, conflicts));
        }
        return new SeriesView(seriesId, items.size(), within, firstOver, items);
    }
}
