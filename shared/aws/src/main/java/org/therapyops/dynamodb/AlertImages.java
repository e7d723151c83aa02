package org.therapyops.dynamodb;

import org.therapyops.domain.alert.AppointmentOutcome;
import org.therapyops.domain.alert.AuthorizationImage;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/** Reads the parts of stream images and index items that the alert rules need; null for an absent image. */
public final class AlertImages {

    private AlertImages() {
    }

    /** @throws MalformedItemException when the image is not an authorization item */
    public static AuthorizationImage authorization(Map<String, AttributeValue> image) {
        if (image == null || image.isEmpty()) {
            return null;
        }
        return AuthorizationImage.of(ItemMapper.authorization(image));
    }

    /** @throws MalformedItemException when the image is not an appointment item */
    public static AppointmentOutcome appointment(Map<String, AttributeValue> image) {
        if (image == null || image.isEmpty()) {
            return null;
        }
        Attributes a = Attributes.of(image);
        return new AppointmentOutcome(a.string("id"), a.string("patientId"), a.string("serviceCode"),
                a.dateTime("start").toLocalDate(), a.string("status"), a.optionalString("authorizationId"),
                a.list("reasons").stream().map(ItemMapper::reason).toList(),
                a.list("warnings").stream().map(ItemMapper::reason).toList(), a.number("version"));
    }
}
