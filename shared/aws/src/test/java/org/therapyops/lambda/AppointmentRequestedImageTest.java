package org.therapyops.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import org.junit.jupiter.api.Test;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.dynamodb.ItemMapper;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A booked appointment arriving on the Appointments stream, decoded the way the authorization-check
 * function decodes it. The event is built by hand in the Lambda DynamoDB stream event shape because
 * aws-lambda-java-serialization is not on this module's test classpath.
 */
class AppointmentRequestedImageTest {

    @Test
    void theNewImageDecodesIntoTheRequestedAppointment() {
        Map<String, AttributeValue> image = StreamImages.toSdk(appointmentRequested().getRecords().get(0).getDynamodb().getNewImage());

        assertThat(ItemMapper.appointment(image)).isEqualTo(new Appointment("appt-1001", "pat-7", "prov-3", "97110",
                LocalDateTime.of(2026, 12, 3, 10, 0), 45, AppointmentStatus.REQUESTED, null, null,
                Instant.parse("2026-11-20T14:05:09Z"), "staff-9", 1));
    }

    @Test
    void theNewImageNamesThePracticeItBelongsTo() {
        Map<String, AttributeValue> image = StreamImages.toSdk(appointmentRequested().getRecords().get(0).getDynamodb().getNewImage());

        assertThat(ItemMapper.practiceOf(image)).isEqualTo("practice-42");
    }

    @Test
    void aBatchOfRequestedAppointmentsDecodesWithoutFailures() {
        List<Appointment> decoded = new ArrayList<>();

        StreamsEventResponse response = StreamBatch.process(appointmentRequested(),
                r -> decoded.add(ItemMapper.appointment(StreamImages.toSdk(r.getDynamodb().getNewImage()))));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(decoded).extracting(Appointment::id).containsExactly("appt-1001");
    }

    @Test
    void anUnreadableImageFailsItsRecord() {
        DynamodbEvent event = appointmentRequested();
        event.getRecords().get(0).getDynamodb().getNewImage().put("start", s("Thursday morning"));

        StreamsEventResponse response = StreamBatch.process(event,
                r -> ItemMapper.appointment(StreamImages.toSdk(r.getDynamodb().getNewImage())));

        assertThat(response.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("4421300000000012345678901");
    }

    /** What Lambda delivers when staff book a 45-minute 97110 session (eventName INSERT, NEW_AND_OLD_IMAGES). */
    private static DynamodbEvent appointmentRequested() {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image = new LinkedHashMap<>();
        image.put("pk", s("practice-42"));
        image.put("sk", s("APPOINTMENT#appt-1001"));
        image.put("type", s("APPOINTMENT"));
        image.put("id", s("appt-1001"));
        image.put("patientId", s("pat-7"));
        image.put("providerId", s("prov-3"));
        image.put("serviceCode", s("97110"));
        image.put("start", s("2026-12-03T10:00"));
        image.put("durationMinutes", n("45"));
        image.put("status", s("REQUESTED"));
        image.put("createdAt", s("2026-11-20T14:05:09Z"));
        image.put("createdBy", s("staff-9"));
        image.put("version", n("1"));

        StreamRecord change = new StreamRecord()
                .withApproximateCreationDateTime(Date.from(Instant.parse("2026-11-20T14:05:09Z")))
                .withKeys(Map.of("pk", s("practice-42"), "sk", s("APPOINTMENT#appt-1001")))
                .withNewImage(image)
                .withSequenceNumber("4421300000000012345678901")
                .withSizeBytes(312L)
                .withStreamViewType(StreamViewType.NEW_AND_OLD_IMAGES);
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventID("c4ca4238a0b923820dcc509a6f75849b");
        record.setEventName("INSERT");
        record.setEventVersion("1.1");
        record.setEventSource("aws:dynamodb");
        record.setAwsRegion("us-east-1");
        record.setDynamodb(change);
        record.setEventSourceARN("arn:aws:dynamodb:us-east-1:123456789012:table/Appointments/stream/2026-11-01T00:00:00.000");

        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(new ArrayList<>(List.of(record)));
        return event;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue s(String value) {
        return new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue().withS(value);
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue n(String value) {
        return new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue().withN(value);
    }
}
