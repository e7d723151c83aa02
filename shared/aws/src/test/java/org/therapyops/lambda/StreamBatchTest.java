package org.therapyops.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StreamBatchTest {

    private final List<String> processed = new ArrayList<>();

    @Test
    void aBatchThatSucceedsReportsNoFailures() {
        DynamodbEvent event = batch("100", "200", "300");

        StreamsEventResponse response = StreamBatch.process(event, r -> processed.add(sequenceOf(r)));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(processed).containsExactly("100", "200", "300");
    }

    @Test
    void aFailingRecordIsReportedByItsSequenceNumber() {
        DynamodbEvent event = batch("100", "200", "300");

        StreamsEventResponse response = StreamBatch.process(event, failingOn("200"));

        assertThat(response.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("200");
    }

    @Test
    void recordsWithoutKeysAfterAFailureAreLeftForTheRetry() {
        DynamodbEvent event = batch("100", "200", "300");

        StreamBatch.process(event, failingOn("200"));

        assertThat(processed).containsExactly("100", "200");
    }

    @Test
    void aFailureHoldsBackLaterChangesOfItsItemOnlyAndReportsTheLowestFailedRecord() {
        DynamodbEvent event = keyed("100:A", "200:B", "300:A", "400:C", "500:B", "600:C");

        StreamsEventResponse response = StreamBatch.process(event, failingOn("200", "400"));

        // B failed at 200, so B's 500 waits for the retry; C failed at 400, so C's 600 waits; A goes on.
        assertThat(processed).containsExactly("100", "200", "300", "400");
        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("200");
    }

    private static DynamodbEvent keyed(String... sequenceAndItem) {
        DynamodbEvent event = batch(Arrays.stream(sequenceAndItem).map(s -> s.split(":")[0]).toArray(String[]::new));
        for (int i = 0; i < sequenceAndItem.length; i++) {
            String item = sequenceAndItem[i].split(":")[1];
            event.getRecords().get(i).getDynamodb().setKeys(Map.of(
                    "pk", new AttributeValue("practice-1"),
                    "sk", new AttributeValue("APPOINTMENT#" + item)));
        }
        return event;
    }

    @Test
    void aCheckedExceptionFailsTheRecordToo() {
        DynamodbEvent event = batch("100", "200");

        StreamsEventResponse response = StreamBatch.process(event, r -> {
            throw new IOException("table unreachable");
        });

        assertThat(response.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("100");
    }

    @Test
    void noEventIsAnEmptyResponse() {
        StreamsEventResponse response = StreamBatch.process(null, r -> processed.add(sequenceOf(r)));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(processed).isEmpty();
    }

    @Test
    void anEventWithoutRecordsIsAnEmptyResponse() {
        StreamsEventResponse response = StreamBatch.process(new DynamodbEvent(), r -> processed.add(sequenceOf(r)));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(processed).isEmpty();
    }

    private StreamBatch.RecordProcessor failingOn(String... sequenceNumbers) {
        return r -> {
            processed.add(sequenceOf(r));
            if (List.of(sequenceNumbers).contains(sequenceOf(r))) {
                throw new IllegalStateException("cannot decide");
            }
        };
    }

    private static String sequenceOf(DynamodbStreamRecord record) {
        return record.getDynamodb().getSequenceNumber();
    }

    private static DynamodbEvent batch(String... sequenceNumbers) {
        List<DynamodbStreamRecord> records = new ArrayList<>();
        for (String sequenceNumber : sequenceNumbers) {
            DynamodbStreamRecord record = new DynamodbStreamRecord();
            record.setEventID("event-" + sequenceNumber);
            record.setEventName("INSERT");
            record.setDynamodb(new StreamRecord().withSequenceNumber(sequenceNumber));
            records.add(record);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        return event;
    }
}
