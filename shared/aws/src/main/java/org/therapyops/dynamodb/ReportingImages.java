package org.therapyops.dynamodb;

import org.therapyops.reporting.ClaimSnapshot;
import org.therapyops.reporting.service.ReportingService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * Hands one item of a source table — a stream record's new image, or an item the backfill read — to the reporting,
 * by its type: a claim, a ledger posting or a capture record (Claims table), a note (Notes table), an appointment
 * (Appointments table), an entry of an appointment's history (read as the appointment it names, as it is now), an
 * authorization (Practice table). Anything else is not reported on.
 */
public final class ReportingImages {

    private final ReportingService reporting;
    private final DynamoDbClient dynamo;
    private final Tables tables;

    public ReportingImages(ReportingService reporting, DynamoDbClient dynamo, Tables tables) {
        this.reporting = reporting;
        this.dynamo = dynamo;
        this.tables = tables;
    }

    /** The item's type attribute, or null. */
    public static String typeOf(Map<String, AttributeValue> item) {
        AttributeValue type = item.get("type");
        return type == null ? null : type.s();
    }

    /** @return whether the reports changed */
    public boolean apply(Map<String, AttributeValue> item) {
        String type = typeOf(item);
        if (type == null || !item.containsKey(Keys.PK)) {
            return false;
        }
        String practiceId = ItemMapper.practiceOf(item);
        return switch (type) {
            case "CLAIM" -> reporting.claimChanged(practiceId,
                    new ClaimSnapshot(BillingItems.claim(item), Attributes.of(item).optionalInstant("scrubbedAt")));
            case "POSTING" -> reporting.postingRecorded(practiceId, BillingItems.posting(item));
            case "CAPTURE" -> reporting.captureRecorded(practiceId, BillingItems.capture(item));
            case "NOTE" -> reporting.noteChanged(practiceId, BillingItems.note(item));
            case "APPOINTMENT" -> reporting.appointmentChanged(practiceId, ItemMapper.appointment(item),
                    Attributes.of(item).optionalInstant(ItemMapper.CANCELLED_AT));
            case "AUDIT" -> appointmentOf(practiceId, item);
            case "AUTHORIZATION" -> reporting.authorizationChanged(practiceId, ItemMapper.authorization(item));
            default -> false;
        };
    }

    /** A history entry: the appointment it is about, read now (consistently), is what is reported. */
    private boolean appointmentOf(String practiceId, Map<String, AttributeValue> entry) {
        AttributeValue entity = entry.get("entityId");
        if (entity == null || entity.s() == null) {
            return false;
        }
        Map<String, AttributeValue> appointment = dynamo.getItem(b -> b.tableName(tables.appointments())
                .key(Keys.key(practiceId, Keys.appointment(entity.s()))).consistentRead(true)).item();
        return appointment != null && !appointment.isEmpty() && apply(appointment);
    }
}
