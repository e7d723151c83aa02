package org.therapyops.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Runs a record processor over a DynamoDB stream batch and reports partial failures.
 *
 * <p>Records of a shard are ordered, and Lambda resumes from the lowest failed sequence number, so
 * processing stops at the first failure: the failed record and those after it come back in the retry,
 * the ones before it do not. Exceptions are logged with the record's event id and type only; stream
 * images carry patient data and never reach the log.
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
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            try {
                processor.process(record);
            } catch (Exception e) {
                String sequenceNumber = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
                LOG.error("stream record {} (sequence {}) failed: {}: {}", record.getEventID(), sequenceNumber,
                        e.getClass().getSimpleName(), e.getMessage());
                return StreamsEventResponse.builder()
                        .withBatchItemFailures(List.of(StreamsEventResponse.BatchItemFailure.builder()
                                .withItemIdentifier(sequenceNumber).build()))
                        .build();
            }
        }
        return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }
}
