package org.therapyops.inbound.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapyops.inbound.InboundDelivery;
import org.therapyops.inbound.WebhookEndpoint;
import org.therapyops.inbound.WebhookSignature;
import org.therapyops.ports.DeliveryBodies;
import org.therapyops.ports.InboundDeliveryRepository;
import org.therapyops.ports.InboundQueue;
import org.therapyops.ports.IntegrationRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The webhook door: a delivery is verified (Standard Webhooks signature with one of the integration's secrets,
 * timestamp within 5 minutes), its raw body kept in the object store and its record written <em>before</em> it is
 * acknowledged, then queued for the inbound function. The same {@code webhook-id} again is acknowledged without a
 * second effect (queued again only if the first attempt stopped before queueing). The practice is the integration's,
 * never anything the body says.
 */
public final class WebhookReception {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookReception.class);
    /** API Gateway passes at most 6 MB to Lambda in a synchronous request; bodies above this are refused first. */
    public static final int DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
    static final int MAX_WEBHOOK_ID = 256;

    private final IntegrationRepository integrations;
    private final InboundDeliveryRepository deliveries;
    private final DeliveryBodies bodies;
    private final InboundQueue queue;
    private final Clock clock;
    private final int maxBytes;

    public WebhookReception(IntegrationRepository integrations, InboundDeliveryRepository deliveries, DeliveryBodies bodies,
                            InboundQueue queue, Clock clock, int maxBytes) {
        this.integrations = integrations;
        this.deliveries = deliveries;
        this.bodies = bodies;
        this.queue = queue;
        this.clock = clock;
        this.maxBytes = maxBytes;
    }

    /** A delivery as the door receives it: the path's integration id, the three signature headers, the raw body. */
    public record Request(String integrationId, String webhookId, String webhookTimestamp, String webhookSignature,
                          String contentType, byte[] body) {
    }

    /** How the door answers. */
    public sealed interface Outcome {
        /** Kept and queued (202). */
        record Accepted(InboundDelivery delivery) implements Outcome {
        }

        /** Kept already under this webhook-id (200): nothing more happens. */
        record Duplicate(InboundDelivery delivery) implements Outcome {
        }

        /** Unknown or revoked integration, missing or bad signature, stale timestamp (401); nothing is kept. */
        record Unauthorized(String reason) implements Outcome {
        }

        /** The body is over the limit (413); nothing is kept. */
        record TooLarge(int limit) implements Outcome {
        }

        /** The webhook-id was used before for another body (409); nothing is kept. */
        record Conflict(String reason) implements Outcome {
        }

        /** A signed delivery the door cannot keep as sent, e.g. a webhook-id over 256 characters (400). */
        record Invalid(String reason) implements Outcome {
        }
    }

    public Outcome receive(Request request) {
        byte[] body = request.body() == null ? new byte[0] : request.body();
        if (body.length > maxBytes) {
            return new Outcome.TooLarge(maxBytes);
        }
        Optional<WebhookEndpoint> endpoint = request.integrationId() == null ? Optional.empty()
                : integrations.endpoint(request.integrationId());
        if (endpoint.isEmpty() || !endpoint.get().active()) {
            LOG.info("webhook refused: integration {} is {}", request.integrationId(), endpoint.isEmpty() ? "unknown" : "revoked");
            return new Outcome.Unauthorized("unknown or revoked integration");
        }
        Instant now = clock.instant();
        WebhookSignature.Verdict verdict = WebhookSignature.verify(endpoint.get().secrets(), request.webhookId(),
                request.webhookTimestamp(), request.webhookSignature(), body, now);
        if (verdict instanceof WebhookSignature.Verdict.Invalid invalid) {
            LOG.info("webhook refused for integration {}: {}", request.integrationId(), invalid.reason());
            return new Outcome.Unauthorized(invalid.reason());
        }
        String webhookId = request.webhookId().strip();
        if (webhookId.length() > MAX_WEBHOOK_ID || webhookId.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return new Outcome.Invalid("webhook-id must be at most " + MAX_WEBHOOK_ID + " printable characters");
        }
        String practiceId = endpoint.get().practiceId();
        String id = InboundDelivery.idOf(request.integrationId(), webhookId);
        String sha256 = InboundDelivery.sha256Hex(body);
        Optional<InboundDelivery> kept = deliveries.get(practiceId, id);
        if (kept.isPresent()) {
            return duplicate(kept.get(), sha256);
        }
        String key = "deliveries/" + practiceId + "/" + id;
        bodies.put(key, body, request.contentType());
        InboundDelivery delivery = new InboundDelivery(id, practiceId, request.integrationId(), webhookId,
                Long.parseLong(request.webhookTimestamp().strip()), now, request.contentType(), body.length, sha256, key,
                InboundDelivery.Status.RECEIVED, null, List.of(), null, 0, null, false, 1);
        if (!deliveries.createIfAbsent(delivery)) { // the same delivery, posted twice at once
            return duplicate(deliveries.get(practiceId, id).orElseThrow(), sha256);
        }
        queue.enqueue(practiceId, id);
        deliveries.markQueued(practiceId, id);
        LOG.info("webhook {} of integration {} kept as {} ({} bytes) and queued", webhookId, request.integrationId(), id, body.length);
        return new Outcome.Accepted(delivery);
    }

    private Outcome duplicate(InboundDelivery kept, String sha256) {
        if (!kept.bodySha256().equals(sha256)) {
            return new Outcome.Conflict("webhook-id " + kept.webhookId() + " was delivered before with another body");
        }
        if (!kept.queued()) { // the first attempt stopped between keeping and queueing
            queue.enqueue(kept.practiceId(), kept.id());
            deliveries.markQueued(kept.practiceId(), kept.id());
        }
        LOG.info("webhook {} of integration {} is a duplicate of {}", kept.webhookId(), kept.integrationId(), kept.id());
        return new Outcome.Duplicate(kept);
    }
}
