package org.therapyops.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.therapyops.inbound.InboundDelivery;

import java.time.Instant;
import java.util.List;

/** A webhook delivery as kept: who sent it, what it was, what applying it changed, or why it failed. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record InboundDeliveryView(String id, String integrationId, String webhookId, Instant receivedAt,
                                  @OrNull String contentType, long size, String status,
                                  @OrNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                          description = "999, 277CA, 835 or authorization.updated; "
                                          + "several joined by +") String kind,
                                  List<String> changes, @OrNull String error, int attempts,
                                  @OrNull Instant appliedAt, long version) {

    public static InboundDeliveryView of(InboundDelivery d) {
        return new InboundDeliveryView(d.id(), d.integrationId(), d.webhookId(), d.receivedAt(), d.contentType(), d.size(),
                d.status().name(), d.kind(), d.changes(), d.error(), d.attempts(), d.appliedAt(), d.version());
    }
}
