package org.therapyops.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Tells a conditional write refused because it had already been applied from one refused because something else
 * changed the item. The SDK retries a call whose answer was lost (a timeout, a 500 after the write); DynamoDB then
 * checks the retry's condition against the item the first attempt wrote, and refuses it. Each conditional write
 * carries a token of its own, which the retry repeats: read back with {@code ReturnValuesOnConditionCheckFailure.ALL_OLD},
 * an item holding this write's token means the write succeeded, and answering "stale" or "duplicate" then would tell
 * the client nothing was written while it was. Another call's write, even of the same content, carries another token.
 */
final class AppliedWrites {

    static final String TOKEN = "writeToken";

    private AppliedWrites() {
    }

    /** The item with a fresh write token; the map given is left as it is. */
    static Map<String, AttributeValue> tokened(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> tokened = new HashMap<>(item);
        tokened.put(TOKEN, AttributeValue.fromS(UUID.randomUUID().toString()));
        return tokened;
    }

    /** Whether the item DynamoDB holds was written by the write carrying this item's token. */
    static boolean alreadyApplied(ConditionalCheckFailedException refused, Map<String, AttributeValue> written) {
        AttributeValue token = written.get(TOKEN);
        return token != null && refused.hasItem() && token.equals(refused.item().get(TOKEN));
    }

    /** What an update run by {@link #updateOnce} must put in its SET clause: the write's token. */
    static final String SET_TOKEN = "#writeToken = :writeToken";

    /**
     * Runs an update that is not idempotent (an ADD) so that it applies once though the SDK may retry it: the update
     * (whose SET clause holds {@link #SET_TOKEN}, and which has no condition of its own) is made conditional on the item
     * not holding this write's token; a retry refused because the item holds it was applied.
     *
     * @return the attributes the update returned, or on such a retry the item as it stands (holding what the first
     *         attempt wrote)
     */
    static Map<String, AttributeValue> updateOnce(DynamoDbClient dynamo, UpdateItemRequest update) {
        Map<String, AttributeValue> token = tokened(Map.of());
        Map<String, String> names = new HashMap<>(update.expressionAttributeNames());
        names.put("#writeToken", TOKEN);
        Map<String, AttributeValue> values = new HashMap<>(update.expressionAttributeValues());
        values.put(":writeToken", token.get(TOKEN));
        try {
            return dynamo.updateItem(update.toBuilder().conditionExpression("attribute_not_exists(#writeToken) OR #writeToken <> :writeToken")
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).attributes();
        } catch (ConditionalCheckFailedException e) {
            if (!alreadyApplied(e, token)) {
                throw e;
            }
            return e.item();
        }
    }
}
