package org.therapyops.wiring;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.therapyops.dynamodb.DynamoAppointmentRepository;
import org.therapyops.dynamodb.DynamoPracticeRepository;
import org.therapyops.dynamodb.Tables;
import org.therapyops.ports.AppointmentRepository;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.scheduling.AuthorizationCheckService;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * Builds the AWS clients and adapters every function shares. Region, credentials and endpoint come
 * from the standard environment (AWS_REGION, AWS_ENDPOINT_URL, ...), so the same artifact talks to
 * AWS, LocalStack or the local emulator without a code change.
 */
@Factory
public class SharedFactory {

    @Singleton
    @Bean(preDestroy = "close")
    DynamoDbClient dynamoDbClient() {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Singleton
    Tables tables() {
        return Tables.fromEnvironment(System.getenv());
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

    @Singleton
    AuthorizationCheckService authorizationCheckService(PracticeRepository practice, AppointmentRepository appointments) {
        return new AuthorizationCheckService(practice, appointments);
    }
}
