package org.therapyops.localcloud.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stream test handler: writes "id eventName" per delivered record to $OBSERVE_FILE; items with behavior "poison"
 * make it throw; "fail-once" is reported as a batch item failure the first time it is seen.
 */
public class StreamFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private static final Set<String> SEEN = new HashSet<>();

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
            Map<String, AttributeValue> image = r.getDynamodb().getNewImage();
            String id = image.get("id").getS();
            String behavior = image.containsKey("behavior") ? image.get("behavior").getS() : "ok";
            observe(id + " " + r.getEventName());
            if (behavior.equals("poison")) {
                throw new IllegalStateException("poison record");
            }
            if (behavior.equals("fail-once") && SEEN.add(id)) {
                failures.add(new StreamsEventResponse.BatchItemFailure(r.getDynamodb().getSequenceNumber()));
                break; // as a real handler does: stop at the first failure
            }
        }
        return new StreamsEventResponse(failures);
    }

    static void observe(String line) {
        try {
            Files.writeString(Path.of(System.getenv("OBSERVE_FILE")), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
