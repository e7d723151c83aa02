package org.therapyops.wiring;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.therapyops.dynamodb.DynamoClaimRepository;
import org.therapyops.dynamodb.DynamoNoteRepository;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.NoteRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The Notes and Claims tables, named by NOTES_TABLE and CLAIMS_TABLE in the environment (notes.table, claims.table). */
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
}
