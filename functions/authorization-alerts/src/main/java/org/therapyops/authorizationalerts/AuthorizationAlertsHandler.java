package org.therapyops.authorizationalerts;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import org.therapyops.alerting.AlertRaiser;
import org.therapyops.dynamodb.AlertImages;
import org.therapyops.dynamodb.ItemMapper;
import org.therapyops.lambda.StreamImages;
import org.therapyops.wiring.handlers.StreamOrTaskHandler;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * Raises authorization alerts from three sources: the Practice stream (authorization counters changed), the
 * Appointments stream (an appointment blocked or scheduled with warnings), both as {@code Records}, and the daily
 * {@value #EXPIRY_SCAN} schedule (authorizations nearing their end date; also an event without a task). A scan that
 * fails for some authorization throws, so the scheduler retries it. The billers' review digest and the scrub sweep
 * are functions of their own.
 */
public class AuthorizationAlertsHandler extends StreamOrTaskHandler {

    static final String EXPIRY_SCAN = "expiry-scan";

    @Inject
    AlertRaiser raiser;

    @Value("${expiry.lookahead.days:60}")
    int lookaheadDays;

    public AuthorizationAlertsHandler() {
        super("authorization-alerts", "authorization(s) failed");
    }

    @Override
    protected long task(Object task) {
        if (task != null && !EXPIRY_SCAN.equals(task)) {
            throw new IllegalArgumentException("unknown task " + task + " (known: " + EXPIRY_SCAN + ")");
        }
        return raiser.scanExpiries(lookaheadDays).failed();
    }

    @Override
    protected void changed(DynamodbEvent.DynamodbStreamRecord record) {
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
