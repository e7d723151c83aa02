package org.therapyops.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.therapyops.api.model.AppointmentInput;
import org.therapyops.api.model.AppointmentView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.ports.AppointmentRepository;
import org.therapyops.ports.PracticeRepository;

import java.time.Clock;

/**
 * Booking. A new appointment is stored REQUESTED; the authorization-check function, fed by the
 * Appointments stream, moves it to SCHEDULED (units reserved) or NEEDS_AUTH (with reasons) moments later.
 */
@Controller("/appointments")
@Tag(name = "Appointments")
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
    @Operation(summary = "Book an appointment; it is decided against the patient's authorizations asynchronously")
    public HttpResponse<AppointmentView> book(@Parameter(hidden = true) Caller caller, @Valid @Body AppointmentInput input) {
        caller.require(Role.ADMIN, Role.FRONT_DESK, Role.CLINICIAN);
        practice.patient(caller.practiceId(), input.patientId())
                .orElseThrow(() -> ApiProblemException.unknownReference("patientId", "patient", input.patientId()));
        practice.provider(caller.practiceId(), input.providerId())
                .orElseThrow(() -> ApiProblemException.unknownReference("providerId", "provider", input.providerId()));
        Appointment appointment = new Appointment(Ids.newId(), input.patientId(), input.providerId(), input.serviceCode(),
                input.start(), input.durationMinutes(), AppointmentStatus.REQUESTED, null, clock.instant(),
                caller.subject(), 1);
        appointments.create(caller.practiceId(), appointment);
        return Responses.created("/appointments/" + appointment.id(), AppointmentView.of(appointment), appointment.version());
    }

    @Get("/{appointmentId}")
    @Operation(summary = "Read an appointment and its authorization decision")
    public HttpResponse<AppointmentView> appointment(@Parameter(hidden = true) Caller caller, @PathVariable String appointmentId) {
        Appointment appointment = appointments.appointment(caller.practiceId(), appointmentId)
                .orElseThrow(() -> ApiProblemException.notFound("Appointment", appointmentId));
        return Responses.ok(AppointmentView.of(appointment), appointment.version());
    }
}
