package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.localcloud.SentEmail;
import org.therapyops.localcloud.Template;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every table of template.yaml, read whole, as plain JSON lines ("Table {item}"), and the emails sent: the state a run
 * leaves behind. {@link CanonicalDump} makes two runs' dumps comparable.
 */
public final class TableDump {

    /** The key under which a DynamoDB set's members are listed. */
    static final String SET = "$set";

    static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private TableDump() {
    }

    /** The project root: the nearest directory upward holding template.yaml (tests/ under Maven, the root for a benchmark). */
    public static Path projectDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !java.nio.file.Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /**
     * The logical ids of the template's tables that hold the workflow's state: not the cost meter's usage table, whose
     * counts differ between runs by nature (durations, retries, injected faults), not by outcome.
     */
    static List<String> tables() {
        Path template = projectDir().resolve("template.yaml");
        return Template.load(template).resourcesOfType("AWS::DynamoDB::Table").stream().map(Template.Resource::logicalId)
                .filter(id -> !id.equals("UsageTable")).toList();
    }

    /** One item of one table, as plain JSON (numbers as numbers, sets sorted). */
    public record Row(String table, ObjectNode item) {
    }

    /** Every item of every table of the template. */
    public static List<Row> scan(LocalCloud cloud) {
        List<Row> rows = new ArrayList<>();
        for (String table : tables()) {
            String name = cloud.physicalId(table);
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                ScanResponse page = cloud.aws().dynamoDb().scan(b -> b.tableName(name).consistentRead(true).exclusiveStartKey(from));
                page.items().forEach(item -> rows.add(new Row(table, plain(item))));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return rows;
    }

    /** The emails the emulator accepted. */
    public static List<SentEmail> emails(LocalCloud cloud) {
        return cloud.sentEmails();
    }

    static ObjectNode plain(Map<String, AttributeValue> item) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        new TreeMap<>(item).forEach((k, v) -> out.set(k, plain(v)));
        return out;
    }

    static JsonNode plain(AttributeValue v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v.s() != null) {
            return f.textNode(v.s());
        }
        if (v.n() != null) {
            return f.numberNode(new java.math.BigDecimal(v.n()));
        }
        if (v.bool() != null) {
            return f.booleanNode(v.bool());
        }
        if (v.hasM()) {
            return plain(v.m());
        }
        if (v.hasL()) {
            ArrayNode a = f.arrayNode();
            v.l().forEach(e -> a.add(plain(e)));
            return a;
        }
        if (v.hasSs()) {
            // A set has no order: {"$set": [...]}, sorted again once its ids are labels (CanonicalDump).
            ObjectNode set = f.objectNode();
            ArrayNode a = set.putArray(SET);
            v.ss().stream().sorted().forEach(a::add);
            return set;
        }
        if (v.hasNs()) {
            ObjectNode set = f.objectNode();
            ArrayNode a = set.putArray(SET);
            v.ns().stream().map(java.math.BigDecimal::new).sorted().forEach(a::add);
            return set;
        }
        if (v.b() != null) {
            return f.textNode("<binary " + v.b().asByteArray().length + " bytes>");
        }
        return f.nullNode();
    }

    /** How many messages a queue holds, visible or not. */
    static long depth(LocalCloud cloud, String queueLogicalId) {
        Map<QueueAttributeName, String> a = cloud.aws().sqs().getQueueAttributes(b -> b.queueUrl(cloud.physicalId(queueLogicalId))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"))
                + Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
    }

    /** What is still on its way in these rows: bookings not decided (poison aside), claims pending, alerts not emailed. */
    static List<String> unfinished(List<Row> rows) {
        List<String> open = new ArrayList<>();
        for (Row row : rows) {
            ObjectNode i = row.item();
            String type = i.path("type").asText("");
            String status = i.path("status").asText("");
            if (type.equals("APPOINTMENT") && status.equals("REQUESTED") && !i.path("id").asText().startsWith("poison-")) {
                open.add("appointment " + i.path("id").asText() + " REQUESTED");
            }
            if (status.equals("SCRUB_PENDING")) {
                open.add("claim " + i.path("id").asText() + " SCRUB_PENDING");
            }
            if (type.equals("ALERT") && !List.of("SENT", "NO_RECIPIENTS").contains(i.path("emailState").asText(""))) {
                open.add("alert " + i.path("id").asText() + " " + i.path("emailState").asText("not emailed"));
            }
        }
        return open;
    }

    /**
     * What is wrong with the authorizations' counters in these rows: each authorization's scheduled units must be those
     * its SCHEDULED appointments reserved, and authorized = scheduled + rendered + remaining, none below zero. Empty when
     * nothing was reserved twice (or lost).
     */
    public static List<String> reservationProblems(List<Row> rows) {
        Map<String, java.math.BigDecimal> reserved = new TreeMap<>();
        for (Row row : rows) {
            ObjectNode i = row.item();
            if (i.path("type").asText().equals("APPOINTMENT") && i.path("status").asText().equals("SCHEDULED")
                    && i.hasNonNull("authorizationId")) {
                reserved.merge(i.path("pk").asText() + "#" + i.path("authorizationId").asText(), i.path("reservedUnits").decimalValue(),
                        java.math.BigDecimal::add);
            }
        }
        List<String> problems = new ArrayList<>();
        for (Row row : rows) {
            ObjectNode i = row.item();
            if (!i.path("type").asText().equals("AUTHORIZATION")) {
                continue;
            }
            String key = i.path("pk").asText() + "#" + i.path("id").asText();
            java.math.BigDecimal scheduled = i.path("scheduled").decimalValue();
            java.math.BigDecimal sum = scheduled.add(i.path("rendered").decimalValue()).add(i.path("remaining").decimalValue());
            java.math.BigDecimal held = reserved.getOrDefault(key, java.math.BigDecimal.ZERO);
            if (scheduled.compareTo(held) != 0) {
                problems.add("authorization " + i.path("id").asText() + ": scheduled " + scheduled + ", its appointments reserve " + held);
            }
            if (sum.compareTo(i.path("authorized").decimalValue()) != 0 || i.path("remaining").decimalValue().signum() < 0) {
                problems.add("authorization " + i.path("id").asText() + ": authorized " + i.path("authorized") + " is not scheduled "
                        + scheduled + " + rendered " + i.path("rendered") + " + remaining " + i.path("remaining"));
            }
        }
        return problems;
    }

    static Comparator<Row> ORDER = Comparator.comparing(Row::table).thenComparing(r -> r.item().toString());
}
