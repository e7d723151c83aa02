package org.therapyops.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Put;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.therapyops.api.model.KxThresholdsInput;
import org.therapyops.api.model.KxThresholdsView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.billing.charges.KxThresholds;
import org.therapyops.ports.PracticeRepository;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Medicare's yearly therapy (KX) thresholds as the practice's charge capture and scrubber use them: the shipped defaults
 * ({@code billing/charges/kx-thresholds.csv}) with the years the practice's admin set over them, so that a new year's
 * threshold takes effect without a release. Admins and billers read them; admins replace the practice's years
 * (If-Match; "0" when it set none). Claims scrubbed before a change are checked again when corrected.
 */
@Controller("/kx-thresholds")
@Tag(name = "Practice settings")
@OpenApiResponses.Authenticated
public class KxThresholdController {

    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;
    static final BigDecimal MAX_AMOUNT = new BigDecimal("99999.99");
    static final int MAX_REFERENCE = 200;
    private static final KxThresholds SHIPPED = KxThresholds.load();

    private final PracticeRepository practice;

    public KxThresholdController(PracticeRepository practice) {
        this.practice = practice;
    }

    @Get
    @Operation(summary = "Read the KX thresholds in force for the practice: the shipped defaults and the years its admin set")
    @OpenApiResponses.Versioned
    public HttpResponse<KxThresholdsView> thresholds(@Parameter(hidden = true) Caller caller) {
        caller.require(Role.ADMIN, Role.BILLER);
        long version = practice.kxThresholds(caller.practiceId()).map(PracticeRepository.Versioned::version).orElse(0L);
        return Responses.ok(KxThresholdsView.of(practice.kxThresholdsOver(caller.practiceId(), SHIPPED), version), version);
    }

    @Put
    @Operation(operationId = "replaceKxThresholds", summary = "Set the practice's KX thresholds (If-Match: \"0\" the first time): the years listed go over the shipped defaults")
    @ReplacedUnderIfMatch
    @OpenApiResponses.Versioned
    @OpenApiResponses.JsonBody
    public HttpResponse<KxThresholdsView> replace(@Parameter(hidden = true) Caller caller,
                                                  @Parameter(description = OpenApiResponses.IF_MATCH_DESCRIPTION, example = "\"1\"")
                                                  @Header(value = Preconditions.IF_MATCH, defaultValue = "") String ifMatch,
                                                  @Valid @Body KxThresholdsInput input) {
        caller.require(Role.ADMIN);
        Preconditions.Saved<KxThresholds> saved = Preconditions.save("The practice's KX thresholds", ifMatch, version -> years(input.thresholds()),
                (years, expected) -> practice.saveKxThresholds(caller.practiceId(), years, expected));
        return Responses.ok(KxThresholdsView.of(SHIPPED.overriddenBy(saved.value()), saved.version()), saved.version());
    }

    private static KxThresholds years(List<KxThresholdsInput.Year> given) {
        List<KxThresholds.Threshold> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            KxThresholdsInput.Year y = given.get(i);
            String field = "thresholds[" + i + "]";
            if (y.year() == null || y.year() < FIRST_YEAR || y.year() > LAST_YEAR) {
                throw ApiProblemException.invalid(field + ".year", "must be a calendar year from " + FIRST_YEAR + " to " + LAST_YEAR);
            }
            if (!seen.add(y.year())) {
                throw ApiProblemException.invalid(field + ".year", "repeats " + y.year() + ", listed before it");
            }
            BigDecimal amount = y.amount();
            if (amount == null || amount.signum() <= 0 || amount.compareTo(MAX_AMOUNT) > 0 || amount.stripTrailingZeros().scale() > 2) {
                throw ApiProblemException.invalid(field + ".amount", "must be dollars and cents above 0 and at most " + MAX_AMOUNT);
            }
            String reference = y.reference() == null ? "" : y.reference().strip();
            if (reference.length() > MAX_REFERENCE) {
                throw ApiProblemException.invalid(field + ".reference", "holds at most " + MAX_REFERENCE + " characters");
            }
            out.add(KxThresholds.Threshold.practice(y.year(), amount.setScale(2), reference));
        }
        return KxThresholds.of(out);
    }
}
