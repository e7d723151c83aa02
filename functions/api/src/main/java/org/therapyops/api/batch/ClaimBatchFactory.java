package org.therapyops.api.batch;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.therapyops.billing.x12.ControlNumbers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** X12 control numbers on the Claims table (CLAIMS_TABLE, claims.table). */
@Factory
public class ClaimBatchFactory {

    @Singleton
    ControlNumbers controlNumbers(DynamoDbClient dynamo, @Value("${claims.table}") String claimsTable) {
        return new DynamoControlNumbers(dynamo, claimsTable);
    }
}
