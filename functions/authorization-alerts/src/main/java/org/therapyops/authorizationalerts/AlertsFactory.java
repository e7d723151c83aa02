package org.therapyops.authorizationalerts;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.therapyops.alerting.AlertRaiser;
import org.therapyops.alerting.ReviewDigestScan;
import org.therapyops.billing.claims.ScrubSweep;
import org.therapyops.dynamodb.DynamoClaimRepository;
import org.therapyops.dynamodb.DynamoClaimsNeedingReview;
import org.therapyops.dynamodb.DynamoExpiringAuthorizations;
import org.therapyops.dynamodb.Tables;
import org.therapyops.messaging.SqsAlertNotifications;
import org.therapyops.messaging.SqsScrubQueue;
import org.therapyops.ports.AlertRepository;
import org.therapyops.ports.PracticeRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;

/**
 * The alerts table (ALERTS_TABLE), the notify queue (NOTIFY_QUEUE_URL), the raiser over them, the review digest over
 * the Claims table's needsReview index (CLAIMS_TABLE), and the scrub sweep over the same index (SCRUB_QUEUE_URL).
 */
@Factory
public class AlertsFactory {

    @Singleton
    AlertRaiser alertRaiser(PracticeRepository practice, AlertRepository alerts, SqsClient sqs,
                            @Value("${notify.queue.url}") String notifyQueueUrl, DynamoDbClient dynamo, Tables tables,
                            Clock clock) {
        return new AlertRaiser(practice, alerts, new SqsAlertNotifications(sqs, notifyQueueUrl),
                new DynamoExpiringAuthorizations(dynamo, tables), clock);
    }

    /** The scrub sweep over the same index's SCRUB_PENDING claims, sending to the scrub queue (SCRUB_QUEUE_URL). */
    @Singleton
    ScrubSweep scrubSweep(DynamoDbClient dynamo, SqsClient sqs, @Value("${claims.table}") String claimsTable,
                          @Value("${scrub.queue.url}") String scrubQueueUrl) {
        return new ScrubSweep(new DynamoClaimsNeedingReview(dynamo, claimsTable), new SqsScrubQueue(sqs, scrubQueueUrl),
                new DynamoClaimRepository(dynamo, claimsTable));
    }

    @Singleton
    ReviewDigestScan reviewDigestScan(PracticeRepository practice, AlertRaiser raiser, DynamoDbClient dynamo,
                                      @Value("${claims.table}") String claimsTable, Clock clock) {
        return new ReviewDigestScan(practice, new DynamoClaimsNeedingReview(dynamo, claimsTable), raiser, clock);
    }
}
