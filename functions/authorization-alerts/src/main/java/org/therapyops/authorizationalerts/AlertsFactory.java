package org.therapyops.authorizationalerts;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.therapyops.alerting.AlertRaiser;
import org.therapyops.dynamodb.DynamoExpiringAuthorizations;
import org.therapyops.dynamodb.Tables;
import org.therapyops.ports.AlertNotifications;
import org.therapyops.ports.AlertRepository;
import org.therapyops.ports.PracticeRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/** The raiser over the alerts table (ALERTS_TABLE), the notify queue (NOTIFY_QUEUE_URL) and the authorizations' end dates. */
@Factory
public class AlertsFactory {

    @Singleton
    AlertRaiser alertRaiser(PracticeRepository practice, AlertRepository alerts, AlertNotifications notifications,
                            DynamoDbClient dynamo, Tables tables, Clock clock) {
        return new AlertRaiser(practice, alerts, notifications, new DynamoExpiringAuthorizations(dynamo, tables), clock);
    }
}
