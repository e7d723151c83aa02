package org.therapyops.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

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
}
