package org.therapyops.authorizationcheck;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.therapyops.dynamodb.ItemMapper;
import org.therapyops.lambda.Metering;
import org.therapyops.lambda.StreamBatch;
import org.therapyops.lambda.StreamImages;
import org.therapyops.ports.UsageStore;
import org.therapyops.scheduling.AuthorizationCheckService;

import java.util.Map;

/**
 * Fed by the Appointments stream (filtered to images whose status is REQUESTED): decides each
 * appointment against coverage and authorization, reserving units with a conditional write.
 */
public class AuthorizationCheckHandler extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> {

    @Inject
    AuthorizationCheckService service;

    /** The workflow step this function's usage is metered as. */
    static final String STEP = "authorization-check";

    @Inject
    UsageStore usage;

    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        return Metering.invoke(STEP, null, usage, () -> handle(event));
    }

    private StreamsEventResponse handle(DynamodbEvent event) {
        return StreamBatch.process(event, this::check);
    }

    private void check(DynamodbEvent.DynamodbStreamRecord record) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> image =
                StreamImages.toSdk(record.getDynamodb().getNewImage());
        service.check(ItemMapper.practiceOf(image), ItemMapper.appointment(image));
    }
}
