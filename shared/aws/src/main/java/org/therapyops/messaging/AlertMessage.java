package org.therapyops.messaging;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.lambda.PracticeMessage;

/** The notify queue's message, ids only: {"practiceId", "alertId"}. Both are required; a message without them fails. */
@Serdeable
public record AlertMessage(String practiceId, String alertId) implements PracticeMessage {

    public AlertMessage {
        Ids.require(practiceId, "practiceId");
        Ids.require(alertId, "alertId");
    }
}
