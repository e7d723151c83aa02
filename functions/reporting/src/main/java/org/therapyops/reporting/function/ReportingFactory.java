package org.therapyops.reporting.function;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.therapyops.alerting.AlertRaiser;
import org.therapyops.dynamodb.DynamoReportingStore;
import org.therapyops.dynamodb.ReportingBackfill;
import org.therapyops.dynamodb.ReportingImages;
import org.therapyops.dynamodb.Tables;
import org.therapyops.ports.AlertNotifications;
import org.therapyops.ports.AlertRepository;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.ports.ReportingStore;
import org.therapyops.reporting.Contributions;
import org.therapyops.reporting.service.ReportQueries;
import org.therapyops.reporting.ReportingRules;
import org.therapyops.reporting.service.ReportingService;
import org.therapyops.reporting.service.WeeklyReports;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * The reporting table (REPORTING_TABLE), the reporting fed by the source tables' items, the backfill over those tables
 * (NOTES_TABLE, CLAIMS_TABLE and the shared PRACTICE_TABLE, APPOINTMENTS_TABLE), and the weekly report raised through
 * the alerts table (ALERTS_TABLE) and the notify queue (NOTIFY_QUEUE_URL).
 */
@Factory
public class ReportingFactory {

    @Singleton
    ReportingRules reportingRules() {
        return ReportingRules.load();
    }

    @Singleton
    ReportingStore reportingStore(DynamoDbClient dynamo, @Value("${reporting.table}") String table) {
        return new DynamoReportingStore(dynamo, table);
    }

    @Singleton
    ReportingService reportingService(ReportingStore store, PracticeRepository practice, ClaimRepository claims, ReportingRules rules,
                                      Clock clock) {
        return new ReportingService(store, practice, claims, new Contributions(rules), clock);
    }

    @Singleton
    ReportingImages reportingImages(ReportingService reporting, DynamoDbClient dynamo, Tables tables) {
        return new ReportingImages(reporting, dynamo, tables);
    }

    @Singleton
    ReportingBackfill reportingBackfill(DynamoDbClient dynamo, Tables tables, @Value("${notes.table}") String notesTable,
                                        @Value("${claims.table}") String claimsTable, ReportingImages images, ReportingStore store) {
        return new ReportingBackfill(dynamo, tables, notesTable, claimsTable, images, store);
    }

    @Singleton
    WeeklyReports weeklyReports(ReportingStore store, PracticeRepository practice, AlertRepository alerts,
                                AlertNotifications notifications, ReportingRules rules, Clock clock) {
        AlertRaiser raiser = new AlertRaiser(practice, alerts, notifications, clock);
        return new WeeklyReports(store, new ReportQueries(store, practice, rules, clock), practice, alerts, raiser, clock);
    }
}
