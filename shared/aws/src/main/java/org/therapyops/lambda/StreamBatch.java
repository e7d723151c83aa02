package org.therapyops.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Runs a record processor over a DynamoDB stream batch and reports partial failures.
 *
 * <p>Lambda resumes from the lowest failed sequence number, so the failed record and every record after it come
 * back in the retry, and once the retries are exhausted go to the on-failure destination together. So that a poison
 * record neither holds up nor takes down the records behind it, the batch goes on after a failure: a later record of
 * another item is processed now (processing is idempotent, so its redelivery in the retry changes nothing), while a
 * later record of the failed item (same keys), or of an item whose keys are unknown, is left for the retry, keeping
 * each item's changes in order. Exceptions are logged with the record's event id and type only; stream images carry
 * patient data and never reach the log.
 */
public final class StreamBatch {

    private static final Logger LOG = LoggerFactory.getLogger(StreamBatch.class);

    private StreamBatch() {
    }

    /** Processes a record; throwing marks it (and the rest of the batch) for retry. */
    @FunctionalInterface
    public interface RecordProcessor {
        void process(DynamodbEvent.DynamodbStreamRecord record) throws Exception;
    }

    public static StreamsEventResponse process(DynamodbEvent event, RecordProcessor processor) {
        List<DynamodbEvent.DynamodbStreamRecord> records = event == null || event.getRecords() == null
                ? List.of() : event.getRecords();
        String firstFailed = null;
        Set<String> heldItems = new HashSet<>();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            String item = itemKey(record);
            if (firstFailed != null && (item == null || heldItems.contains(item))) {
                continue; // comes back in the retry, after the earlier change of its item
            }
            Metering.practice(practiceOf(record));
            try {
                processor.process(record);
            } catch (Exception e) {
                String sequenceNumber = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
                LOG.error("stream record {} (sequence {}) failed: {}: {}", record.getEventID(), sequenceNumber,
                        e.getClass().getSimpleName(), e.getMessage());
                if (firstFailed == null) {
                    firstFailed = sequenceNumber;
                }
                heldItems.add(item);
            }
        }
        Metering.noPractice();
        if (firstFailed == null) {
            return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
        }
        return StreamsEventResponse.builder().withBatchItemFailures(List.of(StreamsEventResponse.BatchItemFailure.builder()
                .withItemIdentifier(firstFailed).build())).build();
    }

    /** The practice a record's item belongs to: its partition key up to the first '#' (every key starts with it). */
    static String practiceOf(DynamodbEvent.DynamodbStreamRecord record) {
        if (record.getDynamodb() == null || record.getDynamodb().getKeys() == null) {
            return null;
        }
        var pk = record.getDynamodb().getKeys().get("pk");
        String value = pk == null ? null : pk.getS();
        return value == null ? null : value.contains("#") ? value.substring(0, value.indexOf('#')) : value;
    }

    /** The record's item as its keys name it (names and values, in name order); null when the record has none. */
    private static String itemKey(DynamodbEvent.DynamodbStreamRecord record) {
        if (record.getDynamodb() == null || record.getDynamodb().getKeys() == null || record.getDynamodb().getKeys().isEmpty()) {
            return null;
        }
        return new TreeMap<>(record.getDynamodb().getKeys()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().getS() + "/" + e.getValue().getN())
                .collect(Collectors.joining("\u001f"));
    }
}
