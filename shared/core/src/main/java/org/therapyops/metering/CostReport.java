package org.therapyops.metering;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a practice's usage of a month costs at list prices: per workflow step and per usage item, the quantity, the unit
 * price and the cost (quantity × price ÷ units priced); the totals; the item that costs most; and, when sessions were
 * completed in the month, the cost per session. An item without a price (refused DynamoDB writes) is counted, not priced.
 */
public record CostReport(YearMonth month, List<Step> steps, List<Line> items, BigDecimal total, UsageItem dominant,
                         BigDecimal sessions, BigDecimal costPerSession, PriceTable prices) {

    /** One usage item: how much, at which price (null when it has none), costing what (null likewise). */
    public record Line(UsageItem item, BigDecimal quantity, BigDecimal unitPrice, BigDecimal cost) {
    }

    /** One workflow step (a function, or a resource of the API): its lines and their cost. */
    public record Step(String step, List<Line> lines, BigDecimal cost) {
    }

    public static CostReport of(YearMonth month, Map<String, Usage> byStep, PriceTable prices, BigDecimal sessions) {
        List<Step> steps = new ArrayList<>();
        Usage all = Usage.NONE;
        for (Map.Entry<String, Usage> e : new java.util.TreeMap<>(byStep).entrySet()) {
            List<Line> lines = lines(e.getValue(), prices);
            steps.add(new Step(e.getKey(), lines, sum(lines)));
            all = all.plus(e.getValue());
        }
        List<Line> items = lines(all, prices);
        BigDecimal total = sum(items);
        UsageItem dominant = items.stream().filter(l -> l.cost() != null && l.cost().signum() > 0)
                .max(Comparator.comparing(Line::cost)).map(Line::item).orElse(null);
        BigDecimal perSession = sessions == null || sessions.signum() == 0 ? null
                : total.divide(sessions, MathContext.DECIMAL64).stripTrailingZeros();
        return new CostReport(month, steps, items, total, dominant, sessions, perSession, prices);
    }

    static List<Line> lines(Usage usage, PriceTable prices) {
        Map<UsageItem, BigDecimal> q = new EnumMap<>(UsageItem.class);
        q.putAll(usage.quantities());
        List<Line> lines = new ArrayList<>();
        q.forEach((item, quantity) -> {
            var price = prices.price(item);
            lines.add(new Line(item, quantity, price.map(PriceTable.Price::unitPrice).orElse(null),
                    price.map(p -> p.cost(quantity)).orElse(null)));
        });
        return lines;
    }

    private static BigDecimal sum(List<Line> lines) {
        return lines.stream().map(Line::cost).filter(java.util.Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
