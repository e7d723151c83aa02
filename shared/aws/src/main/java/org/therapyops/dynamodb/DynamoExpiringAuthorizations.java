package org.therapyops.dynamodb;

import org.therapyops.ports.ExpiringAuthorizations;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link ExpiringAuthorizations} on the Practice table's {@value #INDEX} index (partition endDate, sort pk,
 * all attributes projected): only authorization items carry an endDate, so the index holds nothing else.
 */
public final class DynamoExpiringAuthorizations implements ExpiringAuthorizations {

    public static final String INDEX = "byEndDate";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoExpiringAuthorizations(DynamoDbClient dynamo, Tables tables) {
        this.dynamo = dynamo;
        this.table = tables.practice();
    }

    @Override
    public List<Ending> endingOn(LocalDate endDate) {
        List<Ending> result = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            var page = dynamo.query(QueryRequest.builder().tableName(table).indexName(INDEX)
                    .keyConditionExpression("endDate = :d")
                    .expressionAttributeValues(Map.of(":d", Keys.s(endDate.toString())))
                    .exclusiveStartKey(startKey).build());
            for (Map<String, AttributeValue> item : page.items()) {
                if ("AUTHORIZATION".equals(Attributes.of(item).optionalString("type"))) {
                    result.add(new Ending(ItemMapper.practiceOf(item), AlertImages.authorization(item)));
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return result;
    }
}
