package org.therapyops.wiring;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.therapyops.dynamodb.DynamoAlertRepository;
import org.therapyops.dynamodb.DynamoAppointmentRepository;
import org.therapyops.dynamodb.DynamoPracticeRepository;
import org.therapyops.dynamodb.DynamoUsageStore;
import org.therapyops.dynamodb.Tables;
import org.therapyops.lambda.Metering;
import org.therapyops.payer.service.PayerRulesResolver;
import org.therapyops.ports.AlertRepository;
import org.therapyops.ports.AppointmentRepository;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.ports.UsageStore;
import org.therapyops.scheduling.AuthorizationCheckService;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the AWS clients and adapters every function shares. Region, credentials and endpoint come
 * from the standard environment (AWS_REGION, AWS_ENDPOINT_URL, credentials chain), so the same artifact
 * talks to AWS, LocalStack or the local emulator without a code change.
 */
@Factory
public class SharedFactory {

    @Singleton
    @Bean(preDestroy = "close")
    DynamoDbClient dynamoDbClient(@Value("${aws.endpoint.url:}") String endpoint,
                                  @Value("${aws.http.socket-timeout:0s}") Duration socketTimeout) {
        return withEndpoint(DynamoDbClient.builder().httpClient(httpClient(socketTimeout)), endpoint).build();
    }

    /**
     * The HTTP client of every AWS client: the URL connection client, with the socket timeout AWS_HTTP_SOCKET_TIMEOUT
     * names (aws.http.socket-timeout, e.g. 5s) or, without one (0s), the client's own (30 s). A call timed out is
     * retried by the SDK; the local cloud shortens it when it injects timeouts.
     */
    public static SdkHttpClient httpClient(Duration socketTimeout) {
        UrlConnectionHttpClient.Builder builder = UrlConnectionHttpClient.builder();
        if (socketTimeout != null && !socketTimeout.isZero()) {
            builder.socketTimeout(socketTimeout);
        }
        return builder.build();
    }

    /**
     * Every AWS client the functions use is built through here: the cost meter on each request ({@link Metering}), and
     * an explicit endpoint (aws.endpoint.url) when configured, otherwise the SDK's own resolution.
     */
    public static <B extends SdkClientBuilder<B, ?>> B withEndpoint(B builder, String endpoint) {
        builder.overrideConfiguration(c -> c.addExecutionInterceptor(Metering.INTERCEPTOR));
        return endpoint.isBlank() ? builder : builder.endpointOverride(URI.create(endpoint));
    }

    /** The usage table (USAGE_TABLE, usage.table) the cost meter writes; without one, usage is metered but not kept. */
    @Singleton
    UsageStore usageStore(DynamoDbClient dynamo, @Value("${usage.table:}") String table) {
        return table.isBlank() ? UsageStore.NONE : new DynamoUsageStore(dynamo, table);
    }

    /** The alerts table, named by ALERTS_TABLE in the environment (alerts.table). */
    @Singleton
    AlertRepository alertRepository(DynamoDbClient dynamo, @Value("${alerts.table}") String alertsTable) {
        return new DynamoAlertRepository(dynamo, alertsTable);
    }

    /**
     * Table names: PRACTICE_TABLE, APPOINTMENTS_TABLE and APPOINTMENT_HISTORY_TABLE in the environment (practice.table,
     * appointments.table, appointment.history.table).
     */
    @Singleton
    Tables tables(@Value("${practice.table}") String practiceTable, @Value("${appointments.table}") String appointmentsTable,
                  @Value("${appointment.history.table}") String historyTable) {
        return new Tables(practiceTable, appointmentsTable, historyTable);
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    PracticeRepository practiceRepository(DynamoDbClient dynamo, Tables tables) {
        return new DynamoPracticeRepository(dynamo, tables);
    }

    @Singleton
    AppointmentRepository appointmentRepository(DynamoDbClient dynamo, Tables tables, Clock clock) {
        return new DynamoAppointmentRepository(dynamo, tables, clock);
    }

    /** The shipped payer profiles, loaded once per container: every payer's default rules. */
    @Singleton
    PayerRulesResolver payerRulesResolver() {
        return PayerRulesResolver.shipped();
    }

    @Singleton
    AuthorizationCheckService authorizationCheckService(PracticeRepository practice, AppointmentRepository appointments,
                                                        PayerRulesResolver payerRules) {
        return new AuthorizationCheckService(practice, appointments, payerRules);
    }
}
