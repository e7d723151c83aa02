package org.therapyops.messaging;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.lambda.PracticeMessage;

/** The scrub queue's message, ids only: {"practiceId", "claimId"}. Both are required; a message without them fails. */
@Serdeable
public record ScrubMessage(String practiceId, String claimId) implements PracticeMessage {

    public ScrubMessage {
        Ids.require(practiceId, "practiceId");
        Ids.require(claimId, "claimId");
    }
}
