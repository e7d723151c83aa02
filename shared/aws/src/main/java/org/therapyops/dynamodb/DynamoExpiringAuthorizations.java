package org.therapyops.dynamodb;

import org.therapyops.ports.ExpiringAuthorizations;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@link ExpiringAuthorizations} on the Practice table's {@value #INDEX} index (partition {@code type}, sort
 * {@code endDate}, keys only; only authorization items carry an endDate): one query for the whole span, then the
 * authorizations themselves, read strongly by key.
 */
public final class DynamoExpiringAuthorizations implements ExpiringAuthorizations {

    public static final String INDEX = "AuthorizationsByEndDate";
    private static final Comparator<Ending> ORDER = Comparator.comparing((Ending e) -> e.authorization().endDate())
            .thenComparing(Ending::practiceId).thenComparing(e -> e.authorization().id());

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoExpiringAuthorizations(DynamoDbClient dynamo, Tables tables) {
        this(dynamo, tables.practice());
    }

    DynamoExpiringAuthorizations(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** An authorization deleted between the index and the read is left out; one whose end date moved out of the span too. */
    @Override
    public List<Ending> endingBetween(LocalDate first, LocalDate last) {
        if (first.isAfter(last)) {
            return List.of();
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            var page = dynamo.query(QueryRequest.builder().tableName(table).indexName(INDEX)
                    .keyConditionExpression("#type = :type AND endDate BETWEEN :first AND :last")
                    .expressionAttributeNames(Map.of("#type", "type"))
                    .expressionAttributeValues(Map.of(":type", Keys.s("AUTHORIZATION"),
                            ":first", Keys.s(first.toString()), ":last", Keys.s(last.toString())))
                    .exclusiveStartKey(startKey).build());
            page.items().forEach(item -> keys.add(Map.of(Keys.PK, item.get(Keys.PK), Keys.SK, item.get(Keys.SK))));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return BatchGet.items(dynamo, table, keys).stream()
                .map(item -> new Ending(ItemMapper.practiceOf(item), AlertImages.authorization(item)))
                .filter(e -> !e.authorization().endDate().isBefore(first) && !e.authorization().endDate().isAfter(last))
                .sorted(ORDER).toList();
    }
}
