package org.therapyops.messaging;

import io.micronaut.serde.annotation.Serdeable;

/** The inbound queue's message, ids only: {"practiceId", "deliveryId"}. Both are required; a message without them fails. */
@Serdeable
public record InboundMessage(String practiceId, String deliveryId) {

    public InboundMessage {
        Ids.require(practiceId, "practiceId");
        Ids.require(deliveryId, "deliveryId");
    }
}
