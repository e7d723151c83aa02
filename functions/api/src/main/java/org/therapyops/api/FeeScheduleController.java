package org.therapyops.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Put;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.therapyops.api.model.FeeScheduleInput;
import org.therapyops.api.model.FeeScheduleView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.Problem;
import org.therapyops.api.problem.ProblemBodyProvider;
import org.therapyops.api.problem.ProblemType;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.billing.charges.FeeSchedule;
import org.therapyops.ports.PracticeRepository;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The practice's fee schedule: what charge capture prices each unit at, and what the scrubber checks every line has.
 * Admins and billers read and replace it (If-Match; "0" when there is none yet). A claim priced before a change is
 * repriced by {@code PUT /claims/{id}} with {@code refreshFromPracticeData}.
 */
@Controller("/fee-schedule")
@Tag(name = "Practice settings")
@OpenApiResponses.Authenticated
public class FeeScheduleController {

    private static final BigDecimal MAX_AMOUNT = new BigDecimal("99999.99");

    private final PracticeRepository practice;

    public FeeScheduleController(PracticeRepository practice) {
        this.practice = practice;
    }

    @Get
    @Operation(summary = "Read the practice's fee schedule")
    @OpenApiResponses.Versioned
    @ApiResponse(responseCode = "404", description = "The practice has no fee schedule yet (create it with If-Match: \"0\")",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<FeeScheduleView> schedule(@Parameter(hidden = true) Caller caller) {
        caller.require(Role.ADMIN, Role.BILLER);
        PracticeRepository.Versioned<FeeSchedule> stored = practice.feeSchedule(caller.practiceId())
                .orElseThrow(() -> new ApiProblemException(ProblemType.NOT_FOUND,
                        "The practice has no fee schedule yet: PUT /fee-schedule with If-Match: \"0\" creates it."));
        return Responses.ok(new FeeScheduleView(FeeScheduleInput.of(stored.value()), stored.version()), stored.version());
    }

    @Put
    @Operation(operationId = "replaceFeeSchedule", summary = "Create (If-Match: \"0\") or replace the practice's fee schedule")
    @ReplacedUnderIfMatch
    @OpenApiResponses.Versioned
    @OpenApiResponses.JsonBody
    public HttpResponse<FeeScheduleView> replace(@Parameter(hidden = true) Caller caller,
                                                 @Parameter(description = OpenApiResponses.IF_MATCH_DESCRIPTION, example = "\"1\"")
                                                 
                                                 @Header(value = Preconditions.IF_MATCH, defaultValue = "") String ifMatch,
                                                 @Valid @Body FeeScheduleInput input) {
        caller.require(Role.ADMIN, Role.BILLER);
        Preconditions.Saved<FeeSchedule> saved = Preconditions.save("The practice's fee schedule", ifMatch, version -> schedule(input.fees()),
                (schedule, expected) -> practice.saveFeeSchedule(caller.practiceId(), schedule, expected));
        return Responses.ok(new FeeScheduleView(FeeScheduleInput.of(saved.value()), saved.version()), saved.version());
    }

    private static FeeSchedule schedule(List<FeeScheduleInput.Fee> fees) {
        Map<String, BigDecimal> entries = new LinkedHashMap<>();
        for (int i = 0; i < fees.size(); i++) {
            FeeScheduleInput.Fee fee = fees.get(i);
            String field = "fees[" + i + "]";
            if (fee.code() == null || !fee.code().matches("[0-9A-Z][0-9]{3}[0-9A-Z]")) {
                throw ApiProblemException.invalid(field + ".code", "must be a 5-character CPT or HCPCS code");
            }
            ServiceCodes.requireKnown(field + ".code", fee.code());
            String modifier = fee.modifier() == null || fee.modifier().isBlank() ? null : fee.modifier();
            if (modifier != null && !modifier.matches("[0-9A-Z]{2}")) {
                throw ApiProblemException.invalid(field + ".modifier", "must be a 2-character modifier");
            }
            BigDecimal amount = fee.amount();
            if (amount == null || amount.signum() <= 0 || amount.compareTo(MAX_AMOUNT) > 0
                    || amount.stripTrailingZeros().scale() > 2) {
                throw ApiProblemException.invalid(field + ".amount", "must be dollars and cents above 0 and at most " + MAX_AMOUNT);
            }
            String key = FeeSchedule.key(fee.code(), modifier);
            if (entries.put(key, amount.setScale(2)) != null) {
                throw ApiProblemException.invalid(field, "repeats the fee of " + fee.code() + (modifier == null ? "" : " with " + modifier)
                        + " listed before it");
            }
        }
        return FeeSchedule.of(entries);
    }
}
