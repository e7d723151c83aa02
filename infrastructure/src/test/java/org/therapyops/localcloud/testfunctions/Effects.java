package org.therapyops.localcloud.testfunctions;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * What the fault test handlers do per record, in $EFFECTS_TABLE: count the delivery (a write that is not idempotent,
 * the first of each record: where an armed crash fires), then apply the effect once (a conditional put).
 */
final class Effects {
    private static final DynamoDbClient DYNAMO = client();

    private Effects() {
    }

    private static DynamoDbClient client() {
        DynamoDbClientBuilder b = DynamoDbClient.builder().region(Region.of(System.getenv("AWS_REGION")))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        if (endpoint != null && !endpoint.isBlank()) {
            b.endpointOverride(URI.create(endpoint));
        }
        return b.build();
    }

    static void apply(String id) {
        String table = System.getenv("EFFECTS_TABLE");
        DYNAMO.updateItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS("deliveries#" + id)))
                .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
        try {
            DYNAMO.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS("effect#" + id),
                    "pid", AttributeValue.fromN(String.valueOf(ProcessHandle.current().pid()))))
                    .conditionExpression("attribute_not_exists(id)"));
        } catch (ConditionalCheckFailedException alreadyApplied) {
            // a redelivery: the effect stands
        }
    }

    /** Records that the handler saw an item's versions out of order within one batch. */
    static void outOfOrder(String key) {
        String table = System.getenv("EFFECTS_TABLE");
        DYNAMO.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS("out-of-order#" + key))));
    }
}
