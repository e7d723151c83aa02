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
import org.therapyops.api.model.AuthorizationInput;
import org.therapyops.api.model.AuthorizationView;
import org.therapyops.api.model.CoverageInput;
import org.therapyops.api.model.CoverageView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.CoveragePriority;
import org.therapyops.ports.PracticeRepository;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashSet;

/** A patient's coverages and the authorizations granted on them. */
@Controller("/patients/{patientId}")
@Tag(name = "Coverages and authorizations")
public class BenefitsController {

    private static final BigDecimal MAX_QUANTITY = BigDecimal.valueOf(100_000);

    private final PracticeRepository practice;
    private final Clock clock;

    public BenefitsController(PracticeRepository practice, Clock clock) {
        this.practice = practice;
        this.clock = clock;
    }

    @Post("/coverages")
    @Operation(summary = "Add a coverage to a patient")
    public HttpResponse<CoverageView> createCoverage(@Parameter(hidden = true) Caller caller, @PathVariable String patientId,
                                                     @Valid @Body CoverageInput input) {
        caller.require(Role.ADMIN, Role.FRONT_DESK, Role.BILLER);
        requirePatient(caller, patientId);
        if (input.effectiveTo() != null && input.effectiveTo().isBefore(input.effectiveFrom())) {
            throw ApiProblemException.invalid("effectiveTo", "must not be before effectiveFrom");
        }
        practice.payer(caller.practiceId(), input.payerId())
                .orElseThrow(() -> ApiProblemException.unknownReference("payerId", "payer", input.payerId()));
        Coverage coverage = new Coverage(Ids.newId(), patientId, input.payerId(), input.memberId(),
                input.priority() == null ? CoveragePriority.PRIMARY : input.priority(),
                input.effectiveFrom(), input.effectiveTo(), clock.instant(), 1);
        practice.create(caller.practiceId(), coverage);
        return Responses.created("/patients/" + patientId + "/coverages/" + coverage.id(), CoverageView.of(coverage), coverage.version());
    }

    @Get("/coverages/{coverageId}")
    @Operation(summary = "Read a coverage")
    public HttpResponse<CoverageView> coverage(@Parameter(hidden = true) Caller caller, @PathVariable String patientId,
                                               @PathVariable String coverageId) {
        Coverage coverage = practice.coverage(caller.practiceId(), patientId, coverageId)
                .orElseThrow(() -> ApiProblemException.notFound("Coverage", coverageId));
        return Responses.ok(CoverageView.of(coverage), coverage.version());
    }

    @Post("/authorizations")
    @Operation(summary = "Record an authorization granted on one of the patient's coverages")
    public HttpResponse<AuthorizationView> createAuthorization(@Parameter(hidden = true) Caller caller,
                                                               @PathVariable String patientId,
                                                               @Valid @Body AuthorizationInput input) {
        caller.require(Role.ADMIN, Role.FRONT_DESK, Role.BILLER);
        requirePatient(caller, patientId);
        if (input.endDate().isBefore(input.startDate())) {
            throw ApiProblemException.invalid("endDate", "must not be before startDate");
        }
        if (input.quantity().compareTo(MAX_QUANTITY) > 0 || !input.unitType().accepts(input.quantity())) {
            throw ApiProblemException.invalid("quantity", "must be whole " + input.unitType().name().toLowerCase()
                    + (input.unitType() == org.therapyops.domain.UnitType.HOURS ? " in quarter hours" : "")
                    + ", at most " + MAX_QUANTITY);
        }
        practice.coverage(caller.practiceId(), patientId, input.coverageId())
                .orElseThrow(() -> ApiProblemException.unknownReference("coverageId", "coverage of this patient", input.coverageId()));
        Authorization authorization = new Authorization(Ids.newId(), patientId, input.coverageId(), input.number(),
                new LinkedHashSet<>(input.serviceCodes()), input.unitType(), input.unitType().toLedger(input.quantity()),
                0, 0, input.startDate(), input.endDate(), input.discipline(), clock.instant(), 1);
        practice.create(caller.practiceId(), authorization);
        return Responses.created("/patients/" + patientId + "/authorizations/" + authorization.id(),
                AuthorizationView.of(authorization), authorization.version());
    }

    @Get("/authorizations/{authorizationId}")
    @Operation(summary = "Read an authorization with its counters")
    public HttpResponse<AuthorizationView> authorization(@Parameter(hidden = true) Caller caller, @PathVariable String patientId,
                                                         @PathVariable String authorizationId) {
        Authorization authorization = practice.authorization(caller.practiceId(), patientId, authorizationId)
                .orElseThrow(() -> ApiProblemException.notFound("Authorization", authorizationId));
        return Responses.ok(AuthorizationView.of(authorization), authorization.version());
    }

    private void requirePatient(Caller caller, String patientId) {
        practice.patient(caller.practiceId(), patientId)
                .orElseThrow(() -> ApiProblemException.notFound("Patient", patientId));
    }
}
