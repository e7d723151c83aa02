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
import org.therapyops.api.model.AuthorizationInput;
import org.therapyops.api.model.AuthorizationUpdate;
import org.therapyops.api.model.AuthorizationView;
import org.therapyops.api.model.CoverageInput;
import org.therapyops.api.model.CoverageView;
import org.therapyops.api.model.PageView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.Problem;
import org.therapyops.api.problem.ProblemBodyProvider;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.CoveragePriority;
import org.therapyops.domain.Mbi;
import org.therapyops.domain.Payer;
import org.therapyops.domain.PayerType;
import org.therapyops.domain.UnitType;
import org.therapyops.ports.PracticeRepository;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;

import static org.therapyops.api.OpenApiResponses.BAD_QUERY;
import static org.therapyops.api.OpenApiResponses.FORBIDDEN;
import static org.therapyops.api.OpenApiResponses.NOT_FOUND;
import static org.therapyops.api.OpenApiResponses.VALIDATION;

/**
 * A patient's coverages and the authorizations granted on them: create, read, replace (If-Match) and list.
 * Writes: admin, front desk and biller. Reads: every role.
 */
@Controller("/patients/{patientId}")
@Tag(name = "Coverages and authorizations")
@OpenApiResponses.Authenticated
public class BenefitsController {

    private static final BigDecimal MAX_QUANTITY = BigDecimal.valueOf(100_000);

    private final PracticeRepository practice;
    private final Clock clock;

    public BenefitsController(PracticeRepository practice, Clock clock) {
        this.practice = practice;
        this.clock = clock;
    }

    @Post("/coverages")
    @Operation(summary = "Add a coverage to a patient; a Medicare payer's member id must be an MBI")
    @Status(HttpStatus.CREATED)
    @OpenApiResponses.Created
    @OpenApiResponses.NotFound
    @OpenApiResponses.JsonBody
    public HttpResponse<CoverageView> createCoverage(@Parameter(hidden = true) Caller caller, @PathVariable String patientId,
                                                     @Valid @Body CoverageInput input) {
        caller.require(Role.ADMIN, Role.FRONT_DESK, Role.BILLER);
        requirePatient(caller, patientId);
        Coverage coverage = coverage(caller, patientId, Ids.newId(), input, clock.instant(), 1);
        practice.create(caller.practiceId(), coverage);
        return Responses.created("/patients/" + patientId + "/coverages/" + coverage.id(), CoverageView.of(coverage), coverage.version());
    }

    @Get("/coverages/{coverageId}")
    @Operation(summary = "Read a coverage")
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    public HttpResponse<CoverageView> coverage(@Parameter(hidden = true) Caller caller, @PathVariable String patientId,
                                               @PathVariable String coverageId) {
        Coverage coverage = existingCoverage(caller, patientId, coverageId);
        return Responses.ok(CoverageView.of(coverage), coverage.version());
    }

    @Put("/coverages/{coverageId}")
    @Operation(summary = "Replace a coverage's payer, member id, priority and effective window")
    @ReplacedUnderIfMatch
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    @OpenApiResponses.JsonBody
    public HttpResponse<CoverageView> updateCoverage(@Parameter(hidden = true) Caller caller, @PathVariable String patientId,
                                                     @PathVariable String coverageId,
                                                     @Parameter(description = OpenApiResponses.IF_MATCH_DESCRIPTION, example = "\"1\"")
                                                     
                                                     @Header(value = Preconditions.IF_MATCH, defaultValue = "") String ifMatch,
                                                     @Valid @Body CoverageInput input) {
        caller.require(Role.ADMIN, Role.FRONT_DESK, Role.BILLER);
        Coverage updated = Preconditions.replace("The coverage", ifMatch, () -> existingCoverage(caller, patientId, coverageId),
                Coverage::version, current -> practice.update(caller.practiceId(),
                        coverage(caller, patientId, coverageId, input, current.createdAt(), current.version())));
        return Responses.ok(CoverageView.of(updated), updated.version());
    }

    @Get("/coverages")
    @Operation(summary = "List the patient's coverages, optionally those in force on a date")
    @OpenApiResponses.BadQuery
    @OpenApiResponses.NotFound
    public PageView<CoverageView> coverages(@Parameter(hidden = true) Caller caller,
                                            @PathVariable String patientId,
                                            @Parameter(description = "Only coverages in force on this date", allowEmptyValue = true) @QueryValue @Nullable LocalDate activeOn,
                                            @Parameter(description = "1–100, default 25", allowEmptyValue = true) @QueryValue @Nullable Integer limit,
                                            @Parameter(description = "nextCursor of the previous page", allowEmptyValue = true) @QueryValue @Nullable String cursor) {
        int size = Listing.limit(limit);
        requirePatient(caller, patientId);
        return Listing.page(() -> practice.coverages(caller.practiceId(), patientId, activeOn, size, Listing.blankToNull(cursor)),
                CoverageView::of);
    }

    @Post("/authorizations")
    @Operation(summary = "Record an authorization granted on one of the patient's coverages")
    @Status(HttpStatus.CREATED)
    @OpenApiResponses.Created
    @OpenApiResponses.NotFound
    @OpenApiResponses.JsonBody
    public HttpResponse<AuthorizationView> createAuthorization(@Parameter(hidden = true) Caller caller,
                                                               @PathVariable String patientId,
                                                               @Valid @Body AuthorizationInput input) {
        caller.require(Role.ADMIN, Role.FRONT_DESK, Role.BILLER);
        requirePatient(caller, patientId);
        requireWindow(input.startDate(), input.endDate());
        requireCountable(input.quantity(), input.unitType());
        ServiceCodes.requireKnown("serviceCodes", input.serviceCodes());
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
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    public HttpResponse<AuthorizationView> authorization(@Parameter(hidden = true) Caller caller, @PathVariable String patientId,
                                                         @PathVariable String authorizationId) {
        Authorization authorization = existingAuthorization(caller, patientId, authorizationId);
        return Responses.ok(AuthorizationView.of(authorization), authorization.version());
    }

    @Put("/authorizations/{authorizationId}")
    @Operation(summary = "Replace an authorization's number, codes, quantity, window and discipline",
            description = "The quantity may not go below scheduled + rendered; remaining is recomputed in the same conditional write. "
                    + "Reserving units also changes the version, so an If-Match read before a booking was decided gets 412.")
    @ReplacedUnderIfMatch
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    @OpenApiResponses.JsonBody
    public HttpResponse<AuthorizationView> updateAuthorization(@Parameter(hidden = true) Caller caller, @PathVariable String patientId,
                                                               @PathVariable String authorizationId,
                                                               @Parameter(description = OpenApiResponses.IF_MATCH_DESCRIPTION, example = "\"1\"")
                                                               
                                                               @Header(value = Preconditions.IF_MATCH, defaultValue = "") String ifMatch,
                                                               @Valid @Body AuthorizationUpdate input) {
        caller.require(Role.ADMIN, Role.FRONT_DESK, Role.BILLER);
        Authorization updated = Preconditions.replace("The authorization", ifMatch,
                () -> existingAuthorization(caller, patientId, authorizationId), Authorization::version,
                current -> practice.update(caller.practiceId(), replaced(current, patientId, input)));
        return Responses.ok(AuthorizationView.of(updated), updated.version());
    }

    /** The authorization as {@code input} replaces it: 422 for a window, codes or a quantity it may not have. */
    private static Authorization replaced(Authorization current, String patientId, AuthorizationUpdate input) {
        requireWindow(input.startDate(), input.endDate());
        ServiceCodes.requireKnown("serviceCodes", input.serviceCodes());
        UnitType unitType = current.unitType();
        requireCountable(input.quantity(), unitType);
        long authorized = unitType.toLedger(input.quantity());
        long committed = current.scheduled() + current.rendered();
        if (authorized < committed) {
            throw ApiProblemException.invalid("quantity", "must not be below what is already scheduled plus rendered ("
                    + unitType.fromLedger(committed).toPlainString() + " " + unitType.name().toLowerCase() + ")");
        }
        return new Authorization(current.id(), patientId, current.coverageId(), input.number(),
                new LinkedHashSet<>(input.serviceCodes()), unitType, authorized, current.scheduled(), current.rendered(),
                input.startDate(), input.endDate(), input.discipline(), current.createdAt(), current.version());
    }

    @Get("/authorizations")
    @Operation(summary = "List the patient's authorizations, optionally those whose window holds a date or that cover a code")
    @OpenApiResponses.BadQuery
    @OpenApiResponses.NotFound
    public PageView<AuthorizationView> authorizations(@Parameter(hidden = true) Caller caller,
                                                      @PathVariable String patientId,
                                                      @Parameter(description = "Only authorizations whose window holds this date", allowEmptyValue = true) @QueryValue @Nullable LocalDate activeOn,
                                                      @Parameter(description = "Only authorizations covering this CPT/HCPCS code", allowEmptyValue = true) @QueryValue @Nullable String serviceCode,
                                                      @Parameter(description = "1–100, default 25", allowEmptyValue = true) @QueryValue @Nullable Integer limit,
                                                      @Parameter(description = "nextCursor of the previous page", allowEmptyValue = true) @QueryValue @Nullable String cursor) {
        int size = Listing.limit(limit);
        requirePatient(caller, patientId);
        String code = Listing.blankToNull(serviceCode);
        return Listing.page(() -> practice.authorizations(caller.practiceId(), patientId, activeOn, code, size,
                Listing.blankToNull(cursor)), AuthorizationView::of);
    }

    private Coverage coverage(Caller caller, String patientId, String coverageId, CoverageInput input, Instant createdAt, long version) {
        if (input.effectiveTo() != null && input.effectiveTo().isBefore(input.effectiveFrom())) {
            throw ApiProblemException.invalid("effectiveTo", "must not be before effectiveFrom");
        }
        Payer payer = practice.payer(caller.practiceId(), input.payerId())
                .orElseThrow(() -> ApiProblemException.unknownReference("payerId", "payer", input.payerId()));
        if (payer.payerType() == PayerType.MEDICARE && !Mbi.isValid(input.memberId())) {
            int position = Mbi.firstInvalidPosition(input.memberId());
            throw ApiProblemException.invalid("memberId", "must be a Medicare Beneficiary Identifier for a Medicare payer: "
                    + Mbi.LENGTH + " characters without dashes or spaces"
                    + (position <= Mbi.LENGTH ? "; position " + position + " does not fit the MBI format" : ""));
        }
        return new Coverage(coverageId, patientId, input.payerId(), input.memberId(),
                input.priority() == null ? CoveragePriority.PRIMARY : input.priority(),
                input.effectiveFrom(), input.effectiveTo(), createdAt, version);
    }

    private static void requireWindow(LocalDate startDate, LocalDate endDate) {
        if (endDate.isBefore(startDate)) {
            throw ApiProblemException.invalid("endDate", "must not be before startDate");
        }
    }

    private static void requireCountable(BigDecimal quantity, UnitType unitType) {
        if (quantity.compareTo(MAX_QUANTITY) > 0 || !unitType.accepts(quantity)) {
            throw ApiProblemException.invalid("quantity", "must be whole " + unitType.name().toLowerCase()
                    + (unitType == UnitType.HOURS ? " in quarter hours" : "") + ", at most " + MAX_QUANTITY);
        }
    }

    private Coverage existingCoverage(Caller caller, String patientId, String coverageId) {
        return practice.coverage(caller.practiceId(), patientId, coverageId)
                .orElseThrow(() -> ApiProblemException.notFound("Coverage", coverageId));
    }

    private Authorization existingAuthorization(Caller caller, String patientId, String authorizationId) {
        return practice.authorization(caller.practiceId(), patientId, authorizationId)
                .orElseThrow(() -> ApiProblemException.notFound("Authorization", authorizationId));
    }

    private void requirePatient(Caller caller, String patientId) {
        practice.patient(caller.practiceId(), patientId)
                .orElseThrow(() -> ApiProblemException.notFound("Patient", patientId));
    }
}
