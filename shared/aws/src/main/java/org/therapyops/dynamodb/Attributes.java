package org.therapyops.dynamodb;

import org.therapyops.domain.PostalAddress;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads and writes typed attributes of an item; absent optional values are simply not written. */
final class Attributes {

    private final Map<String, AttributeValue> item;

    private Attributes(Map<String, AttributeValue> item) {
        this.item = item;
    }

    static Attributes of(Map<String, AttributeValue> item) {
        return new Attributes(item);
    }

    static Attributes builder() {
        return new Attributes(new HashMap<>());
    }

    Attributes put(String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
        return this;
    }

    Attributes put(String name, Object value) {
        return put(name, value == null ? null : value.toString());
    }

    Attributes put(String name, long value) {
        item.put(name, AttributeValue.fromN(Long.toString(value)));
        return this;
    }

    Attributes putStrings(String name, java.util.Collection<String> values) {
        if (values != null && !values.isEmpty()) {
            item.put(name, AttributeValue.fromSs(List.copyOf(values)));
        }
        return this;
    }

    <T> Attributes putList(String name, List<T> values, Function<T, AttributeValue> mapper) {
        if (values != null) {
            item.put(name, AttributeValue.fromL(values.stream().map(mapper).toList()));
        }
        return this;
    }

    /** A decimal amount as a number attribute (nothing when null). */
    Attributes putAmount(String name, java.math.BigDecimal value) {
        if (value != null) {
            item.put(name, AttributeValue.fromN(value.toPlainString()));
        }
        return this;
    }

    /** A list of strings (written even when empty, as lists are). */
    Attributes putStringList(String name, List<String> values) {
        return putList(name, values, AttributeValue::fromS);
    }

    Attributes putBool(String name, boolean value) {
        item.put(name, AttributeValue.fromBool(value));
        return this;
    }

    Attributes putMap(String name, Map<String, AttributeValue> value) {
        item.put(name, AttributeValue.fromM(value));
        return this;
    }

    /** An address as a map attribute named "address" (nothing when null). */
    Attributes putAddress(PostalAddress address) {
        if (address != null) {
            putMap("address", builder().put("line1", address.line1()).put("line2", address.line2()).put("city", address.city())
                    .put("state", address.state()).put("postalCode", address.postalCode()).build());
        }
        return this;
    }

    /** The map attribute "address"; null when absent. */
    PostalAddress address() {
        AttributeValue value = item.get("address");
        if (value == null || !value.hasM()) {
            return null;
        }
        Attributes a = of(value.m());
        return new PostalAddress(a.optionalString("line1"), a.optionalString("line2"), a.optionalString("city"),
                a.optionalString("state"), a.optionalString("postalCode"));
    }

    Map<String, AttributeValue> build() {
        return item;
    }

    String string(String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new MalformedItemException("attribute " + name + " is missing or not a string");
        }
        return value.s();
    }

    String optionalString(String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    long number(String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw new MalformedItemException("attribute " + name + " is missing or not a number");
        }
        try {
            return Long.parseLong(value.n());
        } catch (NumberFormatException e) {
            throw new MalformedItemException("attribute " + name + " is not a whole number");
        }
    }

    long optionalNumber(String name, long fallback) {
        return item.containsKey(name) ? number(name) : fallback;
    }

    java.util.Set<String> strings(String name) {
        AttributeValue value = item.get(name);
        if (value == null || !value.hasSs()) {
            throw new MalformedItemException("attribute " + name + " is missing or not a string set");
        }
        return java.util.Set.copyOf(value.ss());
    }

    List<AttributeValue> list(String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasL() ? List.of() : value.l();
    }

    java.math.BigDecimal amount(String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw new MalformedItemException("attribute " + name + " is missing or not a number");
        }
        return parse(name, java.math.BigDecimal::new, value.n());
    }

    java.math.BigDecimal optionalAmount(String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : parse(name, java.math.BigDecimal::new, value.n());
    }

    List<String> stringList(String name) {
        return list(name).stream().map(AttributeValue::s).toList();
    }

    boolean bool(String name) {
        AttributeValue value = item.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    /** The map attribute as Attributes; null when absent. */
    Attributes map(String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasM() ? null : of(value.m());
    }

    LocalDate date(String name) {
        return parse(name, LocalDate::parse, string(name));
    }

    LocalDate optionalDate(String name) {
        String value = optionalString(name);
        return value == null ? null : parse(name, LocalDate::parse, value);
    }

    LocalDateTime dateTime(String name) {
        return parse(name, LocalDateTime::parse, string(name));
    }

    Instant instant(String name) {
        return parse(name, Instant::parse, string(name));
    }

    Instant optionalInstant(String name) {
        String value = optionalString(name);
        return value == null ? null : parse(name, Instant::parse, value);
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        return parse(name, v -> Enum.valueOf(type, v), string(name));
    }

    <E extends Enum<E>> E optionalEnum(String name, Class<E> type) {
        String value = optionalString(name);
        return value == null ? null : parse(name, v -> Enum.valueOf(type, v), value);
    }

    private static <T> T parse(String name, Function<String, T> parser, String value) {
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new MalformedItemException("attribute " + name + " cannot be read: " + e.getClass().getSimpleName());
        }
    }
}
