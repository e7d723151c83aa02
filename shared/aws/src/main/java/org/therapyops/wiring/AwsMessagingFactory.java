package org.therapyops.wiring;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.therapyops.messaging.SqsAlertNotifications;
import org.therapyops.messaging.SqsInboundQueue;
import org.therapyops.messaging.SqsMessages;
import org.therapyops.messaging.SqsScrubQueue;
import org.therapyops.ports.AlertNotifications;
import org.therapyops.ports.InboundQueue;
import org.therapyops.ports.ScrubQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;

/**
 * The SQS client, built once, for the functions that carry the SQS module (it is optional in shared/aws: a function that
 * sends to no queue carries no SQS client), and the one sender of each queue, for the functions configured with its
 * URL: SCRUB_QUEUE_URL (scrub.queue.url), NOTIFY_QUEUE_URL (notify.queue.url), INBOUND_QUEUE_URL (inbound.queue.url).
 * Endpoint as {@link SharedFactory#withEndpoint}.
 */
@Factory
@Requires(classes = SqsClient.class)
public class AwsMessagingFactory {

    @Singleton
    @Bean(preDestroy = "close")
    SqsClient sqsClient(@Value("${aws.endpoint.url:}") String endpoint,
                        @Value("${aws.http.socket-timeout:0s}") Duration socketTimeout) {
        return SharedFactory.withEndpoint(SqsClient.builder().httpClient(SharedFactory.httpClient(socketTimeout)), endpoint).build();
    }

    @Singleton
    @Requires(property = "scrub.queue.url")
    ScrubQueue scrubQueue(SqsClient sqs, JsonMapper json, @Value("${scrub.queue.url}") String queueUrl) {
        return new SqsScrubQueue(new SqsMessages<>(sqs, queueUrl, json));
    }

    @Singleton
    @Requires(property = "notify.queue.url")
    AlertNotifications alertNotifications(SqsClient sqs, JsonMapper json, @Value("${notify.queue.url}") String queueUrl) {
        return new SqsAlertNotifications(new SqsMessages<>(sqs, queueUrl, json));
    }

    @Singleton
    @Requires(property = "inbound.queue.url")
    InboundQueue inboundQueue(SqsClient sqs, JsonMapper json, @Value("${inbound.queue.url}") String queueUrl) {
        return new SqsInboundQueue(new SqsMessages<>(sqs, queueUrl, json));
    }
}
