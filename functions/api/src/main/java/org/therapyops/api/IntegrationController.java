package org.therapyops.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
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
import org.therapyops.api.model.IntegrationInput;
import org.therapyops.api.model.IntegrationView;
import org.therapyops.api.model.PageView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.Problem;
import org.therapyops.api.problem.ProblemBodyProvider;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.inbound.Integration;
import org.therapyops.inbound.service.IntegrationService;
import org.therapyops.ports.IntegrationRepository;

import java.util.Locale;

/**
 * Integrators of the practice (clearinghouses, payers, UM vendors): admins register them and manage their signing
 * secrets; each posts signed webhooks to its {@code webhookPath}. A secret is shown once, in the answer that made it.
 */
@Controller("/integrations")
@Tag(name = "Integrations")
@OpenApiResponses.Authenticated
public class IntegrationController {

    private final IntegrationRepository integrations;
    private final IntegrationService service;

    public IntegrationController(IntegrationRepository integrations, IntegrationService service) {
        this.integrations = integrations;
        this.service = service;
    }

    @Post
    @Operation(operationId = "createIntegration",
            summary = "Register an integrator (admins); the answer holds its signing secret, shown this once")
    @Status(HttpStatus.CREATED)
    @OpenApiResponses.Created
    @OpenApiResponses.JsonBody
    public HttpResponse<IntegrationView> create(@Parameter(hidden = true) Caller caller, @Body IntegrationInput input) {
        caller.require(Role.ADMIN);
        String name = input.name() == null ? "" : input.name().strip();
        if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblemException.invalid("name", "is 1 to 100 characters without control characters");
        }
        Integration.Kind kind = kind(input.kind());
        IntegrationService.WithSecret made = service.create(caller.practiceId(), name, kind, caller.subject());
        return Responses.created("/integrations/" + made.integration().id(), IntegrationView.of(made.integration(), made.secret()),
                made.integration().version());
    }

    @Get
    @Operation(operationId = "integrations", summary = "List the practice's integrations, newest first (no secrets)")
    @OpenApiResponses.BadQuery
    public PageView<IntegrationView> list(@Parameter(hidden = true) Caller caller,
                                          @Parameter(allowEmptyValue = true) @Nullable @QueryValue Integer limit,
                                          @Parameter(allowEmptyValue = true) @Nullable @QueryValue String cursor) {
        caller.require(Role.ADMIN, Role.BILLER);
        int size = Listing.limit(limit);
        return Listing.page(() -> integrations.list(caller.practiceId(), size, Listing.blankToNull(cursor)),
                i -> IntegrationView.of(i, null));
    }

    @Get("/{integrationId}")
    @Operation(summary = "Read an integration (no secrets)")
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    public HttpResponse<IntegrationView> integration(@Parameter(hidden = true) Caller caller, @PathVariable String integrationId) {
        caller.require(Role.ADMIN, Role.BILLER);
        Integration integration = find(caller, integrationId);
        return Responses.ok(IntegrationView.of(integration, null), integration.version());
    }

    @Post("/{integrationId}/revoke")
    @Operation(summary = "Revoke an integration: its deliveries are refused (401) from now on; harmless when revoked already")
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    @ApiResponse(responseCode = "412", description = "precondition-failed: the integration changed while it was revoked; nothing was written",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<IntegrationView> revoke(@Parameter(hidden = true) Caller caller, @PathVariable String integrationId) {
        caller.require(Role.ADMIN);
        Integration revoked = Preconditions.write("The integration", () -> service.revoke(find(caller, integrationId),
                caller.subject()));
        return Responses.ok(IntegrationView.of(revoked, null), revoked.version());
    }

    @Post("/{integrationId}/secrets")
    @Operation(summary = "Rotate: make a new signing secret (shown this once); the old one verifies too until retired")
    @Status(HttpStatus.CREATED)
    @OpenApiResponses.Created
    @OpenApiResponses.NotFound
    @ApiResponse(responseCode = "409", description = "conflict: the integration is revoked, or has the most secrets it may hold",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "412", description = "precondition-failed: the integration changed meanwhile; nothing was written",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<IntegrationView> rotate(@Parameter(hidden = true) Caller caller, @PathVariable String integrationId) {
        caller.require(Role.ADMIN);
        IntegrationService.WithSecret rotated = Preconditions.write("The integration",
                () -> service.rotate(find(caller, integrationId)));
        return Responses.created("/integrations/" + integrationId, IntegrationView.of(rotated.integration(), rotated.secret()),
                rotated.integration().version());
    }

    @Post("/{integrationId}/secrets/retire")
    @Operation(summary = "End a rotation: every secret but the newest stops verifying")
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    @ApiResponse(responseCode = "409", description = "conflict: the integration is revoked, or has no older secret",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "412", description = "precondition-failed: the integration changed meanwhile; nothing was written",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<IntegrationView> retire(@Parameter(hidden = true) Caller caller, @PathVariable String integrationId) {
        caller.require(Role.ADMIN);
        Integration retired = Preconditions.write("The integration",
                () -> service.retireOlderSecrets(find(caller, integrationId)));
        return Responses.ok(IntegrationView.of(retired, null), retired.version());
    }

    private Integration find(Caller caller, String integrationId) {
        return integrations.get(caller.practiceId(), integrationId)
                .orElseThrow(() -> ApiProblemException.notFound("Integration", integrationId));
    }

    private static Integration.Kind kind(String value) {
        if (value != null) {
            String normalized = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Integration.Kind kind : Integration.Kind.values()) {
                if (kind.name().equals(normalized)) {
                    return kind;
                }
            }
        }
        throw ApiProblemException.invalid("kind", "is clearinghouse, payer or um-vendor");
    }
}
