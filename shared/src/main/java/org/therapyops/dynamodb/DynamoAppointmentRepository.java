package org.therapyops.dynamodb;

import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.authorization.AuthorizationDecision;
import org.therapyops.ports.AppointmentRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link AppointmentRepository} on the Appointments table. A reservation is one transaction across the
 * Appointments and Practice tables: the appointment moves REQUESTED → SCHEDULED at the version read,
 * and the authorization's counters move only while enough units remain.
 */
public final class DynamoAppointmentRepository implements AppointmentRepository {

    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
    private static final String TRANSACTION_CONFLICT = "TransactionConflict";

    private final DynamoDbClient dynamo;
    private final Tables tables;
    private final Clock clock;

    public DynamoAppointmentRepository(DynamoDbClient dynamo, Tables tables, Clock clock) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.clock = clock;
    }

    @Override
    public void create(String practiceId, Appointment appointment) {
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(tables.appointments())
                    .item(ItemMapper.appointment(practiceId, appointment))
                    .conditionExpression("attribute_not_exists(pk)").build());
        } catch (ConditionalCheckFailedException e) {
            throw new DuplicateIdException(Keys.appointment(appointment.id()));
        }
    }

    @Override
    public Optional<Appointment> appointment(String practiceId, String appointmentId) {
        var response = dynamo.getItem(GetItemRequest.builder().tableName(tables.appointments())
                .key(Keys.key(practiceId, Keys.appointment(appointmentId))).consistentRead(true).build());
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(ItemMapper.appointment(response.item())) : Optional.empty();
    }

    @Override
    public RecordOutcome record(String practiceId, Appointment requested, AuthorizationDecision decision) {
        String decidedAt = clock.instant().toString();
        if (decision instanceof AuthorizationDecision.Reserve reserve) {
            return reserve(practiceId, requested, reserve, decidedAt);
        }
        return refuse(practiceId, requested, (AuthorizationDecision.Refuse) decision, decidedAt);
    }

    private RecordOutcome reserve(String practiceId, Appointment requested, AuthorizationDecision.Reserve reserve, String decidedAt) {
        Update appointment = Update.builder().tableName(tables.appointments())
                .key(Keys.key(practiceId, Keys.appointment(requested.id())))
                .updateExpression("SET #status = :scheduled, authorizationId = :auth, reservedUnits = :units, "
                        + "explanation = :why, decidedAt = :at, version = version + :one")
                .conditionExpression("#status = :requested AND version = :version")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(
                        ":scheduled", AttributeValue.fromS(AppointmentStatus.SCHEDULED.name()),
                        ":requested", AttributeValue.fromS(AppointmentStatus.REQUESTED.name()),
                        ":auth", AttributeValue.fromS(reserve.authorizationId()),
                        ":units", n(reserve.units()),
                        ":why", AttributeValue.fromS(reserve.explanation()),
                        ":at", AttributeValue.fromS(decidedAt),
                        ":one", n(1),
                        ":version", n(requested.version())))
                .build();
        Update authorization = Update.builder().tableName(tables.practice())
                .key(Keys.key(practiceId, Keys.authorization(requested.patientId(), reserve.authorizationId())))
                .updateExpression("SET scheduled = scheduled + :units, remaining = remaining - :units, version = version + :one")
                .conditionExpression("attribute_exists(pk) AND remaining >= :units")
                .expressionAttributeValues(Map.of(":units", n(reserve.units()), ":one", n(1)))
                .build();
        try {
            dynamo.transactWriteItems(TransactWriteItemsRequest.builder()
                    .transactItems(TransactWriteItem.builder().update(appointment).build(),
                            TransactWriteItem.builder().update(authorization).build())
                    .build());
            return RecordOutcome.RECORDED;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (reasons.size() != 2) {
                throw e;
            }
            if (CONDITIONAL_CHECK_FAILED.equals(reasons.get(0).code())) {
                return RecordOutcome.ALREADY_DECIDED;
            }
            if (CONDITIONAL_CHECK_FAILED.equals(reasons.get(1).code())
                    || reasons.stream().anyMatch(r -> TRANSACTION_CONFLICT.equals(r.code()))) {
                return RecordOutcome.CONTENDED;
            }
            throw e;
        }
    }

    private RecordOutcome refuse(String practiceId, Appointment requested, AuthorizationDecision.Refuse refuse, String decidedAt) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(tables.appointments())
                    .key(Keys.key(practiceId, Keys.appointment(requested.id())))
                    .updateExpression("SET #status = :needsAuth, reasons = :reasons, decidedAt = :at, version = version + :one")
                    .conditionExpression("#status = :requested AND version = :version")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":needsAuth", AttributeValue.fromS(AppointmentStatus.NEEDS_AUTH.name()),
                            ":requested", AttributeValue.fromS(AppointmentStatus.REQUESTED.name()),
                            ":reasons", AttributeValue.fromL(ItemMapper.reasons(refuse.reasons())),
                            ":at", AttributeValue.fromS(decidedAt),
                            ":one", n(1),
                            ":version", n(requested.version())))
                    .build());
            return RecordOutcome.RECORDED;
        } catch (ConditionalCheckFailedException e) {
            return RecordOutcome.ALREADY_DECIDED;
        }
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
