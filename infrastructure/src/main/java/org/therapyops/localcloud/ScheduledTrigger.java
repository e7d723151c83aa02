package org.therapyops.localcloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * One {@code Schedule} (EventBridge rule) or {@code ScheduleV2} (EventBridge Scheduler) event of a function: fires on
 * its expression, invokes the function asynchronously as AWS does, and handles failures as AWS does.
 *
 * <p>Two kinds of failure, as on AWS. The event could not be delivered (the function is unavailable): the
 * schedule's {@code RetryPolicy} applies (default 185 retries within 24 h), then its {@code DeadLetterConfig} queue.
 * The function ran and failed (error, timeout, crash): Lambda's asynchronous invocation retries, as the function's
 * {@code EventInvokeConfig.MaximumRetryAttempts} says (default 2), then the function's {@code DeadLetterQueue} and
 * {@code EventInvokeConfig.DestinationConfig.OnFailure} queues. Retry n waits retryDelay * 2^(n-1) (AWS: 1 min, 2 min).
 */
public final class ScheduledTrigger implements AutoCloseable {

    /** The schedule's own settings, from the event's Properties. */
    public record Settings(String type, ScheduleExpression expression, String input, boolean enabled, String resourceArn,
                           int maximumRetryAttempts, int maximumEventAgeSeconds, String deadLetterQueueUrl,
                           Instant startDate, Instant endDate) {
    }

    /** The function's asynchronous invocation settings (EventInvokeConfig, DeadLetterQueue). */
    public record AsyncSettings(int maximumRetryAttempts, int maximumEventAgeSeconds, String deadLetterQueueUrl,
                                String onFailureQueueUrl) {
        public static final AsyncSettings DEFAULT = new AsyncSettings(2, 21600, null, null);
    }

    static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** What a trigger invokes: the function (tests give a fake). */
    interface Target {
        String logicalId();

        String arn();

        InvocationResult invoke(byte[] event);
    }

    /** Sends a dead letter (tests give a fake). */
    interface QueueSender {
        void send(String queueUrl, String body, Map<String, MessageAttributeValue> attributes);
    }

    private final Target function;
    private final QueueSender sender;
    private final String eventName;
    private final Settings settings;
    private final AsyncSettings async;
    private final PrintStream console;
    private final ScheduledExecutorService timers;
    private final ExecutorService workers;
    private final Duration retryDelay;
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong sentToDeadLetter = new AtomicLong();
    private volatile Instant nextRun;
    private volatile ScheduledFuture<?> timer;
    private volatile boolean running = true;

    public ScheduledTrigger(LambdaFunction function, String eventName, Settings settings, AsyncSettings async, AwsClients aws,
                            PrintStream console, ScheduledExecutorService timers, ExecutorService workers, Duration retryDelay) {
        this(new Target() {
            @Override
            public String logicalId() {
                return function.config().logicalId();
            }

            @Override
            public String arn() {
                return function.arn();
            }

            @Override
            public InvocationResult invoke(byte[] event) {
                return function.invoke(event);
            }
        }, (url, body, attrs) -> aws.sqs().sendMessage(b -> b.queueUrl(url).messageBody(body).messageAttributes(attrs)),
                eventName, settings, async, console, timers, workers, retryDelay);
    }

    ScheduledTrigger(Target function, QueueSender sender, String eventName, Settings settings, AsyncSettings async,
                     PrintStream console, ScheduledExecutorService timers, ExecutorService workers, Duration retryDelay) {
        this.function = function;
        this.sender = sender;
        this.eventName = eventName;
        this.settings = settings;
        this.async = async;
        this.console = console;
        this.timers = timers;
        this.workers = workers;
        this.retryDelay = retryDelay;
    }

    public String functionLogicalId() {
        return function.logicalId();
    }

    public String eventName() {
        return eventName;
    }

    public Settings settings() {
        return settings;
    }

    private String label() {
        return "[local-cloud] " + function.logicalId() + " schedule " + eventName;
    }

    /** Arms the timer and prints the next run. */
    public void start() {
        Instant now = Instant.now();
        arm(now);
        String when;
        if (!settings.enabled()) {
            when = "none (disabled)";
        } else if (nextRun == null) {
            when = "none";
        } else {
            when = EVENT_TIME.format(nextRun);
            if (!settings.expression().zone().equals(ZoneOffset.UTC)) {
                when += " (" + nextRun.atZone(settings.expression().zone()).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES)
                        + " " + settings.expression().zone() + ")";
            }
        }
        console.println(label() + ": next run " + when + " [" + settings.expression() + "]");
    }

    /** The first run strictly after {@code after} within StartDate..EndDate, if any. */
    Optional<Instant> nextAfter(Instant after) {
        Instant from = after;
        if (settings.startDate() != null && from.isBefore(settings.startDate())) {
            from = settings.startDate().minusMillis(1);
        }
        Optional<Instant> next = settings.expression().next(from);
        if (next.isPresent() && settings.endDate() != null && next.get().isAfter(settings.endDate())) {
            return Optional.empty();
        }
        return next;
    }

    private void arm(Instant after) {
        if (!running || !settings.enabled()) {
            nextRun = null;
            return;
        }
        Optional<Instant> next = nextAfter(after);
        nextRun = next.orElse(null);
        if (next.isEmpty()) {
            return;
        }
        Instant at = next.get();
        long delay = Math.max(0, Duration.between(Instant.now(), at).toMillis());
        timer = timers.schedule(() -> fire(at), delay, TimeUnit.MILLISECONDS);
    }

    private void fire(Instant scheduled) {
        if (!running) {
            return;
        }
        workers.submit(() -> deliver(scheduled));
        arm(scheduled);
    }

    /** Invokes the scheduled event now; returns the first attempt's result; retries and dead letters follow in the background. */
    public InvocationResult runNow() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String id = UUID.randomUUID().toString();
        InvocationResult first = attempt(event(id, now, 1));
        if (!first.success() && running) {
            workers.submit(() -> afterFailure(id, now, first));
        }
        return first;
    }

    private void deliver(Instant scheduled) {
        String id = UUID.randomUUID().toString();
        InvocationResult first = attempt(event(id, scheduled, 1));
        if (first.success()) {
            console.println(label() + ": invoked at " + EVENT_TIME.format(scheduled) + "; next run "
                    + (nextRun == null ? "none" : EVENT_TIME.format(nextRun)));
        } else {
            afterFailure(id, scheduled, first);
        }
    }

    private InvocationResult attempt(byte[] event) {
        invocations.incrementAndGet();
        InvocationResult r = function.invoke(event);
        if (!r.success()) {
            failures.incrementAndGet();
        }
        return r;
    }

    /** Not delivered (AWS could not invoke the function), as opposed to the function failing. */
    static boolean isDeliveryFailure(InvocationResult r) {
        return "Runtime.Unavailable".equals(r.errorType());
    }

    private void afterFailure(String id, Instant eventTime, InvocationResult first) {
        InvocationResult r = first;
        int deliveryRetries = 0;
        int functionRetries = 0;
        int attemptNumber = 1;
        while (!r.success() && running) {
            long ageSeconds = Duration.between(eventTime, Instant.now()).toSeconds();
            if (isDeliveryFailure(r)) {
                if (deliveryRetries >= settings.maximumRetryAttempts() || ageSeconds >= settings.maximumEventAgeSeconds()) {
                    String condition = deliveryRetries >= settings.maximumRetryAttempts() ? "MaximumRetryAttemptsExhausted" : "MaximumEventAgeExceeded";
                    scheduleDeadLetter(event(id, eventTime, attemptNumber), r, condition, deliveryRetries);
                    return;
                }
                deliveryRetries++;
                Duration wait = backoff(deliveryRetries);
                console.println(label() + ": not delivered (" + r.errorType() + "); retry " + deliveryRetries + " of "
                        + settings.maximumRetryAttempts() + " in " + seconds(wait));
                sleep(wait);
            } else {
                if (functionRetries >= async.maximumRetryAttempts() || ageSeconds >= async.maximumEventAgeSeconds()) {
                    functionDeadLetter(event(id, eventTime, attemptNumber), r, functionRetries + 1);
                    return;
                }
                functionRetries++;
                Duration wait = backoff(functionRetries);
                console.println(label() + ": invocation failed (" + r.errorType() + "); Lambda retries asynchronously, "
                        + functionRetries + " of " + async.maximumRetryAttempts() + " in " + seconds(wait));
                sleep(wait);
            }
            if (!running) {
                return;
            }
            attemptNumber++;
            r = attempt(event(id, eventTime, attemptNumber));
        }
        if (r.success()) {
            console.println(label() + ": succeeded on attempt " + attemptNumber);
        }
    }

    private Duration backoff(int retry) {
        return retryDelay.multipliedBy(1L << Math.min(20, retry - 1));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private void scheduleDeadLetter(byte[] event, InvocationResult r, String condition, int retries) {
        String queue = settings.deadLetterQueueUrl();
        if (queue == null) {
            console.println(label() + ": not delivered after " + retries + " retries (" + r.errorType() + "); dropped (no DeadLetterConfig)");
            return;
        }
        Map<String, MessageAttributeValue> attrs = new LinkedHashMap<>();
        attrs.put("ERROR_CODE", text(r.errorType()));
        attrs.put("ERROR_MESSAGE", text(truncate(r.errorMessage())));
        attrs.put("EXHAUSTED_RETRY_CONDITION", text(condition));
        attrs.put("RETRY_ATTEMPTS", MessageAttributeValue.builder().dataType("Number").stringValue(String.valueOf(retries)).build());
        attrs.put("TARGET_ARN", text(function.arn()));
        attrs.put(settings.type().equals("ScheduleV2") ? "SCHEDULE_ARN" : "RULE_ARN", text(settings.resourceArn()));
        send(queue, event, attrs);
        console.println(label() + ": not delivered after " + retries + " retries (" + r.errorType() + "); sent to the dead-letter queue");
    }

    private void functionDeadLetter(byte[] event, InvocationResult r, int invokeCount) {
        boolean sent = false;
        if (async.deadLetterQueueUrl() != null) {
            Map<String, MessageAttributeValue> attrs = new LinkedHashMap<>();
            attrs.put("RequestID", text(r.requestId()));
            attrs.put("ErrorCode", MessageAttributeValue.builder().dataType("Number").stringValue("200").build());
            attrs.put("ErrorMessage", text(truncate(r.errorMessage())));
            send(async.deadLetterQueueUrl(), event, attrs);
            sent = true;
        }
        if (async.onFailureQueueUrl() != null) {
            ObjectNode record = Json.MAPPER.createObjectNode();
            record.put("version", "1.0");
            record.put("timestamp", Instant.now().toString());
            ObjectNode rc = record.putObject("requestContext");
            rc.put("requestId", r.requestId());
            rc.put("functionArn", function.arn() + ":$LATEST");
            rc.put("condition", "RetriesExhausted");
            rc.put("approximateInvokeCount", invokeCount);
            try {
                record.set("requestPayload", Json.MAPPER.readTree(event));
            } catch (java.io.IOException notJson) {
                record.put("requestPayload", new String(event, StandardCharsets.UTF_8));
            }
            ObjectNode response = record.putObject("responseContext");
            response.put("statusCode", 200);
            response.put("executedVersion", "$LATEST");
            response.put("functionError", "Unhandled");
            ObjectNode payload = record.putObject("responsePayload");
            payload.put("errorType", r.errorType());
            payload.put("errorMessage", truncate(r.errorMessage()));
            try {
                send(async.onFailureQueueUrl(), Json.MAPPER.writeValueAsBytes(record), Map.of());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            sent = true;
        }
        console.println(label() + ": failed " + invokeCount + " time(s) (" + r.errorType() + "); "
                + (sent ? "sent to the function's dead-letter queue / on-failure destination" : "dropped (the function has no DeadLetterQueue or OnFailure destination)"));
    }

    private void send(String queueUrl, byte[] body, Map<String, MessageAttributeValue> attrs) {
        try {
            sender.send(queueUrl, new String(body, StandardCharsets.UTF_8), attrs);
            sentToDeadLetter.incrementAndGet();
        } catch (RuntimeException e) {
            console.println(label() + ": could not send to " + queueUrl + ": " + e.getClass().getSimpleName());
        }
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value == null || value.isEmpty() ? "-" : value).build();
    }

    private static String truncate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 1024 ? s : s.substring(0, 1024);
    }

    /** The event AWS sends: the Input (with Scheduler's context attributes filled in), or the default scheduled event. */
    byte[] event(String id, Instant time, int attempt) {
        String input = settings.input();
        boolean v2 = settings.type().equals("ScheduleV2");
        if (input != null) {
            if (v2) {
                input = input.replace("<aws.scheduler.schedule-arn>", settings.resourceArn())
                        .replace("<aws.scheduler.scheduled-time>", EVENT_TIME.format(time))
                        .replace("<aws.scheduler.execution-id>", id)
                        .replace("<aws.scheduler.attempt-number>", String.valueOf(attempt));
            }
            return input.getBytes(StandardCharsets.UTF_8);
        }
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("version", "0");
        e.put("id", id);
        e.put("detail-type", "Scheduled Event");
        e.put("source", v2 ? "aws.scheduler" : "aws.events");
        e.put("account", TemplateResolver.ACCOUNT_ID);
        e.put("time", EVENT_TIME.format(time));
        e.put("region", TemplateResolver.REGION);
        e.putArray("resources").add(settings.resourceArn());
        if (v2) {
            e.put("detail", "{}"); // EventBridge Scheduler sends detail as the string "{}", not an object
        } else {
            e.putObject("detail");
        }
        try {
            return Json.MAPPER.writeValueAsBytes(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public Status.ScheduleStatus status() {
        Instant next = nextRun;
        return new Status.ScheduleStatus(function.logicalId(), eventName, settings.type(), settings.expression().text(),
                settings.expression().zone().getId(), settings.enabled() ? "ENABLED" : "DISABLED",
                next == null ? null : EVENT_TIME.format(next), invocations.get(), failures.get(), sentToDeadLetter.get());
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }
}
