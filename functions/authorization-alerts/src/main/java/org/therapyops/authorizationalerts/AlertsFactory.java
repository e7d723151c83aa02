package org.therapyops.authorizationalerts;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.therapyops.wiring.SharedFactory;
import org.therapyops.alerting.AlertRaiser;
import org.therapyops.alerting.ReviewDigestScan;
import org.therapyops.dynamodb.DynamoClaimsNeedingReview;
import org.therapyops.dynamodb.DynamoExpiringAuthorizations;
import org.therapyops.dynamodb.Tables;
import org.therapyops.messaging.SqsAlertNotifications;
import org.therapyops.ports.AlertRepository;
import org.therapyops.ports.PracticeRepository;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;

/**
 * The alerts table (ALERTS_TABLE), the notify queue (NOTIFY_QUEUE_URL), the raiser over them, and the review
 * digest over the Claims table's NEEDS_REVIEW index (CLAIMS_TABLE).
 */
@Factory
public class AlertsFactory {

    @Singleton
    @Bean(preDestroy = "close")
    SqsClient sqsClient(@Value("${aws.endpoint.url:}") String endpoint) {
        return SharedFactory.withEndpoint(SqsClient.builder().httpClient(UrlConnectionHttpClient.create()), endpoint).build();
    }

    @Singleton
    AlertRaiser alertRaiser(PracticeRepository practice, AlertRepository alerts, SqsClient sqs,
                            @Value("${notify.queue.url}") String notifyQueueUrl, DynamoDbClient dynamo, Tables tables,
                            Clock clock) {
        return new AlertRaiser(practice, alerts, new SqsAlertNotifications(sqs, notifyQueueUrl),
                new DynamoExpiringAuthorizations(dynamo, tables), clock);
    }

    @Singleton
    ReviewDigestScan reviewDigestScan(PracticeRepository practice, AlertRaiser raiser, DynamoDbClient dynamo,
                                      @Value("${claims.table}") String claimsTable, Clock clock) {
        return new ReviewDigestScan(practice, new DynamoClaimsNeedingReview(dynamo, claimsTable), raiser, clock);
    }
}
