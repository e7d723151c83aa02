package org.therapyops.reviewdigest;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.therapyops.alerting.AlertRaiser;
import org.therapyops.alerting.ReviewDigestScan;
import org.therapyops.dynamodb.DynamoClaimsNeedingReview;
import org.therapyops.ports.AlertNotifications;
import org.therapyops.ports.AlertRepository;
import org.therapyops.ports.PracticeRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * The review digest over the Claims table's needsReview index (CLAIMS_TABLE), raising one alert per practice in the
 * alerts table (ALERTS_TABLE) for the notifier (NOTIFY_QUEUE_URL).
 */
@Factory
public class ReviewDigestFactory {

    @Singleton
    ReviewDigestScan reviewDigestScan(PracticeRepository practice, AlertRepository alerts, AlertNotifications notifications,
                                      DynamoDbClient dynamo, @Value("${claims.table}") String claimsTable, Clock clock) {
        return new ReviewDigestScan(practice, new DynamoClaimsNeedingReview(dynamo, claimsTable),
                new AlertRaiser(practice, alerts, notifications, clock), clock);
    }
}
