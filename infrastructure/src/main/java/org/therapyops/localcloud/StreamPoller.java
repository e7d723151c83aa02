package org.therapyops.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * A DynamoDB stream event source mapping as Lambda runs one: per shard, in order; filter criteria; batch size and
 * window; partial batch responses; bisect on error; bounded retries, record age; on-failure destination (SQS); and
 * ParallelizationFactor: up to that many batches of a shard in flight at once, each item's records kept in order by
 * routing them by the item's keys, as Lambda routes by partition key.
 */
public final class StreamPoller extends EventSourceMapping {

    /** The mapping's settings, from the event's Properties. */
    public record Settings(String startingPosition, int batchSize, int batchingWindowSeconds, List<FilterPattern> filters,
                           boolean reportBatchItemFailures, boolean bisectOnError, int maximumRetryAttempts,
                           int maximumRecordAgeSeconds, String onFailureQueueUrl, int parallelizationFactor) {

        /** The same settings with another ParallelizationFactor. */
        public Settings withParallelizationFactor(int factor) {
            return new Settings(startingPosition, batchSize, batchingWindowSeconds, filters, reportBatchItemFailures, bisectOnError,
                    maximumRetryAttempts, maximumRecordAgeSeconds, onFailureQueueUrl, factor);
        }
    }

    private record Item(String sequenceNumber, JsonNode json, Instant created) {
    }

    /**
     * What one partition of a shard has read but not yet checkpointed, and the retry state of its head; one batch of
     * it is in flight at a time ({@code busy}). Guarded by its own monitor.
     */
    private static final class Partition {
        final String shardId;
        long firstBufferedNanos;
        boolean busy;
        final Deque<Item> buffer = new ArrayDeque<>();
        /** Sizes of the next batches after a bisect; empty = BatchSize. */
        final Deque<Integer> plan = new ArrayDeque<>();
        final Map<String, Integer> attempts = new HashMap<>();

        Partition(String shardId) {
            this.shardId = shardId;
        }
    }

    /** Where a shard is: its iterator and its partitions. */
    private static final class ShardState {
        final String shardId;
        String iterator;
        long lastPollNanos;
        final List<Partition> partitions = new ArrayList<>();

        ShardState(String shardId, String iterator, int partitions) {
            this.shardId = shardId;
            this.iterator = iterator;
            for (int i = 0; i < partitions; i++) {
                this.partitions.add(new Partition(shardId));
            }
        }
    }

    private static final long POLL_INTERVAL_NANOS = 250_000_000L;

    private final AwsClients aws;
    private final Settings settings;
    private final FaultInjector faults;
    private final List<ShardState> shards = new ArrayList<>();
    /** Runs the partitions' batches when there are several (ParallelizationFactor > 1); null otherwise. */
    private java.util.concurrent.ExecutorService workers;
    private final java.util.Random jitter;

    public StreamPoller(LambdaFunction function, String eventName, String streamArn, Settings settings, AwsClients aws,
                        PrintStream console) {
        this(function, eventName, streamArn, settings, aws, console, null);
    }

    StreamPoller(LambdaFunction function, String eventName, String streamArn, Settings settings, AwsClients aws,
                 PrintStream console, FaultInjector faults) {
        super(function, eventName, streamArn, console);
        this.aws = aws;
        this.settings = settings;
        this.faults = faults;
        this.jitter = faults == null ? null : faults.random("stream/" + function.config().logicalId() + "/" + eventName);
    }

    @Override
    protected String type() {
        return "DynamoDB";
    }

    private int factor() {
        return Math.max(1, settings.parallelizationFactor());
    }

    @Override
    protected int concurrency() {
        return factor();
    }

    @Override
    protected long pending() {
        long n = 0;
        for (ShardState shard : shards) {
            for (Partition p : shard.partitions) {
                synchronized (p) {
                    n += p.buffer.size();
                }
            }
        }
        return n;
    }

    @Override
    public void start() {
        // Iterators are taken before returning, so that LATEST means "from the moment the mapping exists".
        List<Shard> list = aws.streams().describeStream(b -> b.streamArn(sourceArn)).streamDescription().shards();
        ShardIteratorType type = "LATEST".equals(settings.startingPosition()) ? ShardIteratorType.LATEST : ShardIteratorType.TRIM_HORIZON;
        for (Shard shard : list) {
            String it = aws.streams().getShardIterator(b -> b.streamArn(sourceArn).shardId(shard.shardId()).shardIteratorType(type))
                    .shardIterator();
            shards.add(new ShardState(shard.shardId(), it, factor()));
        }
        if (factor() > 1) {
            workers = java.util.concurrent.Executors.newFixedThreadPool(factor() * Math.max(1, list.size()), r -> {
                Thread t = new Thread(r, "esm-" + label().replace('/', '-') + "-batch");
                t.setDaemon(true);
                return t;
            });
        }
        super.start();
    }

    @Override
    protected void pollOnce() throws Exception {
        boolean worked = false;
        for (ShardState shard : shards) {
            long now = System.nanoTime();
            if (shard.iterator != null && now - shard.lastPollNanos >= POLL_INTERVAL_NANOS) {
                shard.lastPollNanos = now;
                String it = shard.iterator;
                GetRecordsResponse resp = aws.streams().getRecords(b -> b.shardIterator(it).limit(1000));
                count("streamReads", 1); // free for Lambda's own triggers
                shard.iterator = resp.nextShardIterator();
                for (Record r : resp.records()) {
                    JsonNode json = lambdaRecord(r);
                    if (FilterPattern.anyMatches(settings.filters(), json)) {
                        StreamRecord d = r.dynamodb();
                        Partition p = shard.partitions.get(Math.floorMod(itemKey(d).hashCode(), shard.partitions.size()));
                        synchronized (p) {
                            if (p.buffer.isEmpty()) {
                                p.firstBufferedNanos = System.nanoTime();
                            }
                            p.buffer.add(new Item(d.sequenceNumber(), json,
                                    d.approximateCreationDateTime() == null ? Instant.now() : d.approximateCreationDateTime()));
                        }
                    } else {
                        filteredOut.incrementAndGet(); // skipped and checkpointed, as Lambda does
                    }
                }
            }
            for (Partition p : shard.partitions) {
                synchronized (p) {
                    if (p.busy || p.buffer.isEmpty() || !windowElapsed(p)) {
                        continue;
                    }
                    p.busy = true;
                }
                worked = true;
                if (workers == null) {
                    try {
                        processBatch(p);
                    } finally {
                        release(p);
                    }
                } else {
                    workers.submit(() -> {
                        try {
                            processBatch(p);
                        } catch (Exception e) {
                            if (running) {
                                console.println("[local-cloud] " + label() + " batch failed: " + e.getClass().getSimpleName());
                                sleep(1000);
                            }
                        } finally {
                            release(p);
                        }
                    });
                }
            }
        }
        if (!worked) {
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        super.close();
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    private static void release(Partition p) {
        synchronized (p) {
            p.busy = false;
        }
    }

    /** The item a record changes, as its keys name it (names and values in name order): its partition's key. */
    private static String itemKey(StreamRecord d) {
        if (d == null || !d.hasKeys()) {
            return "";
        }
        return new java.util.TreeMap<>(d.keys()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().toString())
                .collect(java.util.stream.Collectors.joining("\u001f"));
    }

    private boolean windowElapsed(Partition p) {
        return settings.batchingWindowSeconds() <= 0 || p.buffer.size() >= settings.batchSize()
                || System.nanoTime() - p.firstBufferedNanos >= settings.batchingWindowSeconds() * 1_000_000_000L;
    }

    private void processBatch(Partition p) throws Exception {
        List<Item> batch;
        boolean firstDelivery;
        synchronized (p) {
            int n = Math.min(p.plan.isEmpty() ? settings.batchSize() : p.plan.peekFirst(), p.buffer.size());
            batch = List.copyOf(new ArrayList<>(p.buffer).subList(0, n));
            firstDelivery = batch.stream().noneMatch(i -> p.attempts.containsKey(i.sequenceNumber()));
        }
        int n = batch.size();
        if (settings.maximumRecordAgeSeconds() >= 0) {
            Instant oldest = Instant.now().minusSeconds(settings.maximumRecordAgeSeconds());
            int expired = 0;
            while (expired < batch.size() && batch.get(expired).created().isBefore(oldest)) {
                expired++;
            }
            if (expired > 0) {
                List<Item> old = List.copyOf(batch.subList(0, expired));
                toDestination(p, old, "RecordAgeExceeded", null, 0);
                commit(p, expired);
                return;
            }
        }
        ObjectNode event = Json.MAPPER.createObjectNode();
        ArrayNode recs = event.putArray("Records");
        batch.forEach(i -> recs.add(i.json()));
        byte[] payload = Json.MAPPER.writeValueAsBytes(event);
        String fn = function.config().logicalId();
        if (faults != null && factor() > 1) {
            // A little jitter, so that partitions overtake one another as concurrent pollers do.
            sleep(jitter.nextInt(50));
        }
        batches.incrementAndGet();
        records.addAndGet(n);
        InvocationResult result = function.invoke(payload, firstDelivery && faults != null && faults.crashBatch(fn));
        if (faults != null && faults.faults().duplicates() && result.success()
                && (!settings.reportBatchItemFailures() || firstFailedIndex(result, batch) < 0)) {
            // As when Lambda lost the checkpoint of a batch that succeeded: the same batch again, whose answer counts.
            faults.count(FaultInjector.DUPLICATE_BATCH, fn);
            batches.incrementAndGet();
            records.addAndGet(n);
            result = function.invoke(payload, false);
        }
        List<Item> failed;
        String reason;
        if (result.success()) {
            int firstFailed = settings.reportBatchItemFailures() ? firstFailedIndex(result, batch) : -1;
            if (firstFailed < 0) {
                commit(p, n);
                return;
            }
            commit(p, firstFailed); // records before the lowest failed one are done
            failed = List.copyOf(batch.subList(firstFailed, n));
            reason = "partial batch response: " + failed.size() + " from the first failed item";
        } else {
            failed = List.copyOf(batch);
            reason = "function error: " + result.errorType();
        }
        failures.incrementAndGet();
        int attempts = 0;
        synchronized (p) {
            for (Item i : failed) {
                attempts = Math.max(attempts, p.attempts.merge(i.sequenceNumber(), 1, Integer::sum));
            }
        }
        int max = settings.maximumRetryAttempts();
        if (max >= 0 && attempts > max) {
            console.println("[local-cloud] " + function.config().logicalId() + " batch of " + failed.size() + " failed ("
                    + reason + "), retries exhausted (" + max + ")");
            toDestination(p, failed, "RetryAttemptsExhausted", result, attempts);
            commit(p, failed.size());
            return;
        }
        boolean bisect = !result.success() && settings.bisectOnError() && failed.size() > 1;
        console.println("[local-cloud] " + function.config().logicalId() + " batch of " + failed.size() + " failed ("
                + reason + "), retry " + attempts + "/" + (max < 0 ? "unbounded" : String.valueOf(max))
                + (bisect ? ", bisecting" : ""));
        if (bisect) {
            synchronized (p) {
                if (!p.plan.isEmpty()) {
                    p.plan.pollFirst();
                }
                int half = (failed.size() + 1) / 2;
                p.plan.addFirst(failed.size() - half);
                p.plan.addFirst(half);
            }
        }
    }

    /** Index in the batch of the lowest failed item; -1 if none; 0 (whole batch) for an unknown or empty identifier. */
    private static int firstFailedIndex(InvocationResult result, List<Item> batch) {
        JsonNode response;
        try {
            response = Json.MAPPER.readTree(result.payload());
        } catch (Exception notJson) {
            return -1;
        }
        if (response == null || !response.path("batchItemFailures").isArray()) {
            return -1;
        }
        int lowest = -1;
        for (JsonNode f : response.get("batchItemFailures")) {
            String id = f.path("itemIdentifier").asText("");
            int index = -1;
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i).sequenceNumber().equals(id)) {
                    index = i;
                }
            }
            if (index < 0) {
                return 0; // Lambda treats an invalid identifier as a failure of the whole batch
            }
            lowest = lowest < 0 ? index : Math.min(lowest, index);
        }
        return lowest;
    }

    private void commit(Partition p, int count) {
        synchronized (p) {
            for (int i = 0; i < count && !p.buffer.isEmpty(); i++) {
                p.attempts.remove(p.buffer.pollFirst().sequenceNumber());
            }
            int left = count;
            while (left > 0 && !p.plan.isEmpty()) {
                int front = p.plan.pollFirst();
                if (front > left) {
                    p.plan.addFirst(front - left);
                    left = 0;
                } else {
                    left -= front;
                }
            }
            if (!p.buffer.isEmpty()) {
                p.firstBufferedNanos = System.nanoTime();
            }
        }
    }

    private void toDestination(Partition shard, List<Item> items, String condition, InvocationResult result, int attempts) {
        sentToDestination.addAndGet(items.size());
        console.println("[local-cloud] " + function.config().logicalId() + " " + items.size() + " record(s) "
                + items.get(0).sequenceNumber() + ".." + items.get(items.size() - 1).sequenceNumber() + " " + condition
                + (settings.onFailureQueueUrl() == null ? ", dropped (no on-failure destination)" : ", sent to the on-failure destination"));
        if (settings.onFailureQueueUrl() == null) {
            return;
        }
        Map<String, Object> record = new LinkedHashMap<>();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("requestId", result == null ? java.util.UUID.randomUUID().toString() : result.requestId());
        request.put("functionArn", function.arn());
        request.put("condition", condition);
        request.put("approximateInvokeCount", attempts);
        record.put("requestContext", request);
        if (result != null) {
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("statusCode", 200);
            response.put("executedVersion", "$LATEST");
            if (!result.success()) {
                response.put("functionError", "Unhandled");
            }
            record.put("responseContext", response);
        }
        record.put("version", "1.0");
        record.put("timestamp", Instant.now().toString());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("shardId", shard.shardId);
        info.put("startSequenceNumber", items.get(0).sequenceNumber());
        info.put("endSequenceNumber", items.get(items.size() - 1).sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", items.get(0).created().toString());
        info.put("approximateArrivalOfLastRecord", items.get(items.size() - 1).created().toString());
        info.put("batchSize", items.size());
        info.put("streamArn", sourceArn);
        record.put("DDBStreamBatchInfo", info);
        try {
            String body = Json.MAPPER.writeValueAsString(record);
            aws.sqs().sendMessage(b -> b.queueUrl(settings.onFailureQueueUrl()).messageBody(body));
            count("sqsRequests", 1);
        } catch (Exception e) {
            console.println("[local-cloud] " + label() + " could not send to the on-failure destination: " + e.getClass().getSimpleName());
        }
    }

    /** The record as Lambda delivers it (eventVersion 1.1, DynamoDB JSON images). */
    private JsonNode lambdaRecord(Record r) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("eventID", r.eventID());
        n.put("eventName", r.eventNameAsString());
        n.put("eventVersion", "1.1");
        n.put("eventSource", "aws:dynamodb");
        n.put("awsRegion", r.awsRegion() == null ? TemplateResolver.REGION : r.awsRegion());
        StreamRecord d = r.dynamodb();
        ObjectNode db = n.putObject("dynamodb");
        Instant created = d.approximateCreationDateTime() == null ? Instant.now() : d.approximateCreationDateTime();
        db.put("ApproximateCreationDateTime", created.getEpochSecond());
        if (d.hasKeys()) {
            db.set("Keys", DynamoDbJson.item(d.keys()));
        }
        if (d.hasNewImage()) {
            db.set("NewImage", DynamoDbJson.item(d.newImage()));
        }
        if (d.hasOldImage()) {
            db.set("OldImage", DynamoDbJson.item(d.oldImage()));
        }
        db.put("SequenceNumber", d.sequenceNumber());
        if (d.sizeBytes() != null) {
            db.put("SizeBytes", d.sizeBytes());
        }
        if (d.streamViewTypeAsString() != null) {
            db.put("StreamViewType", d.streamViewTypeAsString());
        }
        n.put("eventSourceARN", sourceArn);
        return n;
    }
}
