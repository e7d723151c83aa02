package org.therapyops.inbound.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapyops.billing.acknowledgement.service.AcknowledgementService;
import org.therapyops.billing.remittance.EraRecord;
import org.therapyops.billing.remittance.service.RemittanceService;
import org.therapyops.inbound.InboundDecoder;
import org.therapyops.inbound.InboundDelivery;
import org.therapyops.inbound.InboundDocument;
import org.therapyops.ports.DeliveryBodies;
import org.therapyops.ports.InboundDeliveryRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies one kept delivery: reads its body, decodes it, applies each document (999 and 277CA acknowledgements, 835
 * remittances, authorization updates) and records what changed. A delivery applied already is skipped (a redelivered
 * message); one that cannot be read is recorded FAILED with the parser's message and the failure raised, so the queue
 * retries it and finally dead-letters it. Every document's effect is idempotent, so applying again after a failure
 * part-way (or on a biller's request) does nothing twice.
 *
 * <p>One receipt of its message applies a delivery at a time: it claims the delivery with a lease first, and a
 * duplicate of the message delivered alongside finds the lease and fails, to come back after the queue's visibility
 * timeout and find the delivery settled; otherwise the two would each record what they saw of the other's work. The
 * lease must outlast one application (the function's timeout) and stay below the visibility timeout, so that the retry
 * after a crash takes over.
 */
public final class InboundDeliveryService {

    private static final Logger LOG = LoggerFactory.getLogger(InboundDeliveryService.class);

    private final InboundDeliveryRepository deliveries;
    private final DeliveryBodies bodies;
    private final InboundDecoder decoder;
    private final AcknowledgementService acknowledgements;
    private final RemittanceService remittances;
    private final AuthorizationUpdateService authorizations;
    private final Clock clock;
    private final Duration lease;

    /** The default lease: the inbound function's 300 s timeout, under InboundQueue's 1,800 s visibility timeout. */
    public static final Duration LEASE = Duration.ofMinutes(5);

    public InboundDeliveryService(InboundDeliveryRepository deliveries, DeliveryBodies bodies, InboundDecoder decoder,
                                  AcknowledgementService acknowledgements, RemittanceService remittances,
                                  AuthorizationUpdateService authorizations, Clock clock) {
        this(deliveries, bodies, decoder, acknowledgements, remittances, authorizations, clock, LEASE);
    }

    public InboundDeliveryService(InboundDeliveryRepository deliveries, DeliveryBodies bodies, InboundDecoder decoder,
                                  AcknowledgementService acknowledgements, RemittanceService remittances,
                                  AuthorizationUpdateService authorizations, Clock clock, Duration lease) {
        this.deliveries = deliveries;
        this.bodies = bodies;
        this.decoder = decoder;
        this.acknowledgements = acknowledgements;
        this.remittances = remittances;
        this.authorizations = authorizations;
        this.clock = clock;
        this.lease = lease;
    }

    /** A message names a delivery that is not (or no longer) kept: a poison message. */
    public static final class UnknownDeliveryException extends RuntimeException {
        public UnknownDeliveryException(String message) {
            super(message);
        }
    }

    /** Another receipt of the delivery's message is applying it now; this one is retried later. */
    public static final class DeliveryInProgressException extends RuntimeException {
        public DeliveryInProgressException(String message) {
            super(message);
        }
    }

    public InboundDelivery apply(String practiceId, String deliveryId) {
        InboundDelivery delivery = deliveries.get(practiceId, deliveryId)
                .orElseThrow(() -> new UnknownDeliveryException("delivery " + deliveryId + " is not kept"));
        if (delivery.status() == InboundDelivery.Status.APPLIED || delivery.status() == InboundDelivery.Status.NEEDS_ATTENTION) {
            LOG.info("delivery {} of practice {} was applied already", deliveryId, practiceId);
            return delivery;
        }
        Instant now = clock.instant();
        if (!deliveries.claim(practiceId, deliveryId, now, now.plus(lease))) {
            InboundDelivery settled = deliveries.get(practiceId, deliveryId).orElse(delivery);
            if (settled.status() == InboundDelivery.Status.APPLIED || settled.status() == InboundDelivery.Status.NEEDS_ATTENTION) {
                return settled;
            }
            LOG.info("delivery {} of practice {} is being applied by another receipt of its message", deliveryId, practiceId);
            throw new DeliveryInProgressException("delivery " + deliveryId + " is being applied by another receipt of its message");
        }
        byte[] body = bodies.get(delivery.bodyKey())
                .orElseThrow(() -> fail(delivery, "its body is missing from the delivery store", null));
        List<InboundDocument> documents;
        try {
            documents = decoder.decode(body, delivery.contentType());
        } catch (InboundDecoder.UndecodableDeliveryException e) {
            throw fail(delivery, e.getMessage(), e);
        }
        List<String> changes = new ArrayList<>();
        List<String> attention = new ArrayList<>();
        Set<String> kinds = new LinkedHashSet<>();
        try {
            for (InboundDocument document : documents) {
                kinds.add(document.kind());
                if (document instanceof InboundDocument.Ack999 ack) {
                    AcknowledgementService.Outcome o = acknowledgements.apply999(practiceId, deliveryId, ack.acknowledgement());
                    changes.addAll(o.changes());
                    attention.addAll(o.unmatched());
                } else if (document instanceof InboundDocument.Ack277 ack) {
                    AcknowledgementService.Outcome o = acknowledgements.apply277(practiceId, deliveryId, ack.report());
                    changes.addAll(o.changes());
                    attention.addAll(o.unmatched());
                } else if (document instanceof InboundDocument.Era era) {
                    RemittanceService.Outcome o = remittances.post(practiceId, deliveryId, era.remittance());
                    changes.addAll(o.changes());
                    if (o.era().status() != EraRecord.Status.POSTED) {
                        attention.add("835 " + o.era().id() + " is " + o.era().status() + ": see GET /remittances/" + o.era().id());
                    }
                } else if (document instanceof InboundDocument.AuthorizationChange change) {
                    AuthorizationUpdateService.Outcome o = authorizations.apply(practiceId, delivery.integrationId(), deliveryId,
                            change.update());
                    changes.addAll(o.changes());
                    attention.addAll(o.unmatched());
                }
            }
        } catch (AuthorizationUpdateService.InvalidUpdateException e) {
            throw fail(delivery, e.getMessage(), e);
        } catch (RuntimeException e) {
            // Retried by the queue; what was applied stays applied and is skipped next time.
            throw fail(delivery, "could not be applied (" + e.getClass().getSimpleName() + "); it will be retried", e);
        }
        List<String> all = new ArrayList<>(changes);
        all.addAll(attention);
        InboundDelivery.Status status = attention.isEmpty() ? InboundDelivery.Status.APPLIED : InboundDelivery.Status.NEEDS_ATTENTION;
        InboundDelivery recorded = deliveries.recordOutcome(practiceId, deliveryId, status, String.join("+", kinds), all, null,
                clock.instant());
        LOG.info("delivery {} of practice {} applied: {} ({} change(s), {} for attention)", deliveryId, practiceId, status,
                changes.size(), attention.size());
        return recorded;
    }

    private RuntimeException fail(InboundDelivery delivery, String message, RuntimeException cause) {
        deliveries.recordOutcome(delivery.practiceId(), delivery.id(), InboundDelivery.Status.FAILED, delivery.kind(), List.of(),
                message, clock.instant());
        LOG.warn("delivery {} of practice {} failed: {}", delivery.id(), delivery.practiceId(),
                cause == null ? message : cause.getClass().getSimpleName());
        if (cause instanceof InboundDecoder.UndecodableDeliveryException || cause == null) {
            return cause != null ? cause : new InboundDecoder.UndecodableDeliveryException(message);
        }
        return cause;
    }
}
