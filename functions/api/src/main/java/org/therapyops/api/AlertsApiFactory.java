package org.therapyops.api;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.therapyops.dynamodb.DynamoAlertRepository;
import org.therapyops.ports.AlertRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The alerts table, named by ALERTS_TABLE in the environment (alerts.table). */
@Factory
public class AlertsApiFactory {

    @Singleton
    AlertRepository alertRepository(DynamoDbClient dynamo, @Value("${alerts.table}") String alertsTable) {
        return new DynamoAlertRepository(dynamo, alertsTable);
    }
}
