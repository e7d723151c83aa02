package org.therapyops.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Retries and dead letters of scheduled invocations, with a fake function and queue. */
class ScheduledTriggerTest {

    record Sent(String queueUrl, String body, Map<String, MessageAttributeValue> attributes) {
        String attribute(String name) {
            return attributes.get(name).stringValue();
        }
    }

    static final String SCHEDULE_ARN = "arn:aws:scheduler:us-east-1:123456789012:schedule/default/FnNightly";

    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    final ExecutorService workers = Executors.newCachedThreadPool();
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    final AtomicInteger calls = new AtomicInteger();

    @AfterEach
    void stop() {
        timers.shutdownNow();
        workers.shutdownNow();
    }

    ScheduledTrigger trigger(String type, String input, int maxRetries, String deadLetterQueue, ScheduledTrigger.AsyncSettings async,
                             IntFunction<InvocationResult> results) {
        ScheduledTrigger.Target target = new ScheduledTrigger.Target() {
            @Override
            public String logicalId() {
                return "Fn";
            }

            @Override
            public String arn() {
                return "arn:aws:lambda:us-east-1:123456789012:function:stack-Fn";
            }

            @Override
            public InvocationResult invoke(byte[] event) {
                events.add(new String(event, StandardCharsets.UTF_8));
                return results.apply(calls.incrementAndGet());
            }
        };
        ScheduledTrigger.Settings settings = new ScheduledTrigger.Settings(type,
                ScheduleExpression.parse("rate(1 hour)", ZoneOffset.UTC, Instant.now()), input, true,
                type.equals("ScheduleV2") ? SCHEDULE_ARN : "arn:aws:events:us-east-1:123456789012:rule/stack-FnNightly",
                maxRetries, 86400, deadLetterQueue, null, null);
        return new ScheduledTrigger(target, (url, body, attrs) -> sent.add(new Sent(url, body, attrs)), "Nightly", settings, async,
                new PrintStream(log, true, StandardCharsets.UTF_8), timers, workers, Duration.ofMillis(5));
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }

    String console() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void undeliveredEventsFollowTheSchedulesRetryPolicyThenItsDeadLetterConfig() throws Exception {
        ScheduledTrigger t = trigger("ScheduleV2", null, 2, "dlq", ScheduledTrigger.AsyncSettings.DEFAULT,
                n -> InvocationResult.error("none", "Runtime.Unavailable", "Fn is not ready"));
        assertThat(t.runNow().success()).isFalse();
        await(() -> console().contains("sent to the dead-letter queue"));
        assertThat(calls.get()).isEqualTo(3); // the attempt and 2 retries
        Sent dead = sent.get(0);
        assertThat(dead.queueUrl()).isEqualTo("dlq");
        assertThat(dead.attribute("ERROR_CODE")).isEqualTo("Runtime.Unavailable");
        assertThat(dead.attribute("EXHAUSTED_RETRY_CONDITION")).isEqualTo("MaximumRetryAttemptsExhausted");
        assertThat(dead.attribute("RETRY_ATTEMPTS")).isEqualTo("2");
        assertThat(dead.attribute("SCHEDULE_ARN")).isEqualTo(SCHEDULE_ARN);
        assertThat(dead.attribute("TARGET_ARN")).endsWith(":function:stack-Fn");
        assertThat(Json.MAPPER.readTree(dead.body()).path("source").asText()).isEqualTo("aws.scheduler");
        assertThat(console()).contains("retry 1 of 2", "retry 2 of 2", "sent to the dead-letter queue");
        assertThat(t.status().sentToDeadLetter()).isEqualTo(1);
        assertThat(t.status().failures()).isEqualTo(3);
        // One event: the same id on every attempt.
        assertThat(events.stream().map(e -> read(e).path("id").asText()).distinct()).hasSize(1);
    }

    @Test
    void functionErrorsAreRetriedAsLambdaInvokesAsynchronouslyThenGoToItsDestinations() throws Exception {
        ScheduledTrigger t = trigger("Schedule", "{\"task\":\"scan\"}", 185, "schedule-dlq",
                new ScheduledTrigger.AsyncSettings(1, 21600, "function-dlq", "on-failure"),
                n -> InvocationResult.error("req-" + n, "Unhandled", "boom " + n));
        t.runNow();
        await(() -> console().contains("sent to the function's dead-letter queue"));
        assertThat(calls.get()).isEqualTo(2); // EventInvokeConfig.MaximumRetryAttempts: 1
        assertThat(sent).extracting(Sent::queueUrl).containsExactly("function-dlq", "on-failure"); // not the schedule's DLQ
        Sent dlq = sent.get(0);
        assertThat(dlq.body()).isEqualTo("{\"task\":\"scan\"}");
        assertThat(dlq.attribute("RequestID")).isEqualTo("req-2");
        assertThat(dlq.attribute("ErrorMessage")).isEqualTo("boom 2");
        JsonNode record = read(sent.get(1).body());
        assertThat(record.path("version").asText()).isEqualTo("1.0");
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(record.path("requestPayload").path("task").asText()).isEqualTo("scan");
        assertThat(record.path("responseContext").path("functionError").asText()).isEqualTo("Unhandled");
    }

    @Test
    void aRetryThatSucceedsEndsThere() throws Exception {
        ScheduledTrigger t = trigger("Schedule", null, 185, null, ScheduledTrigger.AsyncSettings.DEFAULT,
                n -> n == 1 ? InvocationResult.error("r1", "Unhandled", "once") : InvocationResult.ok("r2", "{}".getBytes()));
        t.runNow();
        await(() -> console().contains("succeeded on attempt 2"));
        assertThat(calls.get()).isEqualTo(2);
        assertThat(sent).isEmpty();
    }

    @Test
    void withoutDestinationsAFailedEventIsDroppedWithOneLine() throws Exception {
        ScheduledTrigger t = trigger("Schedule", null, 185, null, new ScheduledTrigger.AsyncSettings(0, 21600, null, null),
                n -> InvocationResult.error("r", "Sandbox.Timedout", "Task timed out"));
        t.runNow();
        await(() -> console().contains("dropped"));
        assertThat(calls.get()).isEqualTo(1);
        assertThat(console().lines()).hasSize(1);
    }

    @Test
    void schedulerContextAttributesAreFilledInAndNoEventContentIsLogged() throws Exception {
        String input = "{\"patient\":\"J.D.\",\"at\":\"<aws.scheduler.scheduled-time>\",\"n\":<aws.scheduler.attempt-number>,"
                + "\"arn\":\"<aws.scheduler.schedule-arn>\",\"id\":\"<aws.scheduler.execution-id>\"}";
        ScheduledTrigger t = trigger("ScheduleV2", input, 185, null, new ScheduledTrigger.AsyncSettings(1, 21600, null, null),
                n -> InvocationResult.error("r", "Unhandled", "failed"));
        t.runNow();
        await(() -> calls.get() == 2 && console().contains("dropped"));
        JsonNode first = read(events.get(0));
        JsonNode second = read(events.get(1));
        assertThat(first.path("at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(first.path("arn").asText()).isEqualTo(SCHEDULE_ARN);
        assertThat(first.path("n").asInt()).isEqualTo(1);
        assertThat(second.path("n").asInt()).isEqualTo(2);
        assertThat(second.path("id").asText()).isEqualTo(first.path("id").asText());
        assertThat(console()).doesNotContain("J.D.").doesNotContain("patient");
    }

    @Test
    void theRuleEventHasAnObjectDetailAndTheSchedulerEventAStringOne() throws Exception {
        Instant time = Instant.parse("2026-11-27T06:00:00Z");
        JsonNode rule = Json.MAPPER.readTree(trigger("Schedule", null, 185, null, ScheduledTrigger.AsyncSettings.DEFAULT,
                n -> null).event("id-1", time, 1));
        assertThat(rule.toString()).isEqualTo("{\"version\":\"0\",\"id\":\"id-1\",\"detail-type\":\"Scheduled Event\","
                + "\"source\":\"aws.events\",\"account\":\"123456789012\",\"time\":\"2026-11-27T06:00:00Z\",\"region\":\"us-east-1\","
                + "\"resources\":[\"arn:aws:events:us-east-1:123456789012:rule/stack-FnNightly\"],\"detail\":{}}");
        JsonNode scheduler = Json.MAPPER.readTree(trigger("ScheduleV2", null, 185, null, ScheduledTrigger.AsyncSettings.DEFAULT,
                n -> null).event("id-2", time, 1));
        assertThat(scheduler.path("source").asText()).isEqualTo("aws.scheduler");
        assertThat(scheduler.path("detail").isTextual()).isTrue();
        assertThat(scheduler.path("resources").get(0).asText()).isEqualTo(SCHEDULE_ARN);
    }

    static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }
}
