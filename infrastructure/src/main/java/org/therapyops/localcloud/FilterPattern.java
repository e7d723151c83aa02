package org.therapyops.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An event source mapping filter: an EventBridge-style JSON pattern matched against the Lambda-format record.
 * Supports exact values (strings, numbers, booleans, null), nested objects, and the operators prefix, suffix,
 * equals-ignore-case, anything-but, exists and numeric.
 */
public final class FilterPattern {

    private final JsonNode pattern;

    private FilterPattern(JsonNode pattern) {
        this.pattern = pattern;
    }

    /** Parses a pattern string as written in FilterCriteria.Filters[].Pattern. */
    public static FilterPattern parse(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new TemplateException("filter pattern is not a JSON object: " + json);
            }
            return new FilterPattern(node);
        } catch (IOException e) {
            throw new TemplateException("filter pattern is not valid JSON: " + e.getMessage());
        }
    }

    /** True when any of the patterns matches (no patterns: everything matches), as Lambda combines Filters. */
    public static boolean anyMatches(List<FilterPattern> patterns, JsonNode record) {
        return patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matches(record));
    }

    public boolean matches(JsonNode event) {
        return matchObject(pattern, event);
    }

    private static boolean matchObject(JsonNode pattern, JsonNode event) {
        Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode value = event == null || !event.isObject() ? null : event.get(f.getKey());
            JsonNode p = f.getValue();
            if (p.isObject()) {
                if (value == null || !value.isObject() || !matchObject(p, value)) {
                    return false;
                }
            } else if (p.isArray()) {
                if (!matchAny(p, value)) {
                    return false;
                }
            } else {
                throw new TemplateException("filter pattern: value of '" + f.getKey() + "' must be an array or object");
            }
        }
        return true;
    }

    /** The value (or, for an array value, any of its elements) matches any element of the pattern array. */
    private static boolean matchAny(JsonNode alternatives, JsonNode value) {
        for (JsonNode alt : alternatives) {
            if (alt.isObject() && alt.has("exists")) {
                boolean wanted = alt.get("exists").asBoolean();
                boolean present = value != null && !(value.isArray() && value.isEmpty());
                if (wanted == present) {
                    return true;
                }
                continue;
            }
            if (value == null) {
                continue;
            }
            if (value.isArray()) {
                for (JsonNode element : value) {
                    if (matchOne(alt, element)) {
                        return true;
                    }
                }
            } else if (matchOne(alt, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchOne(JsonNode alt, JsonNode value) {
        if (alt.isObject()) {
            if (alt.has("prefix")) {
                return value.isTextual() && value.asText().startsWith(alt.get("prefix").asText());
            }
            if (alt.has("suffix")) {
                return value.isTextual() && value.asText().endsWith(alt.get("suffix").asText());
            }
            if (alt.has("equals-ignore-case")) {
                return value.isTextual() && value.asText().equalsIgnoreCase(alt.get("equals-ignore-case").asText());
            }
            if (alt.has("anything-but")) {
                JsonNode but = alt.get("anything-but");
                if (but.isObject() && but.has("prefix")) {
                    return !(value.isTextual() && value.asText().startsWith(but.get("prefix").asText()));
                }
                if (but.isArray()) {
                    for (JsonNode b : but) {
                        if (literalEquals(b, value)) {
                            return false;
                        }
                    }
                    return true;
                }
                return !literalEquals(but, value);
            }
            if (alt.has("numeric")) {
                return numeric(alt.get("numeric"), value);
            }
            throw new TemplateException("filter pattern: unsupported operator " + alt);
        }
        return literalEquals(alt, value);
    }

    private static boolean literalEquals(JsonNode p, JsonNode value) {
        if (p.isNull()) {
            return value.isNull();
        }
        if (p.isNumber() && value.isNumber()) {
            return p.decimalValue().compareTo(value.decimalValue()) == 0;
        }
        if (p.isBoolean()) {
            return value.isBoolean() && p.asBoolean() == value.asBoolean();
        }
        return p.isTextual() && value.isTextual() && p.asText().equals(value.asText());
    }

    private static boolean numeric(JsonNode ops, JsonNode value) {
        BigDecimal v;
        try {
            // DynamoDB numbers arrive as strings ({"N": "5"}); compare them numerically too.
            v = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText());
        } catch (NumberFormatException notANumber) {
            return false;
        }
        for (int i = 0; i + 1 < ops.size(); i += 2) {
            int c = v.compareTo(ops.get(i + 1).decimalValue());
            boolean ok = switch (ops.get(i).asText()) {
                case "=" -> c == 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                default -> throw new TemplateException("filter pattern: unknown numeric operator " + ops.get(i));
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
