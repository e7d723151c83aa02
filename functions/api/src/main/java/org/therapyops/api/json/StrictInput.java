package org.therapyops.api.json;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;
import org.therapyops.api.model.StartTime;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;

/**
 * How request bodies are read: each JSON value must already be of its field's type. Micronaut Serialization coerces
 * by default ({@code "firstName": 5} becomes "5", {@code "durationMinutes": "30"} or {@code 30.5} becomes 30); these
 * deserializers replace its defaults for the API function and refuse instead, so a client's mistake is answered with
 * a 400 naming the field rather than stored as something the client did not send. Text is refused when it carries
 * what no name, code or id legitimately does: control characters (line breaks only in {@link FreeText} fields) and
 * lone UTF-16 surrogates, which are no characters at all and which DynamoDB will not store. Dates are calendar dates
 * of this century's records: 1900 to 2100.
 */
public final class StrictInput {

    public static final int FIRST_YEAR = 1900;
    public static final int LAST_YEAR = 2100;

    private StrictInput() {
    }

    /** Why a text cannot be accepted, or null when it can. */
    public static String textProblem(String text, boolean freeText) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain a lone UTF-16 surrogate (U+%04X)".formatted((int) c);
            } else if (c == '\t' || c == '\n' || c == '\r') {
                if (!freeText) {
                    return "must be a single line, without tabs or line breaks";
                }
            } else if (Character.getType(c) == Character.CONTROL) {
                return "must not contain control characters (U+%04X)".formatted((int) c);
            }
        }
        return null;
    }

    private static JsonNode value(Decoder decoder) throws IOException {
        return decoder.decodeNode();
    }

    private static String kind(JsonNode node) {
        if (node.isString()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return node.isArray() ? "an array" : "an object";
    }

    /**
     * A value refused, with the field it was sent for: the property's name, or null for an element of a list or map
     * (whose name the decoder does not know).
     */
    public static final class Refusal extends SerdeException {
        private final String field;
        private final String reason;

        Refusal(Argument<?> type, String reason) {
            super(reason);
            this.field = type.getName();
            this.reason = reason;
        }

        public String field() {
            return field;
        }

        public String reason() {
            return reason;
        }
    }

    private static Refusal wrongType(Argument<?> type, String expected, JsonNode node) {
        return new Refusal(type, "must be " + expected + ", not " + kind(node));
    }

    /** Strings are JSON strings of text a person could have typed. */
    @Singleton
    @Primary
    public static final class Strings implements Deserializer<String> {
        @Override
        public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
            JsonNode node = value(decoder);
            if (!node.isString()) {
                throw wrongType(type, "a string", node);
            }
            String text = node.getStringValue();
            String problem = textProblem(text, type.getAnnotationMetadata().hasAnnotation(FreeText.class));
            if (problem != null) {
                throw new Refusal(type, problem);
            }
            return text;
        }

        @Override
        public String deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
            return decoder.decodeNull() ? null : deserialize(decoder, context, type);
        }
    }

    /**
     * Lists of strings (codes, diagnoses, modifiers): Micronaut Serialization reads these with a deserializer of its
     * own that coerces each element, so they are replaced too.
     */
    @Singleton
    @Primary
    public static final class StringLists implements Deserializer<List<String>> {
        @Override
        public List<String> deserialize(Decoder decoder, DecoderContext context, Argument<? super List<String>> type) throws IOException {
            JsonNode node = value(decoder);
            if (!node.isArray()) {
                throw wrongType(type, "a list of strings", node);
            }
            List<String> items = new ArrayList<>(node.size());
            for (JsonNode item : node.values()) {
                if (!item.isString()) {
                    throw new Refusal(type, "must be a list of strings; an item is " + kind(item));
                }
                String problem = textProblem(item.getStringValue(), false);
                if (problem != null) {
                    throw new Refusal(type, "has an item that " + problem);
                }
                items.add(item.getStringValue());
            }
            return items;
        }

        @Override
        public List<String> deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super List<String>> type)
                throws IOException {
            return decoder.decodeNull() ? null : deserialize(decoder, context, type);
        }
    }

    private static BigInteger integral(Argument<?> type, JsonNode node) throws IOException {
        if (!node.isNumber()) {
            throw wrongType(type, "a whole number", node);
        }
        Number number = node.getNumberValue();
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
            return BigInteger.valueOf(number.longValue());
        }
        if (number instanceof BigInteger big) {
            return big;
        }
        BigDecimal decimal = node.getBigDecimalValue();
        if (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
            throw new Refusal(type, "must be a whole number, not " + decimal.toPlainString());
        }
        return decimal.toBigIntegerExact();
    }

    private static Refusal outOfRange(Argument<?> type) {
        return new Refusal(type, "is out of range");
    }

    /** Integers are JSON numbers without a fraction, within range; never strings. */
    @Singleton
    @Primary
    public static final class Integers implements Deserializer<Integer> {
        @Override
        public Integer deserialize(Decoder decoder, DecoderContext context, Argument<? super Integer> type) throws IOException {
            BigInteger value = integral(type, value(decoder));
            if (value.bitLength() > 31) {
                throw outOfRange(type);
            }
            return value.intValue();
        }

        @Override
        public Integer deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Integer> type) throws IOException {
            return decoder.decodeNull() ? null : deserialize(decoder, context, type);
        }
    }

    /** Long integers as {@link Integers}. */
    @Singleton
    @Primary
    public static final class Longs implements Deserializer<Long> {
        @Override
        public Long deserialize(Decoder decoder, DecoderContext context, Argument<? super Long> type) throws IOException {
            BigInteger value = integral(type, value(decoder));
            if (value.bitLength() > 63) {
                throw outOfRange(type);
            }
            return value.longValue();
        }

        @Override
        public Long deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Long> type) throws IOException {
            return decoder.decodeNull() ? null : deserialize(decoder, context, type);
        }
    }

    /** Amounts and quantities are JSON numbers; never strings. */
    @Singleton
    @Primary
    public static final class Decimals implements Deserializer<BigDecimal> {
        @Override
        public BigDecimal deserialize(Decoder decoder, DecoderContext context, Argument<? super BigDecimal> type) throws IOException {
            JsonNode node = value(decoder);
            if (!node.isNumber()) {
                throw wrongType(type, "a number", node);
            }
            Number number = node.getNumberValue();
            if (number instanceof Double d && (d.isInfinite() || d.isNaN())) {
                throw outOfRange(type);
            }
            return node.getBigDecimalValue();
        }

        @Override
        public BigDecimal deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super BigDecimal> type) throws IOException {
            return decoder.decodeNull() ? null : deserialize(decoder, context, type);
        }
    }

    /** Booleans are JSON true or false; never "true" or 1. */
    @Singleton
    @Primary
    public static final class Booleans implements Deserializer<Boolean> {
        @Override
        public Boolean deserialize(Decoder decoder, DecoderContext context, Argument<? super Boolean> type) throws IOException {
            JsonNode node = value(decoder);
            if (!node.isBoolean()) {
                throw wrongType(type, "true or false", node);
            }
            return node.getBooleanValue();
        }

        @Override
        public Boolean deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Boolean> type) throws IOException {
            return decoder.decodeNull() ? null : deserialize(decoder, context, type);
        }
    }

    /** Dates are ISO 8601 calendar dates (2026-12-07) from 1900 to 2100. */
    @Singleton
    @Primary
    public static final class Dates implements Deserializer<LocalDate> {
        @Override
        public LocalDate deserialize(Decoder decoder, DecoderContext context, Argument<? super LocalDate> type) throws IOException {
            JsonNode node = value(decoder);
            if (!node.isString()) {
                throw wrongType(type, "a date such as 2026-12-07", node);
            }
            LocalDate date;
            try {
                date = LocalDate.parse(node.getStringValue());
            } catch (DateTimeParseException e) {
                throw new Refusal(type, "must be a date such as 2026-12-07");
            }
            return inRange(type, date);
        }

        @Override
        public LocalDate deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super LocalDate> type) throws IOException {
            return decoder.decodeNull() ? null : deserialize(decoder, context, type);
        }
    }

    /** Session starts: a practice-local date and time, or one with a UTC offset, in the years dates may have. */
    @Singleton
    public static final class StartTimes implements Deserializer<StartTime> {
        private static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile(StartTime.PATTERN);

        @Override
        public StartTime deserialize(Decoder decoder, DecoderContext context, Argument<? super StartTime> type) throws IOException {
            JsonNode node = value(decoder);
            if (!node.isString()) {
                throw wrongType(type, "a date and time such as 2026-12-07T09:00", node);
            }
            String text = node.getStringValue();
            StartTime start;
            try {
                if (!FORM.matcher(text).matches()) {
                    throw new DateTimeParseException("unexpected form", text, 0);
                }
                TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
                start = new StartTime(LocalDateTime.from(parsed),
                        parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : null);
            } catch (DateTimeException e) {
                throw new Refusal(type, "must be a date and time such as 2026-12-07T09:00 (practice time) or 2026-12-07T14:00:00Z");
            }
            inRange(type, start.local().toLocalDate());
            return start;
        }
    }

    static LocalDate inRange(Argument<?> type, LocalDate date) throws IOException {
        if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
            throw new Refusal(type, "must fall between " + FIRST_YEAR + " and " + LAST_YEAR);
        }
        return date;
    }
}
