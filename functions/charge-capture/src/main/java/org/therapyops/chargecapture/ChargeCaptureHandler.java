package org.therapyops.chargecapture;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.therapyops.billing.claims.ChargeCaptureService;
import org.therapyops.dynamodb.BillingItems;
import org.therapyops.dynamodb.ItemMapper;
import org.therapyops.lambda.Metering;
import org.therapyops.lambda.StreamBatch;
import org.therapyops.lambda.StreamImages;
import org.therapyops.ports.UsageStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * Fed by the Notes stream (filtered to the change from DRAFT into SIGNED): turns each signed note into
 * charges and claims, written idempotently, and queues the new claims for scrubbing.
 */
public class ChargeCaptureHandler extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> {

    @Inject
    ChargeCaptureService service;

    public ChargeCaptureHandler() {
    }

    /** For tests: a handler on a context built with the given builder. */
    public ChargeCaptureHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    /** The workflow step this function's usage is metered as. */
    static final String STEP = "charge-capture";

    @Inject
    UsageStore usage;

    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        return Metering.invoke(STEP, null, usage, () -> handle(event));
    }

    private StreamsEventResponse handle(DynamodbEvent event) {
        return StreamBatch.process(event, this::capture);
    }

    private void capture(DynamodbEvent.DynamodbStreamRecord record) {
        Map<String, AttributeValue> image = StreamImages.toSdk(record.getDynamodb().getNewImage());
        service.capture(ItemMapper.practiceOf(image), BillingItems.note(image));
    }
}
