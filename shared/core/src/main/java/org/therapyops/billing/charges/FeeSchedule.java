package org.therapyops.billing.charges;

import java.io.Reader;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A practice's fees: the amount for one unit of a code, optionally specific to a modifier (e.g. a lower fee
 * for 97110 with CQ). The most specific entry wins.
 */
public final class FeeSchedule {

    /** The sample fee schedule shipped on the classpath. */
    public static final String SAMPLE_RESOURCE = "/billing/charges/sample-fee-schedule.csv";

    private final Map<String, BigDecimal> fees;

    private FeeSchedule(Map<String, BigDecimal> fees) {
        this.fees = Map.copyOf(fees);
    }

    /** Fees keyed by {@code code} or {@code code:modifier}. */
    public static FeeSchedule of(Map<String, BigDecimal> fees) {
        fees.forEach((key, amount) -> {
            if (amount.signum() <= 0) {
                throw new IllegalArgumentException("fee for " + key + " must be above zero, is " + amount);
            }
        });
        return new FeeSchedule(fees);
    }

    /** No fees at all: every line is captured at 0.00 and held by the scrubber until the practice sets its fees. */
    public static FeeSchedule empty() {
        return new FeeSchedule(Map.of());
    }

    /** The fees keyed by {@code code} or {@code code:modifier}. */
    public Map<String, BigDecimal> entries() {
        return fees;
    }

    /** The sample schedule. */
    public static FeeSchedule loadSample() {
        return parse(Csv.resource(SAMPLE_RESOURCE));
    }

    /** A schedule in the CSV format: code,modifier,amount (modifier may be empty). */
    public static FeeSchedule parse(Reader csv) {
        Map<String, BigDecimal> fees = new LinkedHashMap<>();
        for (Csv.Row row : Csv.read(csv, List.of("code", "modifier", "amount"))) {
            String key = key(row.get("code"), row.get("modifier"));
            BigDecimal amount;
            try {
                amount = new BigDecimal(row.get("amount"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fee schedule line " + row.line() + ": not an amount", e);
            }
            if (fees.put(key, amount) != null) {
                throw new IllegalArgumentException("fee schedule line " + row.line() + ": " + key + " listed twice");
            }
        }
        return of(fees);
    }

    /** The fee for one unit: the first of the line's modifiers with its own entry, else the code's fee. */
    public Optional<BigDecimal> feeFor(String code, List<String> modifiers) {
        for (String modifier : modifiers) {
            BigDecimal fee = fees.get(key(code, modifier));
            if (fee != null) {
                return Optional.of(fee);
            }
        }
        return Optional.ofNullable(fees.get(code));
    }

    /** One fee: the amount for one unit of a code, for one modifier or (modifier null) for any. */
    public record Fee(String code, String modifier, BigDecimal amount) {
    }

    /** The fees, by code then modifier (the code's own fee first). */
    public List<Fee> fees() {
        return fees.entrySet().stream().map(e -> {
            String[] key = e.getKey().split(":", 2);
            return new Fee(key[0], key.length > 1 ? key[1] : null, e.getValue());
        }).sorted(Comparator.comparing(Fee::code).thenComparing(f -> f.modifier() == null ? "" : f.modifier())).toList();
    }

    /** The codes with a fee (with or without a modifier). */
    public Set<String> codes() {
        return fees().stream().map(Fee::code).collect(Collectors.toUnmodifiableSet());
    }

    /** The key of a fee in {@link #of(Map)} and {@link #entries()}: {@code code}, or {@code code:modifier}. */
    public static String key(String code, String modifier) {
        return modifier == null || modifier.isEmpty() ? code : code + ":" + modifier;
    }
}
