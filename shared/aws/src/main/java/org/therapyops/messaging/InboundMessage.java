package org.therapyops.messaging;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.lambda.PracticeMessage;

/** The inbound queue's message, ids only: {"practiceId", "deliveryId"}. Both are required; a message without them fails. */
@Serdeable
public record InboundMessage(String practiceId, String deliveryId) implements PracticeMessage {

    public InboundMessage {
        Ids.require(practiceId, "practiceId");
        Ids.require(deliveryId, "deliveryId");
    }
}
