package org.therapyops.metering;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Quantities of usage items (exact decimals; items never used are absent). */
public record Usage(Map<UsageItem, BigDecimal> quantities) {

    public static final Usage NONE = new Usage(Map.of());

    public Usage {
        EnumMap<UsageItem, BigDecimal> copy = new EnumMap<>(UsageItem.class);
        quantities.forEach((item, q) -> {
            if (q != null && q.signum() != 0) {
                copy.put(item, q);
            }
        });
        quantities = Collections.unmodifiableMap(copy);
    }

    public static Usage of(UsageItem item, BigDecimal quantity) {
        return new Usage(Map.of(item, quantity));
    }

    public BigDecimal get(UsageItem item) {
        return quantities.getOrDefault(item, BigDecimal.ZERO);
    }

    public boolean isEmpty() {
        return quantities.isEmpty();
    }

    public Usage plus(Usage other) {
        EnumMap<UsageItem, BigDecimal> sum = new EnumMap<>(UsageItem.class);
        sum.putAll(quantities);
        other.quantities.forEach((item, q) -> sum.merge(item, q, BigDecimal::add));
        return new Usage(sum);
    }

    public Usage plus(UsageItem item, BigDecimal quantity) {
        return plus(of(item, quantity));
    }

    /** Each quantity × n ÷ of (to 16 significant digits, enough for fractions of a request). */
    public Usage share(long n, long of) {
        EnumMap<UsageItem, BigDecimal> scaled = new EnumMap<>(UsageItem.class);
        quantities.forEach((item, q) -> scaled.put(item, q.multiply(BigDecimal.valueOf(n))
                .divide(BigDecimal.valueOf(of), MathContext.DECIMAL64).stripTrailingZeros()));
        return new Usage(scaled);
    }
}
