package org.therapyops.metering;

import org.therapyops.billing.charges.Csv;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AWS list prices as data (resource {@value #RESOURCE}): per usage item the price of a number of units, the unit, the
 * day the price was checked and the pricing page it comes from; an architecture may have its own row
 * ({@code lambdaGbSeconds@arm64}).
 */
public record PriceTable(String region, Map<String, Price> prices) {

    static final String RESOURCE = "/metering/prices-us-east-1.csv";
    public static final String X86_64 = "x86_64";

    /** The price of {@code per} units of an item. */
    public record Price(String key, BigDecimal usd, BigDecimal per, String unit, LocalDate checked, String source) {

        /** quantity × usd ÷ per, exactly (per is a power of ten), so that costs add up to the cent and below. */
        public BigDecimal cost(BigDecimal quantity) {
            return quantity.multiply(usd).divide(per).stripTrailingZeros();
        }

        public BigDecimal unitPrice() {
            return usd.divide(per).stripTrailingZeros();
        }
    }

    public PriceTable {
        prices = Map.copyOf(prices);
    }

    /** The shipped us-east-1 table. */
    public static PriceTable load() {
        try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            List<Csv.Row> rows = Csv.read(new InputStreamReader(in, StandardCharsets.UTF_8),
                    List.of("item", "usd", "per", "unit", "checked", "source"));
            Map<String, Price> prices = new LinkedHashMap<>();
            for (Csv.Row r : rows) {
                String key = r.get("item");
                String item = key.contains("@") ? key.substring(0, key.indexOf('@')) : key;
                if (UsageItem.of(item).isEmpty()) {
                    throw new IllegalArgumentException(RESOURCE + " line " + r.line() + ": unknown usage item " + item);
                }
                BigDecimal per = new BigDecimal(r.get("per"));
                if (per.signum() <= 0 || per.stripTrailingZeros().unscaledValue().compareTo(java.math.BigInteger.ONE) != 0) {
                    throw new IllegalArgumentException(RESOURCE + " line " + r.line() + ": per must be a power of ten");
                }
                prices.put(key, new Price(key, new BigDecimal(r.get("usd")), per, r.get("unit"), LocalDate.parse(r.get("checked")),
                        r.get("source")));
            }
            return new PriceTable("us-east-1", prices);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The price of an item on an architecture: its own row, else the item's. */
    public Optional<Price> price(UsageItem item, String architecture) {
        Price own = architecture == null ? null : prices.get(item.id() + "@" + architecture);
        return Optional.ofNullable(own != null ? own : prices.get(item.id()));
    }

    public Optional<Price> price(UsageItem item) {
        return price(item, X86_64);
    }

    /** The day the most recently checked price was checked. */
    public LocalDate checked() {
        return prices.values().stream().map(Price::checked).max(Comparator.naturalOrder()).orElseThrow();
    }

    /** The pricing pages the table cites, in order. */
    public List<String> sources() {
        return prices.values().stream().map(Price::source).distinct().toList();
    }
}
