package org.therapyops.authorizationalerts;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.therapyops.alerting.AlertRaiser;
import org.therapyops.dynamodb.AlertImages;
import org.therapyops.dynamodb.ItemMapper;
import org.therapyops.lambda.Metering;
import org.therapyops.lambda.StreamBatch;
import org.therapyops.lambda.StreamImages;
import org.therapyops.ports.UsageStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Raises authorization alerts from three sources: the Practice stream (authorization counters changed), the
 * Appointments stream (an appointment blocked or scheduled with warnings), both as {@code Records}, and the daily
 * {@value #EXPIRY_SCAN} schedule (authorizations nearing their end date; also an event without a task). A scan that
 * fails for some authorization throws, so the scheduler retries it. The billers' review digest and the scrub sweep
 * are functions of their own.
 */
public class AuthorizationAlertsHandler extends MicronautRequestHandler<Map<String, Object>, StreamsEventResponse> {

    @Inject
    AlertRaiser raiser;

    @Inject
    JsonMapper json;

    static final String EXPIRY_SCAN = "expiry-scan";

    @Value("${expiry.lookahead.days:60}")
    int lookaheadDays;

    /** The workflow step this function's usage is metered as. */
    static final String STEP = "authorization-alerts";

    @Inject
    UsageStore usage;

    @Override
    public StreamsEventResponse execute(Map<String, Object> event) {
        return Metering.invoke(STEP, null, usage, () -> handle(event));
    }

    private StreamsEventResponse handle(Map<String, Object> event) {
        if (event != null && event.get("Records") instanceof List) {
            return StreamBatch.process(streamEvent(event), this::changed);
        }
        Object task = event == null ? null : event.get("task");
        if (task != null && !EXPIRY_SCAN.equals(task)) {
            throw new IllegalArgumentException("unknown task " + task + " (known: " + EXPIRY_SCAN + ")");
        }
        AlertRaiser.ScanResult result = raiser.scanExpiries(lookaheadDays);
        if (result.failed() > 0) {
            throw new IllegalStateException("expiry scan: " + result.failed() + " authorization(s) failed; the scan is retried");
        }
        return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }

    private DynamodbEvent streamEvent(Map<String, Object> event) {
        try {
            return json.readValue(json.writeValueAsBytes(event), Argument.of(DynamodbEvent.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void changed(DynamodbEvent.DynamodbStreamRecord record) {
        Map<String, AttributeValue> newImage = StreamImages.toSdk(record.getDynamodb().getNewImage());
        Map<String, AttributeValue> oldImage = StreamImages.toSdk(record.getDynamodb().getOldImage());
        if (newImage.isEmpty()) {
            return;
        }
        AttributeValue type = newImage.get("type");
        String practiceId = ItemMapper.practiceOf(newImage);
        if (type != null && "AUTHORIZATION".equals(type.s())) {
            raiser.authorizationChanged(practiceId, AlertImages.authorization(typed(oldImage, "AUTHORIZATION")),
                    AlertImages.authorization(newImage));
        } else if (type != null && "APPOINTMENT".equals(type.s())) {
            raiser.appointmentChanged(practiceId, AlertImages.appointment(typed(oldImage, "APPOINTMENT")),
                    AlertImages.appointment(newImage));
        }
    }

    /** The old image when it is a whole item of the type (moto's keys-only first INSERT image is not). */
    private static Map<String, AttributeValue> typed(Map<String, AttributeValue> image, String type) {
        AttributeValue t = image.get("type");
        return t != null && type.equals(t.s()) ? image : null;
    }
}
