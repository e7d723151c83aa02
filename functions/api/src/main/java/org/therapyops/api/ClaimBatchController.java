package org.therapyops.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.json.JsonMapper;
import io.micronaut.servlet.http.ServletHttpRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.therapyops.api.model.ClaimBatchInput;
import org.therapyops.api.model.ClaimBatchView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.Problem;
import org.therapyops.api.problem.ProblemBodyProvider;
import org.therapyops.api.problem.ProblemType;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimBatch;
import org.therapyops.billing.claims.ClaimBatchService;
import org.therapyops.billing.x12.X12_837P;
import org.therapyops.ports.BatchRepository;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;

/**
 * 837P batches: READY claims written as one X12 005010X222A1 interchange with control numbers unique per practice,
 * stored with the batch and downloadable; the claims become SUBMITTED, all or none.
 */
@Controller("/claim-batches")
@Tag(name = "Claims")
@OpenApiResponses.Authenticated
public class ClaimBatchController {

    static final MediaType X12 = MediaType.of("application/edi-x12");

    private final ClaimBatchService submissions;
    private final BatchRepository batches;
    private final JsonMapper json;

    public ClaimBatchController(ClaimBatchService submissions, BatchRepository batches, JsonMapper json) {
        this.submissions = submissions;
        this.batches = batches;
        this.json = json;
    }

    @Post
    @Operation(operationId = "createClaimBatch",
            summary = "Batch READY claims (all of the practice's, or the given claimIds) into one 837P interchange; "
            + "the claims become SUBMITTED")
    @RequestBody(required = false, description = "Which READY claims; none (or no claimIds) batches every READY claim of the practice",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ClaimBatchInput.class)))
    @Status(HttpStatus.CREATED)
    @ApiResponse(responseCode = "201", description = "Submitted; Location names the batch", useReturnTypeSchema = true,
            headers = @Header(name = "Location", description = OpenApiResponses.LOCATION, required = true, schema = @Schema(type = "string", pattern = "^/")))
    @ApiResponse(responseCode = "413", description = OpenApiResponses.TOO_LARGE,
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "validation: no READY claims, a claim id that is unknown or not READY, a body that is not {\"claimIds\": [...]}, "
            + "or claims that cannot be written as one 837P (e.g. no submitter in the billing profile)",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "conflict: a claim of the batch changed while it was written; nothing was submitted",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<ClaimBatchView> create(@Parameter(hidden = true) Caller caller, HttpRequest<?> request) {
        caller.require(Role.BILLER, Role.ADMIN);
        ClaimBatchInput input = input(request);
        ClaimBatch batch = submissions.submit(caller.practiceId(), input == null ? null : input.claimIds());
        return HttpResponse.created(view(batch), java.net.URI.create("/claim-batches/" + batch.id()));
    }

    @Get("/{batchId}")
    @Operation(summary = "A batch's control numbers and claims")
    @OpenApiResponses.NotFound
    public ClaimBatchView batch(@Parameter(hidden = true) Caller caller, @PathVariable String batchId) {
        caller.require(Role.BILLER, Role.ADMIN);
        return view(find(caller, batchId));
    }

    @Get("/{batchId}/837")
    @Operation(summary = "Download the batch's 837P interchange (application/edi-x12)")
    @ApiResponse(responseCode = "200", description = "The X12 837P interchange", headers = @Header(name = "Content-Disposition",
            description = "attachment; filename=\"<batch id>.837\"", schema = @Schema(type = "string")),
            content = @Content(mediaType = "application/edi-x12", schema = @Schema(type = "string")))
    @OpenApiResponses.NotFound
    public HttpResponse<byte[]> download(@Parameter(hidden = true) Caller caller, @PathVariable String batchId) {
        caller.require(Role.BILLER, Role.ADMIN);
        ClaimBatch batch = find(caller, batchId);
        return HttpResponse.ok(batch.x12().getBytes(StandardCharsets.US_ASCII)).contentType(X12)
                .header("Content-Disposition", "attachment; filename=\"" + batch.id() + ".837\"");
    }

    /** The body is optional: none (or no claimIds) batches every READY claim. */
    private ClaimBatchInput input(HttpRequest<?> request) {
        String body = rawBody(request);
        if (body.isBlank()) {
            return null;
        }
        if (!body.strip().startsWith("{")) { // an array, a string or null is not "no selection": refuse it rather than batch every claim
            throw notABatchRequest();
        }
        try {
            return json.readValue(body, ClaimBatchInput.class);
        } catch (Exception e) {
            throw notABatchRequest();
        }
    }

    /** The body as sent: Micronaut's String view of a JSON body is empty when the body is an array. */
    private static String rawBody(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event) {
            String body = event.getBody() == null ? "" : event.getBody();
            return event.getIsBase64Encoded() ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
        }
        try {
            return request.getBody(String.class).orElse("");
        } catch (RuntimeException empty) { // the Lambda proxy refuses to decode an absent body
            return "";
        }
    }

    private static ApiProblemException notABatchRequest() {
        return new ApiProblemException(ProblemType.VALIDATION, "The body must be {\"claimIds\": [...]} or empty.",
                List.of(new Problem.FieldError("claimIds", "must be a list of claim ids")));
    }

    private ClaimBatch find(Caller caller, String batchId) {
        return batches.get(caller.practiceId(), batchId).orElseThrow(() -> ApiProblemException.notFound("Claim batch", batchId));
    }

    private static ClaimBatchView view(ClaimBatch batch) {
        return new ClaimBatchView(batch.id(), String.format("%09d", batch.interchangeControlNumber()),
                batch.interchangeControlNumber(), batch.groupControlNumber(), batch.transactionSetControlNumber(),
                batch.claimIds(), batch.claimIds().stream().collect(Collectors.toMap(id -> id,
                        X12_837P::patientControlNumber, (a, b) -> a, LinkedHashMap::new)), batch.createdAt(),
                batch.acknowledgement() == null ? null : new ClaimBatchView.Acknowledgement(batch.acknowledgement().status(),
                        batch.acknowledgement().errors(), batch.acknowledgement().deliveryId(), batch.acknowledgement().at()));
    }
}
