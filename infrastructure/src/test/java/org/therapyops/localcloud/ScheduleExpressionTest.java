package org.therapyops.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleExpressionTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static Instant next(String expression, String zone, String after) {
        return ScheduleExpression.parse(expression, ZoneId.of(zone), Instant.EPOCH).next(Instant.parse(after)).orElseThrow();
    }

    @Test
    void rateRunsEveryPeriodFromCreation() {
        Instant created = Instant.parse("2026-11-27T10:03:00Z");
        ScheduleExpression every5 = ScheduleExpression.forRule("rate(5 minutes)", created);
        assertThat(every5.next(created)).contains(Instant.parse("2026-11-27T10:08:00Z"));
        assertThat(every5.next(Instant.parse("2026-11-27T10:08:00Z"))).contains(Instant.parse("2026-11-27T10:13:00Z"));
        assertThat(every5.next(Instant.parse("2026-11-27T10:20:30Z"))).contains(Instant.parse("2026-11-27T10:23:00Z"));
        assertThat(ScheduleExpression.forRule("rate(1 day)", created).next(created)).contains(Instant.parse("2026-11-28T10:03:00Z"));
        assertThat(ScheduleExpression.forRule("rate(2 hours)", created).next(created)).contains(Instant.parse("2026-11-27T12:03:00Z"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // expression | zone | after | next
            "cron(0/15 * * * ? *)       | UTC | 2026-11-27T10:07:30Z | 2026-11-27T10:15:00Z",
            "cron(*/5 * * * ? *)        | UTC | 2026-11-27T10:55:00Z | 2026-11-27T11:00:00Z",
            "cron(10-50/20 * * * ? *)   | UTC | 2026-11-27T10:31:00Z | 2026-11-27T10:50:00Z",
            "cron(0 12 ? * MON-FRI *)   | UTC | 2026-11-27T12:00:00Z | 2026-11-30T12:00:00Z", // Friday noon -> Monday
            "cron(0 12 ? * 2-6 *)       | UTC | 2026-11-28T08:00:00Z | 2026-11-30T12:00:00Z", // 1 = SUN, so 2-6 = MON-FRI
            "cron(0 8 ? * SUN,SAT *)    | UTC | 2026-11-27T09:00:00Z | 2026-11-28T08:00:00Z",
            "cron(0 0 1,15 * ? *)       | UTC | 2026-11-27T00:00:00Z | 2026-12-01T00:00:00Z",
            "cron(0 9 ? * 2#1 *)        | UTC | 2026-11-27T00:00:00Z | 2026-12-07T09:00:00Z", // first Monday of December
            "cron(0 9 ? * 6L *)         | UTC | 2026-11-01T00:00:00Z | 2026-11-27T09:00:00Z", // last Friday of November
            "cron(0 9 ? * L *)          | UTC | 2026-11-27T10:00:00Z | 2026-11-28T09:00:00Z", // L alone = Saturday
            "cron(0 0 L * ? *)          | UTC | 2028-02-02T00:00:00Z | 2028-02-29T00:00:00Z", // leap year
            "cron(0 0 L 2 ? *)          | UTC | 2026-03-01T00:00:00Z | 2027-02-28T00:00:00Z",
            "cron(0 0 15W * ? *)        | UTC | 2026-08-01T00:00:00Z | 2026-08-14T00:00:00Z", // 15th a Saturday -> Friday
            "cron(0 0 15W * ? *)        | UTC | 2026-02-01T00:00:00Z | 2026-02-16T00:00:00Z", // 15th a Sunday -> Monday
            "cron(0 0 1W * ? *)         | UTC | 2026-07-31T00:00:00Z | 2026-08-03T00:00:00Z", // never crosses into July
            "cron(0 0 LW * ? *)         | UTC | 2026-05-01T00:00:00Z | 2026-05-29T00:00:00Z",
            "cron(0 0 1 JAN ? 2027-2028) | UTC | 2026-06-01T00:00:00Z | 2027-01-01T00:00:00Z",
            "cron(0 9 * * ? *)          | Europe/Berlin | 2026-01-10T10:00:00Z | 2026-01-11T08:00:00Z", // CET
            "cron(0 9 * * ? *)          | Europe/Berlin | 2026-07-10T10:00:00Z | 2026-07-11T07:00:00Z", // CEST
            "cron(30 7 ? * MON-FRI *)   | America/New_York | 2026-11-27T13:00:00Z | 2026-11-30T12:30:00Z",
            "cron(0 0 * * ? *)          | Asia/Kolkata | 2026-11-27T00:00:00Z | 2026-11-27T18:30:00Z",
    })
    void cronNextRun(String expression, String zone, String after, String expected) {
        assertThat(next(expression, zone, after)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void springForwardSkipsTheMissingLocalTime() {
        // 2026-03-08 02:30 does not exist in New York: that day's run is skipped.
        assertThat(next("cron(30 2 * * ? *)", "America/New_York", "2026-03-07T12:00:00Z"))
                .isEqualTo(Instant.parse("2026-03-09T06:30:00Z")); // 02:30 EDT on the 9th
        // Runs on either side of the gap keep their local times.
        assertThat(next("cron(0 * * * ? *)", "America/New_York", "2026-03-08T06:30:00Z")) // 01:30 EST
                .isEqualTo(Instant.parse("2026-03-08T07:00:00Z")); // 03:00 EDT (02:00 never happens)
    }

    @Test
    void fallBackRunsTheRepeatedLocalTimeOnce() {
        // 2026-11-01 01:30 happens twice in New York; the schedule runs at the first (EDT) only.
        ScheduleExpression daily = ScheduleExpression.parse("cron(30 1 * * ? *)", NEW_YORK, Instant.EPOCH);
        Instant first = daily.next(Instant.parse("2026-11-01T05:00:00Z")).orElseThrow();
        assertThat(first).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
        assertThat(daily.next(first)).contains(Instant.parse("2026-11-02T06:30:00Z"));
        // Every 15 minutes: 01:45 EDT is followed by 02:00 EST, the repeated hour is not run again.
        assertThat(next("cron(0/15 * * * ? *)", "America/New_York", "2026-11-01T05:45:00Z"))
                .isEqualTo(Instant.parse("2026-11-01T07:00:00Z"));
    }

    @Test
    void atRunsOnceInItsZone() {
        ScheduleExpression at = ScheduleExpression.parse("at(2026-12-01T09:00:00)", ZoneId.of("Asia/Tokyo"), Instant.EPOCH);
        assertThat(at.next(Instant.parse("2026-11-27T00:00:00Z"))).contains(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(at.next(Instant.parse("2026-12-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void aYearInThePastNeverRuns() {
        assertThat(ScheduleExpression.parse("cron(0 0 1 1 ? 2027)", ZoneOffset.UTC, Instant.EPOCH)
                .next(Instant.parse("2030-01-01T00:00:00Z"))).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "cron(0 12 * * ?)",            // 5 fields
            "cron(0 12 * * * *)",          // neither day field is ?
            "cron(0 12 ? * ? *)",          // both are
            "cron(0 12 1 * MON *)",        // both given
            "cron(60 12 * * ? *)",         // minute out of range
            "cron(0 24 * * ? *)",          // hour out of range
            "cron(0 0 ? * 8 *)",           // day-of-week is 1-7
            "cron(0 0 ? * FRI-MON *)",     // wrap-around range
            "cron(0 0 L-3 * ? *)",         // offset from last day: not supported
            "cron(0 0 ? * 2#6 *)",         // no sixth Monday
            "cron(0 0 * * ? 1969)",        // year out of range
            "cron(*/0 * * * ? *)",         // zero increment
            "cron(0 0 ? JANUARY * *)",     // not a month name
            "rate(1 minutes)",             // plural for 1
            "rate(5 minute)",              // singular for 5
            "rate(0 minutes)",
            "rate(30 seconds)",
            "every 5 minutes",
            "at(2026-12-01T09:00)",        // seconds are required
            "at(2026-13-01T09:00:00)",
            "",
    })
    void unsupportedOrInvalidExpressionsAreRejectedClearly(String expression) {
        assertThatThrownBy(() -> ScheduleExpression.parse(expression, ZoneOffset.UTC, Instant.EPOCH))
                .isInstanceOf(TemplateException.class).hasMessageContaining("schedule");
    }

    @Test
    void rulesTakeNoAtAndZonesMustExist() {
        assertThatThrownBy(() -> ScheduleExpression.forRule("at(2026-12-01T09:00:00)", Instant.EPOCH))
                .isInstanceOf(TemplateException.class).hasMessageContaining("ScheduleV2");
        assertThatThrownBy(() -> ScheduleExpression.zone("Mars/Olympus_Mons"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("IANA");
        assertThat(ScheduleExpression.zone(null)).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void templateSettingsAreValidated() {
        java.util.function.Function<String, String> noQueue = arn -> "url:" + arn;
        assertThatThrownBy(() -> FunctionSettings.schedule("Schedule", "F", "E", java.util.Map.of("Schedule", "rate(5 minutes)",
                "Input", "{not json"), "s", Instant.EPOCH, noQueue, noQueue))
                .isInstanceOf(TemplateException.class).hasMessageContaining("F.Events.E.Input");
        assertThatThrownBy(() -> FunctionSettings.schedule("ScheduleV2", "F", "E", java.util.Map.of("ScheduleExpression",
                "cron(0 0 * * ? *)", "ScheduleExpressionTimezone", "Nowhere/Town"), "s", Instant.EPOCH, noQueue, noQueue))
                .isInstanceOf(TemplateException.class).hasMessageContaining("F.Events.E");
        assertThatThrownBy(() -> FunctionSettings.schedule("ScheduleV2", "F", "E", java.util.Map.of("ScheduleExpression",
                "rate(1 hour)", "RetryPolicy", java.util.Map.of("MaximumRetryAttempts", 200)), "s", Instant.EPOCH, noQueue, noQueue))
                .isInstanceOf(TemplateException.class).hasMessageContaining("0-185");
        ScheduledTrigger.Settings s = FunctionSettings.schedule("ScheduleV2", "F", "E", java.util.Map.of("ScheduleExpression",
                "rate(1 hour)", "DeadLetterConfig", java.util.Map.of("Type", "SQS"), "State", "DISABLED"), "stack", Instant.EPOCH,
                noQueue, name -> "created:" + name);
        assertThat(s.deadLetterQueueUrl()).isEqualTo("created:stack-FEQueue");
        assertThat(s.enabled()).isFalse();
        assertThat(s.maximumRetryAttempts()).isEqualTo(185);
        assertThat(s.resourceArn()).isEqualTo("arn:aws:scheduler:us-east-1:123456789012:schedule/default/FE");
    }
}
