package org.therapyops.wiring.handlers;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.micronaut.context.ApplicationContextBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import org.therapyops.lambda.StreamBatch;
import org.therapyops.lambda.StreamImages;

import java.util.Map;

/**
 * A function fed by a table's stream that acts on each record's new image ({@link StreamBatch}: a failed record and
 * the later changes of its item are reported as batch item failures).
 */
public abstract class StreamRecordHandler extends MeteredHandler<DynamodbEvent, StreamsEventResponse> {

    protected StreamRecordHandler(String step) {
        super(step);
    }

    /** For tests: a handler on a context built with the given builder. */
    protected StreamRecordHandler(String step, ApplicationContextBuilder builder) {
        super(step, builder);
    }

    @Override
    protected final StreamsEventResponse handle(DynamodbEvent event) {
        return StreamBatch.process(event, record -> apply(StreamImages.toSdk(record.getDynamodb().getNewImage())));
    }

    /** Acts on one record's new image; throws when it cannot be applied now. */
    protected abstract void apply(Map<String, AttributeValue> newImage);
}
