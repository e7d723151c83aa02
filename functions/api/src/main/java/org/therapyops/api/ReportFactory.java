package org.therapyops.api;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.therapyops.dynamodb.DynamoReportingStore;
import org.therapyops.metering.service.CostQueries;
import org.therapyops.metering.PriceTable;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.ports.UsageStore;
import org.therapyops.reporting.service.ReportQueries;
import org.therapyops.reporting.ReportingRules;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/** The reports, read from the reporting table (REPORTING_TABLE, reporting.table) only, and the cost report. */
@Factory
public class ReportFactory {

    /** The cost report: the usage table (USAGE_TABLE) priced with the shipped price table, sessions from the reporting table. */
    @Singleton
    CostQueries costQueries(UsageStore usage, DynamoDbClient dynamo, @Value("${reporting.table}") String table, Clock clock) {
        return new CostQueries(usage, new DynamoReportingStore(dynamo, table), PriceTable.load(), clock);
    }

    @Singleton
    ReportQueries reportQueries(DynamoDbClient dynamo, @Value("${reporting.table}") String table, PracticeRepository practice,
                                Clock clock) {
        return new ReportQueries(new DynamoReportingStore(dynamo, table), practice, ReportingRules.load(), clock);
    }
}
