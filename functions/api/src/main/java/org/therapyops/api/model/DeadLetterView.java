package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.billing.ClaimStatus;

import java.time.Instant;
import java.util.List;

/**
 * What the scrub dead-letter queue holds for the caller's practice, as sampled by a peek (nothing is removed):
 * each message's claim and how often it was tried; {@code unattributed} counts messages that name no practice
 * (their content is not shown to anyone through the API).
 */
@Serdeable
public record DeadLetterView(List<Item> items, int unattributed, int sampled) {

    /** One dead-lettered scrub request; claimStatus is null when the claim does not exist. */
    @Serdeable
    public record Item(String messageId, @OrNull String claimId, @OrNull ClaimStatus claimStatus, @OrNull Instant sentAt,
                       @OrNull Integer receiveCount) {
    }
}
