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
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.therapyops.api.model.PageView;
import org.therapyops.api.model.PatientInput;
import org.therapyops.api.model.PatientView;
import org.therapyops.api.model.PayerInput;
import org.therapyops.api.model.PayerView;
import org.therapyops.api.model.ProviderInput;
import org.therapyops.api.model.ProviderView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.Problem;
import org.therapyops.api.problem.ProblemBodyProvider;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.domain.Discipline;
import org.therapyops.domain.Npi;
import org.therapyops.domain.Patient;
import org.therapyops.domain.Payer;
import org.therapyops.domain.PayerType;
import org.therapyops.domain.PostalAddress;
import org.therapyops.domain.Provider;
import org.therapyops.domain.Taxonomy;
import org.therapyops.payer.Actor;
import org.therapyops.payer.service.PayerRulesResolver;
import org.therapyops.payer.service.PayerService;
import org.therapyops.ports.PracticeRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.therapyops.api.OpenApiResponses.BAD_QUERY;
import static org.therapyops.api.OpenApiResponses.FORBIDDEN;
import static org.therapyops.api.OpenApiResponses.NOT_FOUND;
import static org.therapyops.api.OpenApiResponses.VALIDATION;

/**
 * Patients, payers and providers of the caller's practice: create, read, replace (If-Match) and list.
 * Writes: patients admin and front desk; payers admin and biller; providers admin. Reads: every role.
 */
@Controller
@Tag(name = "Practice data")
@OpenApiResponses.Authenticated
public class PracticeDataController {

    private final PracticeRepository practice;
    private final PayerService payers;
    private final PayerRulesResolver payerRules;
    private final Clock clock;

    public PracticeDataController(PracticeRepository practice, PayerService payers, PayerRulesResolver payerRules, Clock clock) {
        this.practice = practice;
        this.payers = payers;
        this.payerRules = payerRules;
        this.clock = clock;
    }

    // ---- patients

    @Post("/patients")
    @Operation(summary = "Register a patient")
    @Status(HttpStatus.CREATED)
    @OpenApiResponses.Created
    @OpenApiResponses.JsonBody
    public HttpResponse<PatientView> createPatient(@Parameter(hidden = true) Caller caller, @Valid @Body PatientInput input) {
        caller.require(Role.ADMIN, Role.FRONT_DESK);
        Patient patient = patient(Ids.newId(), input, clock.instant(), 1);
        practice.create(caller.practiceId(), patient);
        return Responses.created("/patients/" + patient.id(), PatientView.of(patient), patient.version());
    }

    @Get("/patients/{patientId}")
    @Operation(summary = "Read a patient")
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    public HttpResponse<PatientView> patient(@Parameter(hidden = true) Caller caller, @PathVariable String patientId) {
        Patient patient = existingPatient(caller, patientId);
        return Responses.ok(PatientView.of(patient), patient.version());
    }

    @Put("/patients/{patientId}")
    @Operation(summary = "Replace a patient's demographics")
    @ReplacedUnderIfMatch
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    @OpenApiResponses.JsonBody
    public HttpResponse<PatientView> updatePatient(@Parameter(hidden = true) Caller caller, @PathVariable String patientId,
                                                   @Parameter(description = OpenApiResponses.IF_MATCH_DESCRIPTION, example = "\"1\"")
                                                   
                                                   @Header(value = Preconditions.IF_MATCH, defaultValue = "") String ifMatch,
                                                   @Valid @Body PatientInput input) {
        caller.require(Role.ADMIN, Role.FRONT_DESK);
        Patient updated = Preconditions.replace("The patient", ifMatch, () -> existingPatient(caller, patientId), Patient::version,
                current -> practice.update(caller.practiceId(), patient(patientId, input, current.createdAt(), current.version())));
        return Responses.ok(PatientView.of(updated), updated.version());
    }

    @Get("/patients")
    @Operation(summary = "List patients, optionally by a case-insensitive prefix of the last name")
    @OpenApiResponses.BadQuery
    public PageView<PatientView> patients(@Parameter(hidden = true) Caller caller,
                                          @Parameter(description = "Case-insensitive prefix of the last name", allowEmptyValue = true) @QueryValue @Nullable String name,
                                          @Parameter(description = "1–100, default 25", allowEmptyValue = true) @QueryValue @Nullable Integer limit,
                                          @Parameter(description = "nextCursor of the previous page", allowEmptyValue = true) @QueryValue @Nullable String cursor) {
        int size = Listing.limit(limit);
        String prefix = Listing.blankToNull(name);
        return Listing.page(() -> practice.patients(caller.practiceId(), prefix, size, Listing.blankToNull(cursor)), PatientView::of);
    }

    // ---- payers

    @Post("/payers")
    @Operation(summary = "Register a payer and its own rules (each optional: the profile of its type decides the rest)")
    @Status(HttpStatus.CREATED)
    @OpenApiResponses.Created
    @OpenApiResponses.JsonBody
    public HttpResponse<PayerView> createPayer(@Parameter(hidden = true) Caller caller, @Valid @Body PayerInput input) {
        caller.require(Role.ADMIN, Role.BILLER);
        Payer payer = payers.register(caller.practiceId(), Ids.newId(), PayerInputs.change(input), actor(caller));
        return Responses.created("/payers/" + payer.id(), view(caller, payer, null), payer.version());
    }

    @Get("/payers/{payerId}")
    @Operation(summary = "Read a payer, with the rules in force today (or on asOf) and where each came from")
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    @OpenApiResponses.BadQuery
    public HttpResponse<PayerView> payer(@Parameter(hidden = true) Caller caller, @PathVariable String payerId,
                                         @Parameter(description = "A date of service (default: the practice's today)", allowEmptyValue = true)
                                         @QueryValue @Nullable LocalDate asOf) {
        Payer payer = existingPayer(caller, payerId);
        return Responses.ok(view(caller, payer, asOf), payer.version());
    }

    @Put("/payers/{payerId}")
    @Operation(summary = "Replace a payer's name, payer id, type and own rules (effective from rulesEffectiveFrom, "
            + "default today); NEEDS_AUTH bookings its rules no longer block are checked again")
    @ReplacedUnderIfMatch
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    @OpenApiResponses.JsonBody
    public HttpResponse<PayerView> updatePayer(@Parameter(hidden = true) Caller caller, @PathVariable String payerId,
                                               @Parameter(description = OpenApiResponses.IF_MATCH_DESCRIPTION, example = "\"1\"")
                                               @Header(value = Preconditions.IF_MATCH, defaultValue = "") String ifMatch,
                                               @Valid @Body PayerInput input) {
        caller.require(Role.ADMIN, Role.BILLER);
        Payer updated = Preconditions.replace("The payer", ifMatch, () -> existingPayer(caller, payerId), Payer::version,
                current -> payers.replace(caller.practiceId(), current, PayerInputs.change(input), actor(caller)).payer());
        return Responses.ok(view(caller, updated, null), updated.version());
    }

    @Get("/payers")
    @Operation(summary = "List payers, optionally of one payer type, each with the rules in force today (or on asOf)")
    @OpenApiResponses.BadQuery
    public PageView<PayerView> payers(@Parameter(hidden = true) Caller caller,
                                      @Parameter(allowEmptyValue = true) @QueryValue @Nullable PayerType payerType,
                                      @Parameter(description = "A date of service (default: the practice's today)", allowEmptyValue = true)
                                      @QueryValue @Nullable LocalDate asOf,
                                      @Parameter(description = "1–100, default 25", allowEmptyValue = true) @QueryValue @Nullable Integer limit,
                                      @Parameter(description = "nextCursor of the previous page", allowEmptyValue = true) @QueryValue @Nullable String cursor) {
        int size = Listing.limit(limit);
        LocalDate date = asOf != null ? asOf : payers.today(caller.practiceId());
        return Listing.page(() -> practice.payers(caller.practiceId(), payerType, size, Listing.blankToNull(cursor)),
                p -> PayerView.of(p, date, payerRules.rulesFor(p, date).orElse(null)));
    }

    private PayerView view(Caller caller, Payer payer, LocalDate asOf) {
        LocalDate date = asOf != null ? asOf : payers.today(caller.practiceId());
        return PayerView.of(payer, date, payerRules.rulesFor(payer, date).orElse(null));
    }

    private static Actor actor(Caller caller) {
        return new Actor(caller.subject(), caller.role().claim(), caller.requestId());
    }

    // ---- providers

    @Post("/providers")
    @Operation(summary = "Register a rendering provider")
    @Status(HttpStatus.CREATED)
    @OpenApiResponses.Created
    @OpenApiResponses.JsonBody
    public HttpResponse<ProviderView> createProvider(@Parameter(hidden = true) Caller caller, @Valid @Body ProviderInput input) {
        caller.require(Role.ADMIN);
        Provider provider = provider(caller, Ids.newId(), input, clock.instant(), 1);
        practice.create(caller.practiceId(), provider);
        return Responses.created("/providers/" + provider.id(), ProviderView.of(provider), provider.version());
    }

    @Get("/providers/{providerId}")
    @Operation(summary = "Read a provider")
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    public HttpResponse<ProviderView> provider(@Parameter(hidden = true) Caller caller, @PathVariable String providerId) {
        Provider provider = existingProvider(caller, providerId);
        return Responses.ok(ProviderView.of(provider), provider.version());
    }

    @Put("/providers/{providerId}")
    @Operation(summary = "Replace a provider's NPI, names, discipline, taxonomy, credential and supervisor")
    @ReplacedUnderIfMatch
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    @OpenApiResponses.JsonBody
    public HttpResponse<ProviderView> updateProvider(@Parameter(hidden = true) Caller caller, @PathVariable String providerId,
                                                     @Parameter(description = OpenApiResponses.IF_MATCH_DESCRIPTION, example = "\"1\"")
                                                     
                                                     @Header(value = Preconditions.IF_MATCH, defaultValue = "") String ifMatch,
                                                     @Valid @Body ProviderInput input) {
        caller.require(Role.ADMIN);
        Provider updated = Preconditions.replace("The provider", ifMatch, () -> existingProvider(caller, providerId), Provider::version,
                current -> practice.update(caller.practiceId(), provider(caller, providerId, input, current.createdAt(), current.version())));
        return Responses.ok(ProviderView.of(updated), updated.version());
    }

    @Get("/providers")
    @Operation(summary = "List providers, optionally of one discipline")
    @OpenApiResponses.BadQuery
    public PageView<ProviderView> providers(@Parameter(hidden = true) Caller caller,
                                            @Parameter(allowEmptyValue = true) @QueryValue @Nullable Discipline discipline,
                                            @Parameter(description = "1–100, default 25", allowEmptyValue = true) @QueryValue @Nullable Integer limit,
                                            @Parameter(description = "nextCursor of the previous page", allowEmptyValue = true) @QueryValue @Nullable String cursor) {
        int size = Listing.limit(limit);
        return Listing.page(() -> practice.providers(caller.practiceId(), discipline, size, Listing.blankToNull(cursor)),
                ProviderView::of);
    }

    // ---- building records from input, with the rules bean validation cannot express

    private static Patient patient(String id, PatientInput input, Instant createdAt, long version) {
        return new Patient(id, input.firstName(), input.lastName(), input.birthDate(), input.sex(),
                input.address() == null ? null : Addresses.validated("address", input.address(), PostalAddress.Use.MAILING),
                createdAt, version);
    }

    private Provider provider(Caller caller, String id, ProviderInput input, Instant createdAt, long version) {
        if (!Npi.isValid(input.npi())) {
            throw ApiProblemException.invalid("npi", "must be 10 digits ending in a valid Luhn check digit");
        }
        if (input.taxonomy() != null && !Taxonomy.isValid(input.taxonomy())) {
            throw ApiProblemException.invalid("taxonomy", "must be a 10-character NUCC taxonomy code: 9 letters or digits and X, e.g. 225100000X");
        }
        String supervisorId = Listing.blankToNull(input.supervisorId());
        if (supervisorId != null) {
            if (supervisorId.equals(id)) {
                throw ApiProblemException.invalid("supervisorId", "must name another provider, not the provider itself");
            }
            practice.provider(caller.practiceId(), supervisorId)
                    .orElseThrow(() -> ApiProblemException.unknownReference("supervisorId", "provider", supervisorId));
        }
        return new Provider(id, input.npi(), input.firstName(), input.lastName(), input.discipline(), input.taxonomy(),
                input.credential(), supervisorId, createdAt, version);
    }

    private Patient existingPatient(Caller caller, String patientId) {
        return practice.patient(caller.practiceId(), patientId).orElseThrow(() -> ApiProblemException.notFound("Patient", patientId));
    }

    private Payer existingPayer(Caller caller, String payerId) {
        return practice.payer(caller.practiceId(), payerId).orElseThrow(() -> ApiProblemException.notFound("Payer", payerId));
    }

    private Provider existingProvider(Caller caller, String providerId) {
        return practice.provider(caller.practiceId(), providerId).orElseThrow(() -> ApiProblemException.notFound("Provider", providerId));
    }
}
