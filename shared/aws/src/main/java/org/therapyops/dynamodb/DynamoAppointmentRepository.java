package org.therapyops.dynamodb;

import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentAction;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.AuditEntry;
import org.therapyops.domain.authorization.AuthorizationDecision;
import org.therapyops.ports.AppointmentRepository;
import org.therapyops.ports.DoubleBookingException;
import org.therapyops.ports.IllegalTransitionException;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.ports.StaleVersionException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link AppointmentRepository} on the Appointments table. Every change is one transaction: the
 * appointment (conditional on its state and version), the authorization's counters (conditional on the
 * units being there), the provider's and patient's day (conditional on their version, so that two
 * overlapping bookings cannot both pass the overlap check), and an audit entry in the appointment history table.
 */
public final class DynamoAppointmentRepository implements AppointmentRepository {

    static final String BY_START = "ByStart";
    static final String BY_AUTHORIZATION = "ByAuthorization";
    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
    private static final String TRANSACTION_CONFLICT = "TransactionConflict";
    private static final int ATTEMPTS = 8;
    private static final AttributeValue ONE = n(1);

    private final DynamoDbClient dynamo;
    private final Tables tables;
    private final Clock clock;

    public DynamoAppointmentRepository(DynamoDbClient dynamo, Tables tables, Clock clock) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ booking

    @Override
    public void book(String practiceId, Appointment appointment, AuditEntry audit) {
        for (int attempt = 1; ; attempt++) {
            Day provider = day(practiceId, Keys.providerDay(appointment.providerId(), appointment.dateOfService()));
            Day patient = day(practiceId, Keys.patientDay(appointment.patientId(), appointment.dateOfService()));
            requireFree(appointment, provider, patient);
            List<TransactWriteItem> items = new ArrayList<>();
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(tables.appointments())
                    .item(ItemMapper.appointment(practiceId, appointment)).conditionExpression("attribute_not_exists(pk)").build()).build());
            items.add(provider.claim(practiceId, appointment));
            items.add(patient.claim(practiceId, appointment));
            items.add(auditItem(practiceId, audit));
            try {
                transact(items);
                return;
            } catch (TransactionCanceledException e) {
                if (failed(e, 0)) {
                    throw new DuplicateIdException(Keys.appointment(appointment.id()));
                }
                if (attempt >= ATTEMPTS || !contended(e)) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    @Override
    public List<DoubleBookingException.Conflict> conflicts(String practiceId, Appointment appointment) {
        return conflicts(appointment, day(practiceId, Keys.providerDay(appointment.providerId(), appointment.dateOfService())),
                day(practiceId, Keys.patientDay(appointment.patientId(), appointment.dateOfService())));
    }

    private static List<DoubleBookingException.Conflict> conflicts(Appointment appointment, Day provider, Day patient) {
        List<DoubleBookingException.Conflict> conflicts = new ArrayList<>();
        provider.overlapping(appointment).forEach(id -> conflicts.add(new DoubleBookingException.Conflict("provider", id)));
        patient.overlapping(appointment).forEach(id -> conflicts.add(new DoubleBookingException.Conflict("patient", id)));
        return conflicts;
    }

    private static void requireFree(Appointment appointment, Day provider, Day patient) {
        List<DoubleBookingException.Conflict> conflicts = conflicts(appointment, provider, patient);
        if (!conflicts.isEmpty()) {
            throw new DoubleBookingException(conflicts);
        }
    }

    @Override
    public Optional<Appointment> appointment(String practiceId, String appointmentId) {
        var response = dynamo.getItem(GetItemRequest.builder().tableName(tables.appointments())
                .key(Keys.key(practiceId, Keys.appointment(appointmentId))).consistentRead(true).build());
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(ItemMapper.appointment(response.item())) : Optional.empty();
    }

    // ------------------------------------------------------------------ the authorization decision

    @Override
    public RecordOutcome record(String practiceId, Appointment requested, AuthorizationDecision decision) {
        String decidedAt = clock.instant().toString();
        Map<String, String> names = new HashMap<>(Map.of("#status", "status"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":requested", s(AppointmentStatus.REQUESTED.name()), ":at", s(decidedAt), ":one", ONE,
                ":version", n(requested.version())));
        List<TransactWriteItem> items = new ArrayList<>();
        String set;
        String to;
        if (decision instanceof AuthorizationDecision.Reserve reserve) {
            to = AppointmentStatus.SCHEDULED.name();
            set = "SET #status = :to, authorizationId = :auth, authorizationKey = :authKey, reservedUnits = :units, "
                    + "explanation = :why, decidedAt = :at, version = version + :one";
            values.putAll(Map.of(":auth", s(reserve.authorizationId()),
                    ":authKey", s(authorizationKey(practiceId, reserve.authorizationId())),
                    ":units", n(reserve.units()), ":why", s(reserve.explanation())));
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(tables.practice())
                    .key(Keys.key(practiceId, Keys.authorization(requested.patientId(), reserve.authorizationId())))
                    .updateExpression("SET scheduled = scheduled + :units, remaining = remaining - :units, version = version + :one")
                    .conditionExpression("attribute_exists(pk) AND remaining >= :units")
                    .expressionAttributeValues(Map.of(":units", n(reserve.units()), ":one", ONE)).build()).build());
        } else if (decision instanceof AuthorizationDecision.NotRequired notRequired) {
            to = AppointmentStatus.SCHEDULED.name();
            set = "SET #status = :to, explanation = :why, decidedAt = :at, version = version + :one";
            values.put(":why", s(notRequired.explanation()));
        } else if (decision instanceof AuthorizationDecision.Refuse refuse) {
            to = AppointmentStatus.NEEDS_AUTH.name();
            set = "SET #status = :to, reasons = :reasons, decidedAt = :at, version = version + :one";
            values.put(":reasons", AttributeValue.fromL(ItemMapper.reasons(refuse.reasons())));
        } else {
            AuthorizationDecision.ScheduleWithWarnings warned = (AuthorizationDecision.ScheduleWithWarnings) decision;
            to = AppointmentStatus.SCHEDULED.name();
            // `warned` is a plain flag so that a stream filter can select these changes (filters don't look into lists).
            set = "SET #status = :to, warnings = :warnings, warned = :warned, decidedAt = :at, version = version + :one";
            values.put(":warnings", AttributeValue.fromL(ItemMapper.reasons(warned.warnings())));
            values.put(":warned", AttributeValue.fromBool(true));
            // Booked beyond an authorization (no units, or after its window): listed with it, as over-scheduling.
            Optional<String> over = warned.warnings().stream().map(r -> r.details().get("authorizationId"))
                    .filter(java.util.Objects::nonNull).findFirst();
            if (over.isPresent()) {
                set += ", authorizationKey = :authKey";
                values.put(":authKey", s(authorizationKey(practiceId, over.get())));
            }
        }
        values.put(":to", s(to));
        items.add(0, TransactWriteItem.builder().update(Update.builder().tableName(tables.appointments())
                .key(Keys.key(practiceId, Keys.appointment(requested.id())))
                .updateExpression(set).conditionExpression("#status = :requested AND version = :version")
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build());
        items.add(auditItem(practiceId, new AuditEntry(requested.id(), clock.instant(), "authorization-check", "function",
                "DECIDE", AppointmentStatus.REQUESTED.name(), to, null, null)));
        try {
            transact(items);
            return RecordOutcome.RECORDED;
        } catch (TransactionCanceledException e) {
            if (failed(e, 0)) {
                return RecordOutcome.ALREADY_DECIDED;
            }
            if (decision instanceof AuthorizationDecision.Reserve && (failed(e, 1) || conflicted(e))) {
                return RecordOutcome.CONTENDED;
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------ staff actions

    @Override
    public Appointment apply(String practiceId, Appointment current, Transition transition) {
        AppointmentAction action = transition.action();
        for (int attempt = 1; ; attempt++) {
            if (!action.allowedFrom(current.status())) {
                throw new IllegalTransitionException(action, current.status());
            }
            if (transition.expectedVersion() != null && transition.expectedVersion() != current.version()) {
                throw new StaleVersionException("The appointment");
            }
            List<TransactWriteItem> items = new ArrayList<>();
            items.add(appointmentUpdate(practiceId, current, transition));
            unitEffect(practiceId, current, action).ifPresent(items::add);
            items.addAll(dayChanges(practiceId, current, transition));
            items.add(auditItem(practiceId, transition.audit()));
            try {
                transact(items);
                return appointment(practiceId, current.id()).orElseThrow();
            } catch (TransactionCanceledException e) {
                if (attempt >= ATTEMPTS || !(failed(e, 0) || contended(e))) {
                    throw e;
                }
                // The appointment or a day changed under us: decide again on what is there now.
                current = appointment(practiceId, current.id()).orElseThrow();
                backOff(attempt);
            }
        }
    }

    private TransactWriteItem appointmentUpdate(String practiceId, Appointment current, Transition transition) {
        AppointmentAction action = transition.action();
        Map<String, String> names = new HashMap<>(Map.of("#status", "status"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", s(action.to().name()),
                ":from", s(current.status().name()), ":version", n(current.version()), ":one", ONE));
        StringBuilder set = new StringBuilder("SET #status = :to, version = version + :one");
        StringBuilder remove = new StringBuilder();
        switch (action) {
            case CANCEL, NO_SHOW -> {
                if (action.unitEffect(current) == AppointmentAction.UnitEffect.RELEASE) {
                    set.append(", reservedUnits = :zero");
                    values.put(":zero", n(0));
                }
                if (action == AppointmentAction.CANCEL) {
                    // When it was called off, against its start: how late cancellations are told from timely ones.
                    set.append(", ").append(ItemMapper.CANCELLED_AT).append(" = :cancelledAt");
                    values.put(":cancelledAt", s(transition.audit().at().toString()));
                }
                remove.append(" REMOVE authorizationKey"); // no longer holds (or over-books) an authorization
            }
            case RESCHEDULE -> {
                Reschedule r = transition.reschedule();
                names.put("#start", "start");
                set.append(", #start = :start, durationMinutes = :duration, providerId = :provider, startKey = :startKey");
                values.putAll(Map.of(":start", s(r.start().toString()), ":duration", n(r.durationMinutes()),
                        ":provider", s(r.providerId()), ":startKey", s(Keys.startKey(r.start(), current.id()))));
                remove.append(" REMOVE authorizationId, authorizationKey, reservedUnits, reasons, warnings, warned, explanation, "
                        + "decidedAt, overrideBy, overrideReason, overrideAt");
            }
            // NEEDS_AUTH holds no units: only the refusal goes, for the check to decide afresh.
            case RECHECK -> remove.append(" REMOVE reasons, warnings, warned, explanation, decidedAt");
            case OVERRIDE -> {
                set.append(", overrideBy = :by, overrideReason = :why, overrideAt = :at");
                values.putAll(Map.of(":by", s(transition.audit().actor()), ":why", s(transition.audit().reason()),
                        ":at", s(transition.audit().at().toString())));
            }
            default -> { }
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(tables.appointments())
                .key(Keys.key(practiceId, Keys.appointment(current.id())))
                .updateExpression(set + remove.toString()).conditionExpression("#status = :from AND version = :version")
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build();
    }

    private Optional<TransactWriteItem> unitEffect(String practiceId, Appointment current, AppointmentAction action) {
        AppointmentAction.UnitEffect effect = action.unitEffect(current);
        if (effect == AppointmentAction.UnitEffect.NONE) {
            return Optional.empty();
        }
        String set = effect == AppointmentAction.UnitEffect.RELEASE
                ? "SET scheduled = scheduled - :units, remaining = remaining + :units, version = version + :one"
                : "SET scheduled = scheduled - :units, rendered = rendered + :units, version = version + :one";
        return Optional.of(TransactWriteItem.builder().update(Update.builder().tableName(tables.practice())
                .key(Keys.key(practiceId, Keys.authorization(current.patientId(), current.decision().authorizationId())))
                .updateExpression(set).conditionExpression("attribute_exists(pk) AND scheduled >= :units")
                .expressionAttributeValues(Map.of(":units", n(current.decision().reservedUnits()), ":one", ONE))
                .build()).build());
    }

    private List<TransactWriteItem> dayChanges(String practiceId, Appointment current, Transition transition) {
        AppointmentAction action = transition.action();
        String oldProviderDay = Keys.providerDay(current.providerId(), current.dateOfService());
        String oldPatientDay = Keys.patientDay(current.patientId(), current.dateOfService());
        if (action == AppointmentAction.CANCEL || action == AppointmentAction.NO_SHOW) {
            return List.of(release(practiceId, oldProviderDay, current.id()), release(practiceId, oldPatientDay, current.id()));
        }
        if (action != AppointmentAction.RESCHEDULE) {
            return List.of();
        }
        Reschedule r = transition.reschedule();
        Appointment moved = new Appointment(current.id(), current.patientId(), r.providerId(), current.serviceCode(), r.start(),
                r.durationMinutes(), AppointmentStatus.REQUESTED, null, current.seriesId(), current.createdAt(),
                current.createdBy(), current.version());
        Day provider = day(practiceId, Keys.providerDay(moved.providerId(), moved.dateOfService()));
        Day patient = day(practiceId, Keys.patientDay(moved.patientId(), moved.dateOfService()));
        requireFree(moved, provider, patient);
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(provider.claim(practiceId, moved));
        items.add(patient.claim(practiceId, moved));
        // Claiming on the same day overwrites the old interval; on another day the old one is removed.
        if (!provider.sortKey().equals(oldProviderDay)) {
            items.add(release(practiceId, oldProviderDay, current.id()));
        }
        if (!patient.sortKey().equals(oldPatientDay)) {
            items.add(release(practiceId, oldPatientDay, current.id()));
        }
        return items;
    }

    // ------------------------------------------------------------------ reading

    @Override
    public PracticeRepository.Page<Appointment> list(String practiceId, LocalDateTime from, LocalDateTime to, String providerId,
                                                     String patientId, AppointmentStatus status, int limit, String cursor) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(practiceId),
                ":from", s(Keys.startKey(from, "")), ":to", s(Keys.startKey(to, ""))));
        List<String> filters = new ArrayList<>();
        if (providerId != null) {
            filters.add("providerId = :provider");
            values.put(":provider", s(providerId));
        }
        if (patientId != null) {
            filters.add("patientId = :patient");
            values.put(":patient", s(patientId));
        }
        if (status != null) {
            filters.add("#status = :status");
            names.put("#status", "status");
            values.put(":status", s(status.name()));
        }
        List<Appointment> items = new ArrayList<>();
        Map<String, AttributeValue> startKey = Cursors.decode(practiceId, cursor);
        Map<String, AttributeValue> last;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(tables.appointments()).indexName(BY_START)
                    .keyConditionExpression("pk = :pk AND startKey BETWEEN :from AND :to")
                    .filterExpression(filters.isEmpty() ? null : String.join(" AND ", filters))
                    .expressionAttributeNames(names.isEmpty() ? null : names).expressionAttributeValues(values)
                    .exclusiveStartKey(startKey).limit(limit - items.size()).build());
            page.items().forEach(item -> items.add(ItemMapper.appointment(item)));
            last = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            startKey = last;
        } while (last != null && items.size() < limit);
        return new PracticeRepository.Page<>(items, last == null ? null : Cursors.encode(last));
    }

    @Override
    public List<Appointment> byAuthorization(String practiceId, String authorizationId) {
        List<Appointment> result = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(tables.appointments()).indexName(BY_AUTHORIZATION)
                    .keyConditionExpression("authorizationKey = :k")
                    .expressionAttributeValues(Map.of(":k", s(authorizationKey(practiceId, authorizationId))))
                    .exclusiveStartKey(startKey).build());
            page.items().forEach(item -> result.add(ItemMapper.appointment(item)));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return result;
    }

    @Override
    public List<AuditEntry> audit(String practiceId, String appointmentId) {
        List<AuditEntry> entries = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(tables.appointmentHistory()).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", s(practiceId), ":prefix", s("AUDIT#" + appointmentId + "#")))
                    .exclusiveStartKey(startKey).build());
            page.items().forEach(item -> entries.add(ItemMapper.audit(item)));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return entries;
    }

    // ------------------------------------------------------------------ days (double-booking guard)

    /** A provider's or patient's booked intervals on one day, as read, with the version to write against. */
    private record Day(String table, String sortKey, Map<String, String> slots, long version, boolean exists) {

        List<String> overlapping(Appointment a) {
            return org.therapyops.domain.DaySchedule.overlapping(slots, a.id(), a.start().toLocalTime(), a.end().toLocalTime());
        }

        TransactWriteItem claim(String practiceId, Appointment a) {
            String interval = org.therapyops.domain.DaySchedule.interval(a.start().toLocalTime(), a.end().toLocalTime());
            return TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(Keys.key(practiceId, sortKey))
                    .updateExpression(exists ? "SET slots.#a = :i, version = version + :one"
                            : "SET slots = :slots, version = :one, #type = :type")
                    .conditionExpression(exists ? "version = :v" : "attribute_not_exists(pk)")
                    .expressionAttributeNames(exists ? Map.of("#a", a.id()) : Map.of("#type", "type"))
                    .expressionAttributeValues(exists ? Map.of(":i", s(interval), ":one", ONE, ":v", n(version))
                            : Map.of(":slots", AttributeValue.fromM(Map.of(a.id(), s(interval))), ":one", ONE, ":type", s("DAY")))
                    .build()).build();
        }
    }

    private Day day(String practiceId, String sortKey) {
        var response = dynamo.getItem(GetItemRequest.builder().tableName(tables.appointments())
                .key(Keys.key(practiceId, sortKey)).consistentRead(true).build());
        if (!response.hasItem() || response.item().isEmpty()) {
            return new Day(tables.appointments(), sortKey, Map.of(), 0, false);
        }
        Map<String, String> slots = new HashMap<>();
        AttributeValue map = response.item().get("slots");
        if (map != null && map.hasM()) {
            map.m().forEach((id, interval) -> slots.put(id, interval.s()));
        }
        return new Day(tables.appointments(), sortKey, slots, Long.parseLong(response.item().get("version").n()), true);
    }

    private TransactWriteItem release(String practiceId, String sortKey, String appointmentId) {
        return TransactWriteItem.builder().update(Update.builder().tableName(tables.appointments())
                .key(Keys.key(practiceId, sortKey))
                .updateExpression("REMOVE slots.#a SET version = version + :one")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#a", appointmentId))
                .expressionAttributeValues(Map.of(":one", ONE)).build()).build();
    }

    // ------------------------------------------------------------------ helpers

    private TransactWriteItem auditItem(String practiceId, AuditEntry entry) {
        Map<String, AttributeValue> item = ItemMapper.audit(practiceId,
                Keys.audit(entry.entityId(), entry.at(), UUID.randomUUID().toString().substring(0, 8)), entry);
        return TransactWriteItem.builder().put(Put.builder().tableName(tables.appointmentHistory()).item(item).build()).build();
    }

    private void transact(List<TransactWriteItem> items) {
        dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(items).build());
    }

    static String authorizationKey(String practiceId, String authorizationId) {
        return practiceId + "#" + authorizationId;
    }

    private static boolean failed(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons.size() > index && CONDITIONAL_CHECK_FAILED.equals(reasons.get(index).code());
    }

    private static boolean conflicted(TransactionCanceledException e) {
        return e.cancellationReasons().stream().anyMatch(r -> TRANSACTION_CONFLICT.equals(r.code()));
    }

    /** A day's version moved (another booking on the same day) or a transaction held an item: worth another try. */
    private static boolean contended(TransactionCanceledException e) {
        List<CancellationReason> reasons = e.cancellationReasons();
        for (int i = 1; i < reasons.size(); i++) {
            if (CONDITIONAL_CHECK_FAILED.equals(reasons.get(i).code())) {
                return true;
            }
        }
        return conflicted(e);
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 5L + 10L * Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
