package org.therapyops.chargecapture;

import io.micronaut.context.ApplicationContextBuilder;
import jakarta.inject.Inject;
import org.therapyops.billing.claims.ChargeCaptureService;
import org.therapyops.dynamodb.BillingItems;
import org.therapyops.dynamodb.ItemMapper;
import org.therapyops.wiring.handlers.StreamRecordHandler;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * Fed by the Notes stream (filtered to the change from DRAFT into SIGNED): turns each signed note into
 * charges and claims, written idempotently, and queues the new claims for scrubbing.
 */
public class ChargeCaptureHandler extends StreamRecordHandler {

    static final String STEP = "charge-capture";

    @Inject
    ChargeCaptureService service;

    public ChargeCaptureHandler() {
        super(STEP);
    }

    /** For tests: a handler on a context built with the given builder. */
    public ChargeCaptureHandler(ApplicationContextBuilder builder) {
        super(STEP, builder);
    }

    @Override
    protected void apply(Map<String, AttributeValue> image) {
        service.capture(ItemMapper.practiceOf(image), BillingItems.note(image));
    }
}
