package org.therapyops.api;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.therapyops.dynamodb.DynamoReportingStore;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.reporting.service.ReportQueries;
import org.therapyops.reporting.ReportingRules;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/** The reports, read from the reporting table (REPORTING_TABLE, reporting.table) only. */
@Factory
public class ReportFactory {

    @Singleton
    ReportQueries reportQueries(DynamoDbClient dynamo, @Value("${reporting.table}") String table, PracticeRepository practice,
                                Clock clock) {
        return new ReportQueries(new DynamoReportingStore(dynamo, table), practice, ReportingRules.load(), clock);
    }
}
