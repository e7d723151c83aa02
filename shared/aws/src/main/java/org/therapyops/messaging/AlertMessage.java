package org.therapyops.messaging;

import io.micronaut.serde.annotation.Serdeable;

/** The notify queue's message, ids only: {"practiceId", "alertId"}. Both are required; a message without them fails. */
@Serdeable
public record AlertMessage(String practiceId, String alertId) {

    public AlertMessage {
        Ids.require(practiceId, "practiceId");
        Ids.require(alertId, "alertId");
    }
}
