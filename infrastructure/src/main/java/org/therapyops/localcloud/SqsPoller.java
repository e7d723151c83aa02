package org.therapyops.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An SQS event source mapping as Lambda runs one: receive up to BatchSize, invoke, delete what succeeded; failed
 * messages stay and come back after the queue's visibility timeout (and go to its DLQ by its RedrivePolicy). As many
 * pollers as the function has instances (at most ScalingConfig.MaximumConcurrency), each receiving only when an
 * instance is ready for the batch.
 *
 * <p>With duplicate deliveries injected, each message received for the first time is delivered once more later, in
 * another batch, as SQS's at-least-once delivery may (even after the original was deleted); such a copy that fails
 * comes back after the visibility timeout and, after the queue's maxReceiveCount, goes to its dead-letter queue as
 * the original would. Batches are shuffled (a standard queue keeps no order).
 */
public final class SqsPoller extends EventSourceMapping {

    /** The mapping's settings, from the event's Properties; {@code maximumConcurrency} 0 = unbounded. */
    public record Settings(String queueUrl, int batchSize, int batchingWindowSeconds, boolean reportBatchItemFailures,
                           int maximumConcurrency) {
    }

    /** A second delivery of a message: due at a time, with the receives it has had. */
    private static final class Copy implements java.util.concurrent.Delayed {
        final Message message;
        final long dueNanos;
        final int receives;

        Copy(Message message, long dueNanos, int receives) {
            this.message = message;
            this.dueNanos = dueNanos;
            this.receives = receives;
        }

        @Override
        public long getDelay(java.util.concurrent.TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), java.util.concurrent.TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(java.util.concurrent.Delayed o) {
            return Long.compare(dueNanos, ((Copy) o).dueNanos);
        }
    }

    /** The longest a copy waits before it is delivered again. */
    private static final long COPY_DELAY_MAX_MS = 2000;

    private final AwsClients aws;
    private final Settings settings;
    private final FaultInjector faults;
    private final java.util.concurrent.DelayQueue<Copy> copies = new java.util.concurrent.DelayQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger inFlightCopies = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.Random random;
    private volatile int visibilitySeconds = 30;
    private volatile int maxReceiveCount;
    private volatile String deadLetterQueueUrl;

    public SqsPoller(LambdaFunction function, String eventName, String queueArn, Settings settings, AwsClients aws,
                     PrintStream console) {
        this(function, eventName, queueArn, settings, aws, console, null);
    }

    SqsPoller(LambdaFunction function, String eventName, String queueArn, Settings settings, AwsClients aws,
              PrintStream console, FaultInjector faults) {
        super(function, eventName, queueArn, console);
        this.aws = aws;
        this.settings = settings;
        this.faults = faults;
        this.random = faults == null ? null : faults.random("sqs/" + function.config().logicalId() + "/" + eventName);
    }

    @Override
    protected String type() {
        return "SQS";
    }

    @Override
    protected int pollers() {
        int n = function.instanceCount();
        return settings.maximumConcurrency() > 0 ? Math.min(n, settings.maximumConcurrency()) : n;
    }

    @Override
    protected long pending() {
        return copies.size() + inFlightCopies.get();
    }

    private boolean duplicates() {
        return faults != null && faults.faults().duplicates();
    }

    @Override
    public void start() {
        if (duplicates()) {
            // Where copies go back to, and when they go to the dead-letter queue: as the queue says.
            Map<QueueAttributeName, String> a = aws.sqs().getQueueAttributes(b -> b.queueUrl(settings.queueUrl())
                    .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT, QueueAttributeName.REDRIVE_POLICY)).attributes();
            visibilitySeconds = Integer.parseInt(a.getOrDefault(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
            String redrive = a.get(QueueAttributeName.REDRIVE_POLICY);
            if (redrive != null && !redrive.isBlank()) {
                try {
                    JsonNode r = Json.MAPPER.readTree(redrive);
                    maxReceiveCount = r.path("maxReceiveCount").asInt(0);
                    String arn = r.path("deadLetterTargetArn").asText("");
                    if (!arn.isEmpty()) {
                        deadLetterQueueUrl = aws.sqs().getQueueUrl(b -> b.queueName(arn.substring(arn.lastIndexOf(':') + 1))).queueUrl();
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    console.println("[local-cloud] " + label() + ": unreadable RedrivePolicy; copies are retried without end");
                }
            }
        }
        super.start();
    }

    @Override
    protected void pollOnce() throws Exception {
        try (LambdaFunction.Lease lease = function.acquire(true)) {
            if (lease != null) {
                poll(lease);
            }
        }
    }

    private void poll(LambdaFunction.Lease lease) throws Exception {
        List<Copy> again = new ArrayList<>();
        copies.drainTo(again, settings.batchSize());
        int taken = again.size();
        inFlightCopies.addAndGet(taken);
        try {
            poll(lease, again);
        } finally {
            inFlightCopies.addAndGet(-taken);
        }
    }

    private void poll(LambdaFunction.Lease lease, List<Copy> again) throws Exception {
        List<Message> messages = new ArrayList<>();
        if (again.size() < settings.batchSize()) {
            messages.addAll(receive(again.isEmpty() ? 1 : 0, settings.batchSize() - again.size()));
        }
        if (messages.isEmpty() && again.isEmpty()) {
            return;
        }
        long windowEnd = System.nanoTime() + settings.batchingWindowSeconds() * 1_000_000_000L;
        while (messages.size() + again.size() < settings.batchSize() && System.nanoTime() < windowEnd && running) {
            List<Message> more = receive(0, settings.batchSize() - again.size() - messages.size());
            if (more.isEmpty()) {
                Thread.sleep(100);
            }
            messages.addAll(more);
        }
        // A copy never shares a batch with its original (their message ids are the same): it waits for the next one.
        Set<String> ids = new HashSet<>();
        messages.forEach(m -> ids.add(m.messageId()));
        again.removeIf(c -> {
            if (ids.contains(c.message.messageId())) {
                copies.add(new Copy(c.message, System.nanoTime() + 100_000_000L, c.receives));
                return true;
            }
            return false;
        });
        String fn = function.config().logicalId();
        List<JsonNode> recs = new ArrayList<>();
        messages.forEach(m -> recs.add(lambdaRecord(m, null)));
        again.forEach(c -> recs.add(lambdaRecord(c.message, c.receives + 1)));
        boolean firstDelivery = again.isEmpty() && messages.stream().allMatch(m -> "1".equals(m.attributesAsStrings().get("ApproximateReceiveCount")));
        if (duplicates()) {
            if (recs.size() > 1) {
                List<JsonNode> before = List.copyOf(recs);
                java.util.Collections.shuffle(recs, random);
                if (!recs.equals(before)) {
                    faults.count(FaultInjector.SHUFFLED_BATCH, fn);
                }
            }
            for (Message m : messages) {
                if ("1".equals(m.attributesAsStrings().get("ApproximateReceiveCount"))) {
                    copies.add(new Copy(m, System.nanoTime() + random.nextInt((int) COPY_DELAY_MAX_MS) * 1_000_000L, 0));
                    faults.count(FaultInjector.DUPLICATE_MESSAGE, fn);
                }
            }
        }
        ObjectNode event = Json.MAPPER.createObjectNode();
        ArrayNode array = event.putArray("Records");
        recs.forEach(array::add);
        batches.incrementAndGet();
        records.addAndGet(recs.size());
        InvocationResult result = lease.invoke(Json.MAPPER.writeValueAsBytes(event),
                firstDelivery && faults != null && faults.crashBatch(fn));
        if (!result.success()) {
            failures.incrementAndGet();
            console.println("[local-cloud] " + fn + " batch of " + recs.size()
                    + " failed (function error: " + result.errorType() + "), messages return after the visibility timeout");
            again.forEach(this::retryCopy);
            return;
        }
        List<Message> all = new ArrayList<>(messages);
        again.forEach(c -> all.add(c.message));
        Set<String> failed = settings.reportBatchItemFailures() ? failedIds(result, all) : Set.of();
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message m : messages) {
            if (!failed.contains(m.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(done.size())).receiptHandle(m.receiptHandle()).build());
            }
        }
        for (Copy c : again) {
            if (failed.contains(c.message.messageId())) {
                retryCopy(c);
            }
        }
        if (!failed.isEmpty()) {
            failures.incrementAndGet();
            console.println("[local-cloud] " + fn + " batch of " + recs.size() + ": "
                    + failed.size() + " item failure(s) reported, left on the queue");
        }
        for (int i = 0; i < done.size(); i += 10) {
            List<DeleteMessageBatchRequestEntry> chunk = done.subList(i, Math.min(done.size(), i + 10));
            aws.sqs().deleteMessageBatch(b -> b.queueUrl(settings.queueUrl()).entries(chunk));
            count("sqsRequests", 1);
        }
    }

    /** A copy that failed: back after the visibility timeout, or to the dead-letter queue after maxReceiveCount. */
    private void retryCopy(Copy c) {
        int receives = c.receives + 1;
        if (maxReceiveCount > 0 && receives >= maxReceiveCount) {
            if (deadLetterQueueUrl != null) {
                aws.sqs().sendMessage(b -> b.queueUrl(deadLetterQueueUrl).messageBody(c.message.body())
                        .messageAttributes(c.message.messageAttributes()));
                console.println("[local-cloud] " + label() + " copy of message " + c.message.messageId() + " failed "
                        + receives + " times; moved to the dead-letter queue");
            }
            return;
        }
        copies.add(new Copy(c.message, System.nanoTime() + visibilitySeconds * 1_000_000_000L, receives));
    }

    private List<Message> receive(int waitSeconds, int max) {
        List<Message> received = aws.sqs().receiveMessage(b -> b.queueUrl(settings.queueUrl())
                .maxNumberOfMessages(Math.max(1, Math.min(10, max)))
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        // Lambda's pollers make these requests on the account's bill; an empty long poll is a request too, but how often
        // it happens depends on the poller (this one's, not Lambda's): counted apart.
        count(received.isEmpty() ? "sqsEmptyReceives" : "sqsRequests", 1);
        return received;
    }

    /** Ids reported in batchItemFailures; an unknown or empty id fails the whole batch, as Lambda does. */
    private static Set<String> failedIds(InvocationResult result, List<Message> messages) {
        Set<String> all = new HashSet<>();
        messages.forEach(m -> all.add(m.messageId()));
        JsonNode response;
        try {
            response = Json.MAPPER.readTree(result.payload());
        } catch (Exception notJson) {
            return Set.of();
        }
        Set<String> failed = new HashSet<>();
        if (response != null && response.path("batchItemFailures").isArray()) {
            for (JsonNode f : response.get("batchItemFailures")) {
                String id = f.path("itemIdentifier").asText("");
                if (!all.contains(id)) {
                    return all;
                }
                failed.add(id);
            }
        }
        return failed;
    }

    /** The record as Lambda delivers it; {@code copyReceives}: for a copy, its receive count (and its own handle). */
    private JsonNode lambdaRecord(Message m, Integer copyReceives) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("messageId", m.messageId());
        n.put("receiptHandle", copyReceives == null ? m.receiptHandle() : m.receiptHandle() + "-copy-" + copyReceives);
        n.put("body", m.body());
        ObjectNode attrs = n.putObject("attributes");
        m.attributesAsStrings().forEach(attrs::put);
        if (copyReceives != null) {
            attrs.put("ApproximateReceiveCount", String.valueOf(copyReceives));
        }
        ObjectNode mas = n.putObject("messageAttributes");
        m.messageAttributes().forEach((name, v) -> {
            ObjectNode a = mas.putObject(name);
            if (v.stringValue() != null) {
                a.put("stringValue", v.stringValue());
            }
            if (v.binaryValue() != null) {
                a.put("binaryValue", Base64.getEncoder().encodeToString(v.binaryValue().asByteArray()));
            }
            a.putArray("stringListValues");
            a.putArray("binaryListValues");
            a.put("dataType", v.dataType());
        });
        n.put("md5OfBody", m.md5OfBody());
        if (m.md5OfMessageAttributes() != null) {
            n.put("md5OfMessageAttributes", m.md5OfMessageAttributes());
        }
        n.put("eventSource", "aws:sqs");
        n.put("eventSourceARN", sourceArn);
        n.put("awsRegion", TemplateResolver.REGION);
        return n;
    }
}
