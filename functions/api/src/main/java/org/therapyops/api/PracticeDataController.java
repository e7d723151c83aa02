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
import org.therapyops.api.model.PatientInput;
import org.therapyops.api.model.PatientView;
import org.therapyops.api.model.PayerInput;
import org.therapyops.api.model.PayerView;
import org.therapyops.api.model.ProviderInput;
import org.therapyops.api.model.ProviderView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.domain.Npi;
import org.therapyops.domain.Patient;
import org.therapyops.domain.Payer;
import org.therapyops.domain.Provider;
import org.therapyops.ports.PracticeRepository;

import java.time.Clock;

/** Patients, payers and providers of the caller's practice. */
@Controller
@Tag(name = "Practice data")
public class PracticeDataController {

    private final PracticeRepository practice;
    private final Clock clock;

    public PracticeDataController(PracticeRepository practice, Clock clock) {
        this.practice = practice;
        this.clock = clock;
    }

    @Post("/patients")
    @Operation(summary = "Register a patient")
    public HttpResponse<PatientView> createPatient(@Parameter(hidden = true) Caller caller, @Valid @Body PatientInput input) {
        caller.require(Role.ADMIN, Role.FRONT_DESK);
        Patient patient = new Patient(Ids.newId(), input.firstName(), input.lastName(), input.birthDate(), input.sex(),
                clock.instant(), 1);
        practice.create(caller.practiceId(), patient);
        return Responses.created("/patients/" + patient.id(), PatientView.of(patient), patient.version());
    }

    @Get("/patients/{patientId}")
    @Operation(summary = "Read a patient")
    public HttpResponse<PatientView> patient(@Parameter(hidden = true) Caller caller, @PathVariable String patientId) {
        Patient patient = practice.patient(caller.practiceId(), patientId)
                .orElseThrow(() -> ApiProblemException.notFound("Patient", patientId));
        return Responses.ok(PatientView.of(patient), patient.version());
    }

    @Post("/payers")
    @Operation(summary = "Register a payer")
    public HttpResponse<PayerView> createPayer(@Parameter(hidden = true) Caller caller, @Valid @Body PayerInput input) {
        caller.require(Role.ADMIN, Role.BILLER);
        Payer payer = new Payer(Ids.newId(), input.name(), input.payerId(), clock.instant(), 1);
        practice.create(caller.practiceId(), payer);
        return Responses.created("/payers/" + payer.id(), PayerView.of(payer), payer.version());
    }

    @Get("/payers/{payerId}")
    @Operation(summary = "Read a payer")
    public HttpResponse<PayerView> payer(@Parameter(hidden = true) Caller caller, @PathVariable String payerId) {
        Payer payer = practice.payer(caller.practiceId(), payerId)
                .orElseThrow(() -> ApiProblemException.notFound("Payer", payerId));
        return Responses.ok(PayerView.of(payer), payer.version());
    }

    @Post("/providers")
    @Operation(summary = "Register a rendering provider")
    public HttpResponse<ProviderView> createProvider(@Parameter(hidden = true) Caller caller, @Valid @Body ProviderInput input) {
        caller.require(Role.ADMIN);
        if (!Npi.isValid(input.npi())) {
            throw ApiProblemException.invalid("npi", "must be 10 digits ending in a valid Luhn check digit");
        }
        Provider provider = new Provider(Ids.newId(), input.npi(), input.firstName(), input.lastName(), input.discipline(),
                clock.instant(), 1);
        practice.create(caller.practiceId(), provider);
        return Responses.created("/providers/" + provider.id(), ProviderView.of(provider), provider.version());
    }

    @Get("/providers/{providerId}")
    @Operation(summary = "Read a provider")
    public HttpResponse<ProviderView> provider(@Parameter(hidden = true) Caller caller, @PathVariable String providerId) {
        Provider provider = practice.provider(caller.practiceId(), providerId)
                .orElseThrow(() -> ApiProblemException.notFound("Provider", providerId));
        return Responses.ok(ProviderView.of(provider), provider.version());
    }
}
