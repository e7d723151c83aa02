package org.therapyops.localcloud.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fault test handler for a stream: applies each record's effect ({@link Effects}) as "id@version"; a record of kind
 * "poison" fails (reported as a batch item failure, so it is retried, bisected and sent to the on-failure
 * destination); notes an item whose versions come out of order within the batch.
 */
public class StreamEffectFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        Map<String, Integer> lastVersion = new HashMap<>();
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
            Map<String, AttributeValue> image = r.getDynamodb().getNewImage();
            String id = image.get("id").getS();
            int version = image.containsKey("version") ? Integer.parseInt(image.get("version").getN()) : 0;
            Integer before = lastVersion.put(id, version);
            if (before != null && before > version) {
                Effects.outOfOrder(id);
            }
            if (image.containsKey("kind") && "poison".equals(image.get("kind").getS())) {
                failures.add(new StreamsEventResponse.BatchItemFailure(r.getDynamodb().getSequenceNumber()));
                break;
            }
            Effects.apply(id + "@" + version);
        }
        return new StreamsEventResponse(failures);
    }
}
