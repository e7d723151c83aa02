package org.therapyops.ports;

import org.therapyops.inbound.InboundDelivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Webhook deliveries of a practice, newest first in listings. */
public interface InboundDeliveryRepository {

    /** Stores a new delivery; false when one with its id exists (nothing is written then). */
    boolean createIfAbsent(InboundDelivery delivery);

    Optional<InboundDelivery> get(String practiceId, String deliveryId);

    /** Records that the delivery was handed to the inbound queue. */
    void markQueued(String practiceId, String deliveryId);

    /**
     * Records what applying it did (one more attempt), unless its outcome is settled (APPLIED or NEEDS_ATTENTION: a
     * duplicate of its message applied alongside records nothing); the delivery as it then stands.
     */
    InboundDelivery recordOutcome(String practiceId, String deliveryId, InboundDelivery.Status status, String kind,
                                  List<String> changes, String error, Instant at);

    /**
     * Claims the delivery for one receipt of its message until {@code leaseUntil}: true unless its outcome is settled or
     * another receipt holds a lease that has not run out (a duplicate of the message, delivered alongside).
     */
    boolean claim(String practiceId, String deliveryId, Instant now, Instant leaseUntil);

    /** Puts it back to RECEIVED, not queued, for applying again. */
    InboundDelivery reopen(String practiceId, String deliveryId);

    /** Deliveries, newest first, optionally of one status. */
    PracticeRepository.Page<InboundDelivery> list(String practiceId, InboundDelivery.Status status, int limit, String cursor);
}
