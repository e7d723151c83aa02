package org.therapyops.dynamodb;

import org.therapyops.ports.InvalidCursorException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opaque list cursors: a query's LastEvaluatedKey (string attributes only), base64url-encoded. A cursor is
 * accepted only for the practice it was issued to, so it can never lead into another practice's data.
 */
final class Cursors {

    private static final char SEPARATOR = '\u001f';

    private Cursors() {
    }

    static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        StringBuilder text = new StringBuilder();
        lastEvaluatedKey.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                text.append(e.getKey()).append(SEPARATOR).append(e.getValue().s()).append(SEPARATOR));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The key to start from, or null for no cursor; {@link InvalidCursorException} when it is not this practice's. */
    static Map<String, AttributeValue> decode(String practiceId, String cursor) {
        return decode(practiceId, cursor, key -> true);
    }

    /**
     * As {@link #decode(String, String)}, and only for a key the listing accepts as its own (e.g. under its
     * sort-key prefix), so that a cursor of another listing cannot be replayed here.
     */
    static Map<String, AttributeValue> decode(String practiceId, String cursor,
                                              java.util.function.Predicate<Map<String, AttributeValue>> ownKey) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
        String[] parts = text.split(String.valueOf(SEPARATOR), -1);
        if (parts.length % 2 != 1 || !parts[parts.length - 1].isEmpty()) {
            throw new InvalidCursorException();
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (int i = 0; i + 1 < parts.length; i += 2) {
            key.put(parts[i], AttributeValue.fromS(parts[i + 1]));
        }
        if (!key.containsKey(Keys.PK) || !practiceId.equals(key.get(Keys.PK).s()) || !ownKey.test(key)) {
            throw new InvalidCursorException();
        }
        return key;
    }
}
