package org.therapyops.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * The cold-start yardstick: no framework, one DynamoDB GetItem of the key it is given.
 * The client is built at init, as a Lambda handler should.
 */
public class BaselineHandler implements RequestHandler<Map<String, String>, Map<String, Object>> {

    private final DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    private final String table = System.getenv("PRACTICE_TABLE");

    @Override
    public Map<String, Object> handleRequest(Map<String, String> key, Context context) {
        var response = dynamo.getItem(b -> b.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS(key.get("pk")), "sk", AttributeValue.fromS(key.get("sk")))));
        return Map.of("found", response.hasItem() && !response.item().isEmpty());
    }
}
