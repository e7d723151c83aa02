package org.therapyops.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Items of one table by key, read strongly with BatchGetItem: 100 keys a call, keys left unprocessed asked again after a pause. */
final class BatchGet {

    static final int KEYS_PER_CALL = 100;

    private BatchGet() {
    }

    /** The items of these keys that exist, in no particular order. */
    static List<Map<String, AttributeValue>> items(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_CALL) {
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(from + KEYS_PER_CALL, keys.size()))).consistentRead(true).build());
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt > 0) {
                    pause(attempt);
                }
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(request));
                found.addAll(response.responses().getOrDefault(table, List.of()));
                pending = response.hasUnprocessedKeys() && response.unprocessedKeys().values().stream()
                        .anyMatch(k -> k.hasKeys() && !k.keys().isEmpty()) ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    /** AWS's advice for unprocessed keys: back off exponentially (here 50 ms doubling, at most 1.6 s). */
    private static void pause(int attempt) {
        try {
            Thread.sleep(50L << Math.min(attempt - 1, 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a batch of items", e);
        }
    }
}
