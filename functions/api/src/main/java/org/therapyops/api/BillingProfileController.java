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
import org.therapyops.api.model.BillingProfileInput;
import org.therapyops.api.model.BillingProfileView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.Problem;
import org.therapyops.api.problem.ProblemBodyProvider;
import org.therapyops.api.problem.ProblemType;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.domain.BillingProfile;
import org.therapyops.domain.Npi;
import org.therapyops.domain.PostalAddress;
import org.therapyops.domain.TaxId;
import org.therapyops.domain.Taxonomy;
import org.therapyops.ports.PracticeRepository;

/**
 * The practice's billing profile: the billing provider every claim names (loop 2010AA) and the submitter its 837P
 * batches carry (loop 1000A). Admins and billers read it; admins replace it (If-Match; "0" when there is none yet).
 * Claims take a copy when they are built: a biller refreshes a claim built before a change with
 * {@code PUT /claims/{id}} and {@code refreshFromPracticeData}.
 */
@Controller("/billing-profile")
@Tag(name = "Practice settings")
@OpenApiResponses.Authenticated
public class BillingProfileController {

    private final PracticeRepository practice;

    public BillingProfileController(PracticeRepository practice) {
        this.practice = practice;
    }

    @Get
    @Operation(summary = "Read the practice's billing profile")
    @OpenApiResponses.Versioned
    @ApiResponse(responseCode = "404", description = "The practice has no billing profile yet (create it with If-Match: \"0\")",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<BillingProfileView> profile(@Parameter(hidden = true) Caller caller) {
        caller.require(Role.ADMIN, Role.BILLER);
        BillingProfile profile = practice.billingProfile(caller.practiceId())
                .orElseThrow(() -> new ApiProblemException(ProblemType.NOT_FOUND,
                        "The practice has no billing profile yet: PUT /billing-profile with If-Match: \"0\" creates it."));
        return Responses.ok(BillingProfileView.of(profile), profile.version());
    }

    @Put
    @Operation(operationId = "replaceBillingProfile",
            summary = "Create (If-Match: \"0\") or replace the practice's billing profile")
    @ReplacedUnderIfMatch
    @OpenApiResponses.Versioned
    @OpenApiResponses.JsonBody
    public HttpResponse<BillingProfileView> replace(@Parameter(hidden = true) Caller caller,
                                                    @Parameter(description = OpenApiResponses.IF_MATCH_DESCRIPTION, example = "\"1\"")
                                                    
                                                    @Header(value = Preconditions.IF_MATCH, defaultValue = "") String ifMatch,
                                                    @Valid @Body BillingProfileInput input) {
        caller.require(Role.ADMIN);
        BillingProfile profile = Preconditions.save("The practice's billing profile", ifMatch, version -> profile(input, version),
                (next, expected) -> practice.saveBillingProfile(caller.practiceId(), next, expected)).value();
        return Responses.ok(BillingProfileView.of(profile), profile.version());
    }

    private static BillingProfile profile(BillingProfileInput input, long version) {
        if (!Npi.isValid(input.npi())) {
            throw ApiProblemException.invalid("npi", "must be 10 digits ending in a valid Luhn check digit");
        }
        if (!TaxId.isValid(input.taxId())) {
            throw ApiProblemException.invalid("taxId", "must be the 9-digit employer identification number, e.g. 12-3456789");
        }
        if (!Taxonomy.isValid(input.taxonomy())) {
            throw ApiProblemException.invalid("taxonomy", "must be a 10-character NUCC taxonomy code: 9 letters or digits and X, e.g. 261QR0400X");
        }
        PostalAddress address = Addresses.validated("address", input.address(), PostalAddress.Use.BILLING_PROVIDER);
        BillingProfile.Submitter submitter = null;
        BillingProfileInput.Submitter s = input.submitter();
        if (s != null) {
            String phone = s.phone() == null || s.phone().isBlank() ? null : s.phone().replaceAll("[\\s().+-]", "");
            if (phone != null && !phone.matches("1?\\d{10}")) {
                throw ApiProblemException.invalid("submitter.phone", "must be a 10-digit US phone number, e.g. (217) 555-0100");
            }
            if (phone != null && phone.length() == 11) {
                phone = phone.substring(1);
            }
            String email = s.email() == null || s.email().isBlank() ? null : s.email().strip();
            if (email != null && !SettingsController.EMAIL.matcher(email).matches()) {
                throw ApiProblemException.invalid("submitter.email", "must be a well-formed email address");
            }
            if (phone == null && email == null) {
                throw ApiProblemException.invalid("submitter", "needs a phone or an email for the clearinghouse to reach the contact");
            }
            submitter = new BillingProfile.Submitter(s.id(), s.contactName().strip(), phone, email);
        }
        return new BillingProfile(input.organizationName().strip(), input.npi(), input.taxId().strip().replace("-", ""), input.taxonomy(),
                address, submitter, version);
    }
}
