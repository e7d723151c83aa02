package org.therapyops.webhookreceiver;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.therapyops.inbound.service.WebhookReception;
import org.therapyops.messaging.S3DeliveryBodies;
import org.therapyops.ports.InboundDeliveryRepository;
import org.therapyops.ports.InboundQueue;
import org.therapyops.ports.IntegrationRepository;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Clock;

/**
 * The webhook door: deliveries kept in the bucket INBOUND_BUCKET (inbound.bucket) and the Inbound table, queued on
 * INBOUND_QUEUE_URL (inbound.queue.url); bodies above WEBHOOK_MAX_BYTES (webhook.max.bytes, 5 MiB) are refused.
 */
@Factory
public class WebhookReceiverFactory {


    @Singleton
    WebhookReception webhookReception(IntegrationRepository integrations, InboundDeliveryRepository deliveries, S3Client s3,
                                      InboundQueue inboundQueue, @Value("${inbound.bucket}") String bucket,
                                      @Value("${webhook.max.bytes:5242880}") int maxBytes, Clock clock) {
        return new WebhookReception(integrations, deliveries, new S3DeliveryBodies(s3, bucket), inboundQueue,
                clock, maxBytes);
    }
}
