package org.therapyops.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * An SQS event source mapping as Lambda runs one: receive up to BatchSize, invoke, delete what succeeded; failed
 * messages stay and come back after the queue's visibility timeout (and go to its DLQ by its RedrivePolicy).
 */
public final class SqsPoller extends EventSourceMapping {

    /** The mapping's settings, from the event's Properties. */
    public record Settings(String queueUrl, int batchSize, int batchingWindowSeconds, boolean reportBatchItemFailures) {
    }

    private final AwsClients aws;
    private final Settings settings;

    public SqsPoller(LambdaFunction function, String eventName, String queueArn, Settings settings, AwsClients aws,
                     PrintStream console) {
        super(function, eventName, queueArn, console);
        this.aws = aws;
        this.settings = settings;
    }

    @Override
    protected String type() {
        return "SQS";
    }

    @Override
    protected void pollOnce() throws Exception {
        List<Message> messages = new ArrayList<>(receive(1));
        if (messages.isEmpty()) {
            return;
        }
        long windowEnd = System.nanoTime() + settings.batchingWindowSeconds() * 1_000_000_000L;
        while (messages.size() < settings.batchSize() && System.nanoTime() < windowEnd && running) {
            List<Message> more = receive(0);
            if (more.isEmpty()) {
                Thread.sleep(100);
            }
            messages.addAll(more);
        }
        ObjectNode event = Json.MAPPER.createObjectNode();
        ArrayNode recs = event.putArray("Records");
        messages.forEach(m -> recs.add(lambdaRecord(m)));
        batches.incrementAndGet();
        records.addAndGet(messages.size());
        InvocationResult result = function.invoke(Json.MAPPER.writeValueAsBytes(event));
        if (!result.success()) {
            failures.incrementAndGet();
            console.println("[local-cloud] " + function.config().logicalId() + " batch of " + messages.size()
                    + " failed (function error: " + result.errorType() + "), messages return after the visibility timeout");
            return;
        }
        Set<String> failed = settings.reportBatchItemFailures() ? failedIds(result, messages) : Set.of();
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message m : messages) {
            if (!failed.contains(m.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(done.size())).receiptHandle(m.receiptHandle()).build());
            }
        }
        if (!failed.isEmpty()) {
            failures.incrementAndGet();
            console.println("[local-cloud] " + function.config().logicalId() + " batch of " + messages.size() + ": "
                    + failed.size() + " item failure(s) reported, left on the queue");
        }
        for (int i = 0; i < done.size(); i += 10) {
            List<DeleteMessageBatchRequestEntry> chunk = done.subList(i, Math.min(done.size(), i + 10));
            aws.sqs().deleteMessageBatch(b -> b.queueUrl(settings.queueUrl()).entries(chunk));
            count("sqsRequests", 1);
        }
    }

    private List<Message> receive(int waitSeconds) {
        List<Message> received = aws.sqs().receiveMessage(b -> b.queueUrl(settings.queueUrl())
                .maxNumberOfMessages(Math.max(1, Math.min(10, settings.batchSize())))
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

    private JsonNode lambdaRecord(Message m) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("messageId", m.messageId());
        n.put("receiptHandle", m.receiptHandle());
        n.put("body", m.body());
        ObjectNode attrs = n.putObject("attributes");
        m.attributesAsStrings().forEach(attrs::put);
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
