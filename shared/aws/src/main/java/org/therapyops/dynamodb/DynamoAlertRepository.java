package org.therapyops.dynamodb;

import org.therapyops.domain.alert.Alert;
import org.therapyops.domain.alert.AlertStatus;
import org.therapyops.domain.alert.AlertType;
import org.therapyops.domain.alert.ReviewDigest;
import org.therapyops.domain.alert.WeeklyReport;
import org.therapyops.ports.AlertRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link AlertRepository} on the Alerts table: pk = practice id, sk = alert id. The local index
 * {@value #BY_STATUS} sorts a practice's alerts by "status#createdAt", so a status lists newest first.
 * Items expire ({@code expiresAt}, TTL) a year after they were raised.
 */
public final class DynamoAlertRepository implements AlertRepository {

    public static final String BY_STATUS = "byStatus";
    static final String STATUS_KEY = "statusCreatedAt";
    private static final Duration RETENTION = Duration.ofDays(365);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAlertRepository(DynamoDbClient dynamo, String alertsTable) {
        this.dynamo = dynamo;
        this.table = alertsTable;
    }

    @Override
    public boolean putIfAbsent(Alert alert) {
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item(alert))
                    .conditionExpression("attribute_not_exists(sk)").build());
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public Optional<Alert> alert(String practiceId, String alertId) {
        return get(practiceId, alertId).map(DynamoAlertRepository::alert);
    }

    @Override
    public boolean queued(String practiceId, String alertId) {
        return get(practiceId, alertId).map(i -> i.containsKey("queuedAt")).orElse(false);
    }

    @Override
    public void markQueued(String practiceId, String alertId, Instant at) {
        dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(Keys.key(practiceId, alertId))
                .updateExpression("SET queuedAt = :at").conditionExpression("attribute_exists(sk)")
                .expressionAttributeValues(Map.of(":at", Keys.s(at.toString()))).build());
    }

    @Override
    public Page list(String practiceId, AlertStatus status, int limit, String cursor) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(BY_STATUS)
                .keyConditionExpression("pk = :pk AND begins_with(" + STATUS_KEY + ", :status)")
                .expressionAttributeValues(Map.of(":pk", Keys.s(practiceId), ":status", Keys.s(status.name() + "#")))
                .scanIndexForward(false).limit(limit);
        if (cursor != null && !cursor.isBlank()) {
            query.exclusiveStartKey(decodeCursor(cursor, practiceId, status));
        }
        var page = dynamo.query(query.build());
        String next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? encodeCursor(page.lastEvaluatedKey()) : null;
        return new Page(page.items().stream().map(DynamoAlertRepository::alert).toList(), next);
    }

    @Override
    public Optional<Alert> acknowledge(String practiceId, String alertId, String by, Instant at) {
        try {
            var response = dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(Keys.key(practiceId, alertId))
                    .updateExpression("SET #status = :ack, acknowledgedBy = :by, acknowledgedAt = :at, "
                            + STATUS_KEY + " = :statusKey ADD version :one")
                    .conditionExpression("attribute_exists(sk) AND #status = :open")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":ack", Keys.s(AlertStatus.ACKNOWLEDGED.name()),
                            ":open", Keys.s(AlertStatus.OPEN.name()), ":by", Keys.s(by), ":at", Keys.s(at.toString()),
                            ":statusKey", Keys.s(AlertStatus.ACKNOWLEDGED.name() + "#" + createdAtOf(practiceId, alertId)),
                            ":one", AttributeValue.fromN("1")))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
            return Optional.of(alert(response.attributes()));
        } catch (ConditionalCheckFailedException e) {
            if (!e.hasItem() || e.item().isEmpty()) {
                return Optional.empty();
            }
            throw new AlertStateException("Alert " + alertId + " is " + e.item().get("status").s() + ", not OPEN.");
        }
    }

    @Override
    public EmailClaim claimEmail(String practiceId, String alertId, Instant now, Instant leaseUntil) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(Keys.key(practiceId, alertId))
                    .updateExpression("SET emailState = :sending, leaseUntil = :lease")
                    .conditionExpression("attribute_exists(sk) AND (attribute_not_exists(emailState) "
                            + "OR (emailState = :sending AND leaseUntil < :now))")
                    .expressionAttributeValues(Map.of(":sending", Keys.s(EmailState.SENDING.name()),
                            ":lease", Keys.s(leaseUntil.toString()), ":now", Keys.s(now.toString())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
            return EmailClaim.CLAIMED;
        } catch (ConditionalCheckFailedException e) {
            if (!e.hasItem() || e.item().isEmpty()) {
                return EmailClaim.UNKNOWN;
            }
            AttributeValue state = e.item().get("emailState");
            return state != null && EmailState.SENDING.name().equals(state.s()) ? EmailClaim.LEASED : EmailClaim.DONE;
        }
    }

    @Override
    public void markEmail(String practiceId, String alertId, EmailState state, String messageId, Instant at) {
        Attributes values = Attributes.builder().put(":state", state.name()).put(":at", at.toString())
                .put(":sending", EmailState.SENDING.name());
        String update = "SET emailState = :state, emailAt = :at REMOVE leaseUntil";
        if (messageId != null) {
            values.put(":messageId", messageId);
            update = "SET emailState = :state, emailAt = :at, emailMessageId = :messageId REMOVE leaseUntil";
        }
        dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(Keys.key(practiceId, alertId))
                .updateExpression(update).conditionExpression("emailState = :sending")
                .expressionAttributeValues(values.build()).build());
    }

    private String createdAtOf(String practiceId, String alertId) {
        return get(practiceId, alertId).map(i -> i.get("createdAt").s()).orElse("");
    }

    private Optional<Map<String, AttributeValue>> get(String practiceId, String alertId) {
        var response = dynamo.getItem(GetItemRequest.builder().tableName(table).key(Keys.key(practiceId, alertId))
                .consistentRead(true).build());
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    static Map<String, AttributeValue> item(Alert a) {
        Attributes item = Attributes.builder().put(Keys.PK, a.practiceId()).put(Keys.SK, a.id()).put("type", "ALERT").put("id", a.id())
                .put("alertType", a.type()).put("threshold", a.threshold()).put("authorizationId", a.authorizationId())
                .put("appointmentId", a.appointmentId()).put("patientId", a.patientId())
                .put("patientInitials", a.patientInitials()).put("authorizationNumber", a.authorizationNumber())
                .put("endDate", a.endDate()).put("serviceDate", a.serviceDate()).put("message", a.message())
                .put("createdAt", a.createdAt()).put("status", a.status())
                .put(STATUS_KEY, a.status() + "#" + a.createdAt())
                .put("acknowledgedBy", a.acknowledgedBy()).put("acknowledgedAt", a.acknowledgedAt())
                .put("expiresAt", a.createdAt().plus(RETENTION).getEpochSecond()).put("version", 1);
        if (a.reviewDigest() != null) {
            item.putMap("reviewDigest", digest(a.reviewDigest()));
        }
        if (a.weeklyReport() != null) {
            item.putMap("weeklyReport", weekly(a.weeklyReport()));
        }
        return item.build();
    }

    static Alert alert(Map<String, AttributeValue> item) {
        Attributes a = Attributes.of(item);
        return new Alert(a.string("id"), a.string(Keys.PK), a.enumValue("alertType", AlertType.class), (int) a.number("threshold"),
                a.optionalString("authorizationId"), a.optionalString("appointmentId"), a.optionalString("patientId"),
                a.optionalString("patientInitials"), a.optionalString("authorizationNumber"), a.optionalDate("endDate"),
                a.optionalDate("serviceDate"), a.string("message"), a.instant("createdAt"),
                a.enumValue("status", AlertStatus.class), a.optionalString("acknowledgedBy"), a.optionalInstant("acknowledgedAt"),
                item.containsKey("reviewDigest") ? digest(item.get("reviewDigest").m()) : null,
                item.containsKey("weeklyReport") ? weekly(item.get("weeklyReport").m()) : null);
    }

    private static Map<String, AttributeValue> weekly(WeeklyReport w) {
        return Attributes.builder().put("from", w.from()).put("to", w.to()).putList("figures", w.figures(), f -> AttributeValue.fromM(
                Attributes.builder().put("name", f.name()).put("label", f.label()).put("kind", f.kind())
                        .putAmount("value", f.value()).putAmount("previous", f.previous()).build())).build();
    }

    private static WeeklyReport weekly(Map<String, AttributeValue> m) {
        Attributes w = Attributes.of(m);
        return new WeeklyReport(w.date("from"), w.date("to"), w.list("figures").stream().map(v -> {
            Attributes f = Attributes.of(v.m());
            return new WeeklyReport.Figure(f.string("name"), f.string("label"), f.enumValue("kind", WeeklyReport.Kind.class),
                    f.optionalAmount("value"), f.optionalAmount("previous"));
        }).toList());
    }

    private static Map<String, AttributeValue> digest(ReviewDigest d) {
        Map<String, AttributeValue> hints = new HashMap<>();
        d.fixHints().forEach((rule, hint) -> hints.put(rule, AttributeValue.fromS(hint)));
        return Attributes.builder().put("asOf", d.asOf()).put("total", d.total())
                .putList("claims", d.claims(), c -> {
                    Attributes m = Attributes.builder().put("claimId", c.claimId()).put("dateOfService", c.dateOfService())
                            .put("payerName", c.payerName()).put("moreErrors", c.moreErrors())
                            .putList("errors", c.errors(), e -> AttributeValue.fromM(Attributes.builder()
                                    .put("ruleId", e.ruleId()).put("field", e.field()).build()));
                    Map<String, AttributeValue> built = m.build();
                    if (c.billedAmount() != null) {
                        built.put("billedAmount", AttributeValue.fromN(c.billedAmount().toPlainString()));
                    }
                    return AttributeValue.fromM(built);
                })
                .putMap("fixHints", hints).build();
    }

    private static ReviewDigest digest(Map<String, AttributeValue> m) {
        Attributes d = Attributes.of(m);
        Map<String, String> hints = new TreeMap<>();
        AttributeValue rawHints = m.get("fixHints");
        if (rawHints != null && rawHints.hasM()) {
            rawHints.m().forEach((rule, hint) -> hints.put(rule, hint.s()));
        }
        return new ReviewDigest(d.date("asOf"), (int) d.number("total"), d.list("claims").stream().map(v -> {
            Attributes c = Attributes.of(v.m());
            AttributeValue amount = v.m().get("billedAmount");
            return new ReviewDigest.ClaimLine(c.string("claimId"), c.optionalDate("dateOfService"), c.optionalString("payerName"),
                    amount == null ? null : new BigDecimal(amount.n()),
                    c.list("errors").stream().map(e -> new ReviewDigest.RuleError(Attributes.of(e.m()).string("ruleId"),
                            Attributes.of(e.m()).optionalString("field"))).toList(),
                    (int) c.optionalNumber("moreErrors", 0));
        }).toList(), hints);
    }

    private static String encodeCursor(Map<String, AttributeValue> key) {
        return Cursors.encode(key);
    }

    /** Only a cursor of this practice's listing of this status is accepted. */
    private static Map<String, AttributeValue> decodeCursor(String cursor, String practiceId, AlertStatus status) {
        try {
            return Cursors.decode(practiceId, cursor, key -> key.containsKey(STATUS_KEY) && key.containsKey(Keys.SK)
                    && key.get(STATUS_KEY).s().startsWith(status.name() + "#"));
        } catch (org.therapyops.ports.InvalidCursorException e) {
            throw new InvalidAlertCursorException();
        }
    }
}
