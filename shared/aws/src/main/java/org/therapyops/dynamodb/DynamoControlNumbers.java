package org.therapyops.dynamodb;

import org.therapyops.ports.ControlNumbers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.Map;

/**
 * X12 control numbers as atomic counters in the Claims table: one item per practice and kind ({@code pk} the
 * practice, {@code sk} {@code X12#<KIND>}), bumped with {@code UpdateItem ADD} and read back with UPDATED_NEW, so
 * two concurrent batches never get the same number. The counter itself only grows; the number handed out wraps
 * from 999,999,999 back to 1 ({@code ((n - 1) mod MAX) + 1}).
 *
 * <p>An increment is not idempotent: when its answer is lost after DynamoDB applied it (a timeout, a 500), the SDK's
 * retry would bump the counter a second time and the batch would skip a number, one run's ISA13 differing from
 * another's for the same work. So each bump runs through {@link AppliedWrites#updateOnce}: a retry refused because the
 * counter holds its own write token reads the number it got.
 */
public final class DynamoControlNumbers implements ControlNumbers {

    static final String PREFIX = "X12#";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoControlNumbers(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public long next(String practiceId, Kind kind) {
        Map<String, AttributeValue> attributes = AppliedWrites.updateOnce(dynamo, UpdateItemRequest.builder().tableName(table)
                .key(Map.of("pk", AttributeValue.fromS(practiceId), "sk", AttributeValue.fromS(PREFIX + kind.name())))
                .updateExpression("ADD #counter :one SET #type = :type, " + AppliedWrites.SET_TOKEN)
                .expressionAttributeNames(Map.of("#counter", "counter", "#type", "type"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":type", AttributeValue.fromS("X12_COUNTER")))
                .returnValues(ReturnValue.UPDATED_NEW).build());
        return wrap(Long.parseLong(attributes.get("counter").n()));
    }

    /** The control number for the counter's n-th value (n ≥ 1): 1 … MAX, then 1 again. */
    static long wrap(long n) {
        return ((n - 1) % MAX) + 1;
    }
}
