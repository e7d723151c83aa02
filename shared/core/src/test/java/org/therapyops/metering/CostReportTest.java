package org.therapyops.metering;

import org.junit.jupiter.api.Test;
import org.therapyops.metering.service.CostQueries;
import org.therapyops.reporting.InvalidReportQueryException;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CostReportTest {

    final PriceTable prices = PriceTable.load();

    @Test
    void thePriceTableIsDatedAndPricesEveryBilledItemFromANamedPage() {
        assertThat(prices.region()).isEqualTo("us-east-1");
        assertThat(prices.checked()).isEqualTo(java.time.LocalDate.of(2026, 12, 7));
        Arrays.stream(UsageItem.values()).filter(i -> i != UsageItem.DYNAMODB_REFUSED_WRITES).forEach(item ->
                assertThat(prices.price(item)).as(item.id()).hasValueSatisfying(p ->
                        assertThat(p.source()).startsWith("https://aws.amazon.com/")));
        assertThat(prices.price(UsageItem.DYNAMODB_REFUSED_WRITES)).isEmpty();
        assertThat(prices.price(UsageItem.LAMBDA_GB_SECONDS).orElseThrow().usd()).isEqualByComparingTo("0.0000166667");
        assertThat(prices.price(UsageItem.LAMBDA_GB_SECONDS, "arm64").orElseThrow().usd()).isEqualByComparingTo("0.0000133334");
        assertThat(prices.price(UsageItem.DYNAMODB_WRITE_UNITS).orElseThrow().unitPrice()).isEqualByComparingTo("0.000000625");
    }

    @Test
    void costIsQuantityTimesPriceByStepAndItemWithTheDominantItemAndTheCostPerSession() {
        Usage api = Usage.of(UsageItem.HTTP_API_REQUESTS, new BigDecimal("1000"))
                .plus(UsageItem.LAMBDA_REQUESTS, new BigDecimal("1000")).plus(UsageItem.LAMBDA_GB_SECONDS, new BigDecimal("100"));
        Usage capture = Usage.of(UsageItem.DYNAMODB_WRITE_UNITS, new BigDecimal("2000"))
                .plus(UsageItem.DYNAMODB_REFUSED_WRITES, new BigDecimal("3"));
        CostReport r = CostReport.of(YearMonth.of(2026, 12), Map.of("api /appointments", api, "charge-capture", capture), prices,
                new BigDecimal("10"));

        assertThat(r.steps()).extracting(CostReport.Step::step).containsExactly("api /appointments", "charge-capture");
        // 1000 × $1/M + 1000 × $0.20/M + 100 × $0.0000166667 = 0.001 + 0.0002 + 0.00166667
        assertThat(r.steps().get(0).cost()).isEqualByComparingTo("0.00286667");
        // 2000 × $0.625/M; the refused writes are counted, not priced
        assertThat(r.steps().get(1).cost()).isEqualByComparingTo("0.00125");
        assertThat(r.items()).filteredOn(l -> l.item() == UsageItem.DYNAMODB_REFUSED_WRITES).singleElement()
                .satisfies(l -> assertThat(l.cost()).isNull());
        assertThat(r.total()).isEqualByComparingTo("0.00411667");
        assertThat(r.dominant()).isEqualTo(UsageItem.LAMBDA_GB_SECONDS);
        assertThat(r.costPerSession()).isEqualByComparingTo("0.000411667");
        assertThat(CostReport.of(YearMonth.of(2026, 12), Map.of(), prices, BigDecimal.ZERO).costPerSession()).isNull();
    }

    @Test
    void aMonthIsYyyyMmFrom2020ToTheCurrentOne() {
        YearMonth now = YearMonth.of(2026, 12);
        assertThat(CostQueries.parse(null, now)).isEqualTo(now);
        assertThat(CostQueries.parse(" 2026-11 ", now)).isEqualTo(YearMonth.of(2026, 11));
        for (String bad : new String[] {"2026-13", "2026-1", "26-01", "2026/11", "december", "2027-01", "2019-12"}) {
            assertThatThrownBy(() -> CostQueries.parse(bad, now)).as(bad).isInstanceOf(InvalidReportQueryException.class)
                    .extracting(e -> ((InvalidReportQueryException) e).field()).isEqualTo("month");
        }
    }
}
