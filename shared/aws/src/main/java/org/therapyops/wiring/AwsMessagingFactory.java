package org.therapyops.wiring;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SQS client, built once, for the functions that carry the SQS module (it is optional in shared: a function that
 * sends to no queue carries no SQS client). Endpoint as {@link SharedFactory#withEndpoint}.
 */
@Factory
@Requires(classes = SqsClient.class)
public class AwsMessagingFactory {

    @Singleton
    @Bean(preDestroy = "close")
    SqsClient sqsClient(@Value("${aws.endpoint.url:}") String endpoint) {
        return SharedFactory.withEndpoint(SqsClient.builder().httpClient(UrlConnectionHttpClient.create()), endpoint).build();
    }
}
