package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.metering.CostReport;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What the deployment cost the practice in one month (UTC, as AWS bills): its metered usage priced at AWS list prices
 * of the region (USD, no free tiers), by item and by workflow step; the item that costs most; and the cost per session
 * completed in the month. Usage shared by every practice (cold starts, scans over all practices) is not in it. The
 * formulas and the price table's sources are in docs/reports.md.
 */
@Serdeable
public record CostView(String month, String region, String currency, LocalDate pricesChecked, List<String> priceSources,
                       BigDecimal total, @OrNull String dominantItem, BigDecimal sessions, @OrNull BigDecimal costPerSession,
                       List<ItemView> items, List<StepView> steps) {

    /** One usage item: its id and unit, how much was used, its list price per unit and cost (null: counted, not priced). */
    @Serdeable
    public record ItemView(String item, String unit, BigDecimal quantity, @OrNull BigDecimal unitPrice, @OrNull BigDecimal cost) {
    }

    /** One workflow step (a function, or one resource of the API: "api /appointments"), its usage and cost. */
    @Serdeable
    public record StepView(String step, BigDecimal cost, List<ItemView> items) {
    }

    public static CostView of(CostReport r) {
        return new CostView(r.month().toString(), r.prices().region(), "USD", r.prices().checked(), r.prices().sources(),
                plain(r.total()), r.dominant() == null ? null : r.dominant().id(), plain(r.sessions()),
                r.costPerSession() == null ? null : plain(r.costPerSession()), items(r.items()),
                r.steps().stream().map(s -> new StepView(s.step(), plain(s.cost()), items(s.lines()))).toList());
    }

    private static List<ItemView> items(List<CostReport.Line> lines) {
        return lines.stream().map(l -> new ItemView(l.item().id(), l.item().unit(), plain(l.quantity()),
                l.unitPrice() == null ? null : plain(l.unitPrice()), l.cost() == null ? null : plain(l.cost()))).toList();
    }

    /** No exponent in JSON (0.0000002, not 2E-7). */
    private static BigDecimal plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
