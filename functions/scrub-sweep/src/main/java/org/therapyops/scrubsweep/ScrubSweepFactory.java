package org.therapyops.scrubsweep;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.therapyops.billing.claims.ScrubSweep;
import org.therapyops.dynamodb.DynamoClaimsNeedingReview;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.ScrubQueue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The scrub sweep over the Claims table's needsReview index (CLAIMS_TABLE), sending to the scrub queue (SCRUB_QUEUE_URL). */
@Factory
public class ScrubSweepFactory {

    @Singleton
    ScrubSweep scrubSweep(DynamoDbClient dynamo, @Value("${claims.table}") String claimsTable, ScrubQueue scrubQueue,
                          ClaimRepository claims) {
        return new ScrubSweep(new DynamoClaimsNeedingReview(dynamo, claimsTable), scrubQueue, claims);
    }
}
