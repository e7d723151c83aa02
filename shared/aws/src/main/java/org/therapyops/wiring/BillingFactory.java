package org.therapyops.wiring;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.therapyops.dynamodb.DynamoClaimBatches;
import org.therapyops.dynamodb.DynamoClaimRepository;
import org.therapyops.dynamodb.DynamoControlNumbers;
import org.therapyops.dynamodb.DynamoInboundRepositories;
import org.therapyops.dynamodb.DynamoNoteRepository;
import org.therapyops.ports.BatchRepository;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.ControlNumbers;
import org.therapyops.ports.InboundDeliveryRepository;
import org.therapyops.ports.IntegrationRepository;
import org.therapyops.ports.NoteRepository;
import org.therapyops.ports.RemittanceRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Notes, Claims and Inbound tables, named by NOTES_TABLE, CLAIMS_TABLE and INBOUND_TABLE in the environment
 * (notes.table, claims.table, inbound.table).
 */
@Factory
public class BillingFactory {

    @Singleton
    NoteRepository noteRepository(DynamoDbClient dynamo, @Value("${notes.table}") String notesTable) {
        return new DynamoNoteRepository(dynamo, notesTable);
    }

    @Singleton
    ClaimRepository claimRepository(DynamoDbClient dynamo, @Value("${claims.table}") String claimsTable) {
        return new DynamoClaimRepository(dynamo, claimsTable);
    }

    /** X12 control numbers, as atomic counters in the Claims table. */
    @Singleton
    ControlNumbers controlNumbers(DynamoDbClient dynamo, @Value("${claims.table}") String claimsTable) {
        return new DynamoControlNumbers(dynamo, claimsTable);
    }

    @Singleton
    BatchRepository batchRepository(DynamoDbClient dynamo, @Value("${claims.table}") String claimsTable) {
        return new DynamoClaimBatches(dynamo, claimsTable);
    }

    @Singleton
    DynamoInboundRepositories inboundRepositories(DynamoDbClient dynamo, @Value("${inbound.table}") String inboundTable) {
        return new DynamoInboundRepositories(dynamo, inboundTable);
    }

    @Singleton
    IntegrationRepository integrationRepository(DynamoInboundRepositories inbound) {
        return inbound.integrations();
    }

    @Singleton
    InboundDeliveryRepository inboundDeliveryRepository(DynamoInboundRepositories inbound) {
        return inbound.deliveries();
    }

    @Singleton
    RemittanceRepository remittanceRepository(DynamoInboundRepositories inbound) {
        return inbound.remittances();
    }
}
