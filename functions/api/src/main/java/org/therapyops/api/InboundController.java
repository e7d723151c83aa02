package org.therapyops.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
import org.therapyops.api.model.InboundDeliveryView;
import org.therapyops.api.model.PageView;
import org.therapyops.api.model.RemittanceView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.Problem;
import org.therapyops.api.problem.ProblemBodyProvider;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.billing.remittance.EraRecord;
import org.therapyops.inbound.InboundDelivery;
import org.therapyops.ports.InboundDeliveryRepository;
import org.therapyops.ports.InboundQueue;
import org.therapyops.ports.RemittanceRepository;

/**
 * What integrators sent, for admins and billers: every webhook delivery with its status and what it changed (and the
 * way to apply one again after a fix), and the ERAs posted or held.
 */
@Controller
@Tag(name = "Integrations")
@OpenApiResponses.Authenticated
public class InboundController {

    private final InboundDeliveryRepository deliveries;
    private final RemittanceRepository remittances;
    private final InboundQueue queue;

    public InboundController(InboundDeliveryRepository deliveries, RemittanceRepository remittances, InboundQueue queue) {
        this.deliveries = deliveries;
        this.remittances = remittances;
        this.queue = queue;
    }

    @Get("/inbound-deliveries")
    @Operation(summary = "List webhook deliveries, newest first, optionally of one status (RECEIVED, APPLIED, NEEDS_ATTENTION, FAILED)")
    @OpenApiResponses.BadQuery
    public PageView<InboundDeliveryView> deliveries(@Parameter(hidden = true) Caller caller,
                                                    @Parameter(allowEmptyValue = true) @Nullable @QueryValue InboundDelivery.Status status,
                                                    @Parameter(allowEmptyValue = true) @Nullable @QueryValue Integer limit,
                                                    @Parameter(allowEmptyValue = true) @Nullable @QueryValue String cursor) {
        caller.require(Role.ADMIN, Role.BILLER);
        int size = Listing.limit(limit);
        return Listing.page(() -> deliveries.list(caller.practiceId(), status, size, Listing.blankToNull(cursor)),
                InboundDeliveryView::of);
    }

    @Get("/inbound-deliveries/{deliveryId}")
    @Operation(summary = "Read a webhook delivery: what it was, what applying it changed, or why it failed")
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    public HttpResponse<InboundDeliveryView> delivery(@Parameter(hidden = true) Caller caller, @PathVariable String deliveryId) {
        caller.require(Role.ADMIN, Role.BILLER);
        InboundDelivery d = find(caller, deliveryId);
        return Responses.ok(InboundDeliveryView.of(d), d.version());
    }

    @Post("/inbound-deliveries/{deliveryId}/reapply")
    @Operation(summary = "Apply a delivery again (e.g. after the claim it names was found, or a fix): what was applied stays "
            + "applied once, what was held is tried again")
    @Status(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "202", description = "Queued to be applied again", useReturnTypeSchema = true)
    @OpenApiResponses.NotFound
    public HttpResponse<InboundDeliveryView> reapply(@Parameter(hidden = true) Caller caller, @PathVariable String deliveryId) {
        caller.require(Role.ADMIN, Role.BILLER);
        find(caller, deliveryId);
        InboundDelivery reopened = deliveries.reopen(caller.practiceId(), deliveryId);
        queue.enqueue(caller.practiceId(), deliveryId);
        deliveries.markQueued(caller.practiceId(), deliveryId);
        return HttpResponse.accepted().body(InboundDeliveryView.of(reopened));
    }

    @Get("/remittances")
    @Operation(summary = "List ERAs (835), newest first, optionally of one status (POSTED, POSTED_WITH_UNAPPLIED, HELD)")
    @OpenApiResponses.BadQuery
    public PageView<RemittanceView> remittances(@Parameter(hidden = true) Caller caller,
                                                @Parameter(allowEmptyValue = true) @Nullable @QueryValue EraRecord.Status status,
                                                @Parameter(allowEmptyValue = true) @Nullable @QueryValue Integer limit,
                                                @Parameter(allowEmptyValue = true) @Nullable @QueryValue String cursor) {
        caller.require(Role.ADMIN, Role.BILLER);
        int size = Listing.limit(limit);
        return Listing.page(() -> remittances.list(caller.practiceId(), status, size, Listing.blankToNull(cursor)),
                RemittanceView::of);
    }

    @Get("/remittances/{eraId}")
    @Operation(summary = "Read an ERA: the payment, what was posted, the unapplied claim payments held for a biller")
    @OpenApiResponses.NotFound
    public RemittanceView remittance(@Parameter(hidden = true) Caller caller, @PathVariable String eraId) {
        caller.require(Role.ADMIN, Role.BILLER);
        return RemittanceView.of(remittances.get(caller.practiceId(), eraId)
                .orElseThrow(() -> ApiProblemException.notFound("Remittance", eraId)));
    }

    private InboundDelivery find(Caller caller, String deliveryId) {
        return deliveries.get(caller.practiceId(), deliveryId)
                .orElseThrow(() -> ApiProblemException.notFound("Inbound delivery", deliveryId));
    }
}
