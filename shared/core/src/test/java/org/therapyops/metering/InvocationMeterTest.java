package org.therapyops.metering;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InvocationMeterTest {

    @Test
    void eachPracticeGetsItsOwnRequestsAndItsShareOfTheInvocationByItsRecords() {
        InvocationMeter meter = new InvocationMeter();
        meter.record(UsageItem.DYNAMODB_READ_UNITS, new BigDecimal("1")); // before any record: shared by the records
        meter.practice("p1");
        meter.record(UsageItem.DYNAMODB_WRITE_UNITS, new BigDecimal("4"));
        meter.practice("p1");
        meter.record(UsageItem.DYNAMODB_WRITE_UNITS, new BigDecimal("2"));
        meter.practice("p2");
        meter.record(UsageItem.SQS_REQUESTS, BigDecimal.ONE);
        meter.noPractice();
        meter.record(UsageItem.DYNAMODB_READ_UNITS, new BigDecimal("2"));

        Map<String, Usage> split = meter.split(300, 1024); // 0.3 GB-s
        assertThat(split).containsOnlyKeys("p1", "p2");
        Usage p1 = split.get("p1");
        Usage p2 = split.get("p2");
        assertThat(p1.get(UsageItem.DYNAMODB_WRITE_UNITS)).isEqualByComparingTo("6");
        assertThat(p2.get(UsageItem.SQS_REQUESTS)).isEqualByComparingTo("1");
        // two records of three: two thirds of the invocation and of the 3 unassigned read units
        assertThat(p1.get(UsageItem.LAMBDA_REQUESTS)).isEqualByComparingTo("0.6666666666666667");
        assertThat(p1.get(UsageItem.DYNAMODB_READ_UNITS)).isEqualByComparingTo("2");
        assertThat(p2.get(UsageItem.DYNAMODB_READ_UNITS)).isEqualByComparingTo("1");
        assertThat(p1.get(UsageItem.LAMBDA_GB_SECONDS).add(p2.get(UsageItem.LAMBDA_GB_SECONDS)))
                .isEqualByComparingTo("0.3");
        assertThat(p1.get(UsageItem.LAMBDA_REQUESTS).add(p2.get(UsageItem.LAMBDA_REQUESTS))).isEqualByComparingTo("1");
    }

    @Test
    void anInvocationThatServedNoPracticeIsShared() {
        InvocationMeter meter = new InvocationMeter();
        meter.record(UsageItem.DYNAMODB_READ_UNITS, new BigDecimal("0.5"));
        Map<String, Usage> split = meter.split(1, 512);
        assertThat(split).containsOnlyKeys(InvocationMeter.SHARED);
        assertThat(split.get(InvocationMeter.SHARED).quantities()).containsExactly(
                Map.entry(UsageItem.LAMBDA_REQUESTS, BigDecimal.ONE),
                Map.entry(UsageItem.LAMBDA_GB_SECONDS, new BigDecimal("0.0005")),
                Map.entry(UsageItem.DYNAMODB_READ_UNITS, new BigDecimal("0.5")));
    }

    @Test
    void gigabyteSecondsAreMillisecondsTimesMegabytesOver1024000() {
        assertThat(InvocationMeter.gbSeconds(1234, 1024)).isEqualByComparingTo("1.234");
        assertThat(InvocationMeter.gbSeconds(1, 128)).isEqualByComparingTo("0.000125");
        assertThat(InvocationMeter.gbSeconds(7, 1769)).isEqualByComparingTo("0.0120927734375");
    }
}
