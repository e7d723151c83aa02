package org.therapyops.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * DynamoDB capacity as AWS would bill it, for the requests the IAM gates forward, because moto's own
 * {@code ConsumedCapacity} is not AWS's: each data-plane request passes here one at a time (one lock for every gate;
 * bin/moto-server serializes DynamoDB anyway), the items a write touches are read from moto just before and just after
 * it (one consistent BatchGetItem each), a filtered or projected read is repeated without its filter and projection
 * to size what DynamoDB reads, and {@link CapacityRules} turns requests and sizes into units. A request that asked for
 * its consumed capacity gets these units in its answer (TOTAL shape; with {@code x-amz-crc32} recomputed), so that the
 * functions' cost meter reads on the local cloud what it reads on AWS; and every unit is counted for the calling
 * function in {@link CloudUsage}, refused writes (whose units DynamoDB bills but does not report) included.
 */
final class CapacityMeter {

    /** Errors after which DynamoDB still bills the write: a failed condition, a cancelled transaction. */
    static final Set<String> BILLED_ERRORS = Set.of("ConditionalCheckFailedException", "TransactionCanceledException");
    private static final Set<String> DATA_PLANE = Set.of("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan",
            "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems");
    private static final Pattern NAME = Pattern.compile("#[A-Za-z0-9_]+");
    private static final Pattern VALUE = Pattern.compile(":[A-Za-z0-9_]+");

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, CapacityRules.TableDef> tables;
    private final URI target;
    private final CloudUsage usage;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** tables: by physical name. */
    CapacityMeter(Map<String, CapacityRules.TableDef> tables, URI target, CloudUsage usage) {
        this.tables = tables;
        this.target = target;
        this.usage = usage;
    }

    static boolean meters(String operation) {
        return DATA_PLANE.contains(operation);
    }

    /** Sends one request to the emulator. */
    @FunctionalInterface
    interface Forwarder {
        ClientRequestTokens.Answer forward() throws IOException;
    }

    /** Forwards a DynamoDB request of {@code function} through {@code forwarder}, metering it. */
    ClientRequestTokens.Answer forward(String function, String operation, byte[] body, String authorization, Forwarder forwarder)
            throws IOException {
        JsonNode request = Json.MAPPER.readTree(body);
        lock.lock();
        try {
            List<String[]> targets = new ArrayList<>(); // table, action
            List<JsonNode> keys = new ArrayList<>();
            if (CapacityRules.WRITES.contains(operation)) {
                writtenItems(operation, request, targets, keys);
            }
            long t0 = System.nanoTime();
            List<JsonNode> before = read(targets, keys, authorization);
            long t1 = System.nanoTime();
            ClientRequestTokens.Answer answer = forwarder.forward();
            long t2 = System.nanoTime();
            JsonNode response = answer.body().length == 0 ? null : Json.MAPPER.readTree(answer.body());
            String error = answer.status() >= 400 && response != null ? errorType(response) : null;
            List<CapacityRules.Line> lines;
            if (error != null && !BILLED_ERRORS.contains(error)) {
                lines = List.of(); // validation errors and the like are not billed
            } else {
                List<JsonNode> after = read(targets, keys, authorization);
                List<CapacityRules.Image> images = new ArrayList<>();
                for (int i = 0; i < keys.size(); i++) {
                    images.add(new CapacityRules.Image(targets.get(i)[0], targets.get(i)[1], keys.get(i), before.get(i), after.get(i)));
                }
                lines = lines(operation, request, response, error, images, authorization);
            }
            // What the function waited for: moto's answer, and (local only) the meter's own reads before and after.
            usage.add(function, "dynamodbMillis", (t2 - t1) / 1_000_000);
            usage.add(function, "meterMillis", (t1 - t0 + System.nanoTime() - t2) / 1_000_000);
            double read = 0;
            double write = 0;
            Map<String, double[]> byTable = new LinkedHashMap<>(); // physical → units
            for (CapacityRules.Line l : lines) {
                read += l.rru();
                write += l.wru() + l.indexWru();
                byTable.computeIfAbsent(physical(l.table()), t -> new double[1])[0] += l.rru() + l.wru() + l.indexWru();
            }
            usage.add(function, "dynamodbRequests", 1);
            for (String table : tablesOf(operation, request)) {
                usage.add(function, "requests@" + logical(table), 1);
            }
            if (error == null) {
                usage.add(function, "dynamodbReadRequestUnits", read);
                usage.add(function, "dynamodbWriteRequestUnits", write);
                for (CapacityRules.Line l : lines) {
                    // by table (logical id), to tell where the units go
                    String table = l.table().contains(" / ") ? l.table().substring(0, l.table().indexOf(" / ")) : l.table();
                    usage.add(function, "rru@" + table, l.rru());
                    usage.add(function, "wru@" + table, l.wru() + l.indexWru());
                }
            } else {
                usage.add(function, "dynamodbRefusedWrites", 1);
                usage.add(function, "dynamodbRefusedWriteUnits", write);
            }
            String asked = request.path("ReturnConsumedCapacity").asText("NONE");
            if (error == null && answer.status() == 200 && response instanceof ObjectNode answered
                    && (asked.equals("TOTAL") || asked.equals("INDEXES"))) {
                answered.set("ConsumedCapacity", consumed(operation, byTable, CapacityRules.WRITES.contains(operation)));
                return rewritten(answer, Json.MAPPER.writeValueAsBytes(answered));
            }
            return answer;
        } finally {
            lock.unlock();
        }
    }

    private List<CapacityRules.Line> lines(String operation, JsonNode request, JsonNode response, String error,
                                           List<CapacityRules.Image> images, String authorization) throws IOException {
        if ((operation.equals("Query") || operation.equals("Scan")) && response != null && narrowed(request)) {
            // DynamoDB bills what it reads, before the filter and projection: read it again without them.
            ObjectNode whole = unnarrowed(request);
            return CapacityRules.cost(operation, whole, call(operation, whole, authorization), null, List.of(), tables);
        }
        if (operation.equals("GetItem") && response != null && response.has("Item")
                && (request.has("ProjectionExpression") || request.has("AttributesToGet"))) {
            ObjectNode whole = ((ObjectNode) request.deepCopy());
            whole.remove(List.of("ProjectionExpression", "AttributesToGet", "ExpressionAttributeNames", "ReturnConsumedCapacity"));
            return CapacityRules.cost(operation, whole, call("GetItem", whole, authorization), null, List.of(), tables);
        }
        return CapacityRules.cost(operation, request, response, error, images, tables);
    }

    private static boolean narrowed(JsonNode request) {
        return request.has("FilterExpression") || request.has("ProjectionExpression") || request.has("QueryFilter")
                || request.has("ScanFilter") || request.has("AttributesToGet") || request.has("Select");
    }

    /** The same read without filter, projection or Select, keeping only the names and values its key condition uses. */
    static ObjectNode unnarrowed(JsonNode request) {
        ObjectNode copy = (ObjectNode) request.deepCopy();
        copy.remove(List.of("FilterExpression", "ProjectionExpression", "QueryFilter", "ScanFilter", "AttributesToGet", "Select",
                "ConditionalOperator", "ReturnConsumedCapacity"));
        String condition = copy.path("KeyConditionExpression").asText("");
        prune(copy, "ExpressionAttributeNames", NAME.matcher(condition));
        prune(copy, "ExpressionAttributeValues", VALUE.matcher(condition));
        return copy;
    }

    private static void prune(ObjectNode request, String field, Matcher used) {
        if (!(request.get(field) instanceof ObjectNode map)) {
            return;
        }
        Set<String> keep = new java.util.HashSet<>();
        while (used.find()) {
            keep.add(used.group());
        }
        map.retain(keep);
        if (map.isEmpty()) {
            request.remove(field);
        }
    }

    /** ConsumedCapacity as DynamoDB answers it for TOTAL: one object, or one per table for batches and transactions. */
    private static JsonNode consumed(String operation, Map<String, double[]> byTable, boolean write) {
        String field = write ? "WriteCapacityUnits" : "ReadCapacityUnits";
        List<ObjectNode> entries = new ArrayList<>();
        byTable.forEach((table, units) -> {
            ObjectNode c = Json.MAPPER.createObjectNode();
            c.put("TableName", table);
            c.put("CapacityUnits", units[0]);
            c.put(field, units[0]);
            entries.add(c);
        });
        boolean many = operation.startsWith("Batch") || operation.startsWith("Transact");
        if (many) {
            ArrayNode list = Json.MAPPER.createArrayNode();
            entries.forEach(list::add);
            return list;
        }
        return entries.isEmpty() ? Json.MAPPER.createObjectNode().put("CapacityUnits", 0.0) : entries.get(0);
    }

    private static ClientRequestTokens.Answer rewritten(ClientRequestTokens.Answer answer, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        answer.headers().forEach((name, values) -> {
            if (name.equalsIgnoreCase("x-amz-crc32")) {
                CRC32 crc = new CRC32();
                crc.update(body);
                headers.put(name, List.of(Long.toString(crc.getValue())));
            } else if (!name.equalsIgnoreCase("content-length")) {
                headers.put(name, values);
            }
        });
        return new ClientRequestTokens.Answer(answer.status(), headers, body);
    }

    /** The tables a request names (physical names). */
    private static java.util.Set<String> tablesOf(String operation, JsonNode request) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        if (request.has("TableName")) {
            names.add(request.get("TableName").asText());
        }
        request.path("RequestItems").fieldNames().forEachRemaining(names::add);
        for (JsonNode item : request.path("TransactItems")) {
            item.fields().forEachRemaining(e -> names.add(e.getValue().path("TableName").asText()));
        }
        return names;
    }

    private String logical(String physical) {
        CapacityRules.TableDef def = tables.get(physical);
        return def == null ? physical : def.logicalId();
    }

    private String physical(String logicalOrPhysical) {
        for (CapacityRules.TableDef t : tables.values()) {
            if (t.logicalId().equals(logicalOrPhysical)) {
                return t.physicalName();
            }
        }
        return logicalOrPhysical;
    }

    private static String errorType(JsonNode response) {
        String type = response.path("__type").asText("");
        return type.isEmpty() ? "Error" : type.substring(type.lastIndexOf('#') + 1);
    }

    /** The (table, action) and key of every item a write request touches, in request order. */
    private void writtenItems(String operation, JsonNode request, List<String[]> targets, List<JsonNode> keys) {
        switch (operation) {
            case "PutItem" -> add(targets, keys, request.path("TableName").asText(), "Put", keyOf(request.path("TableName").asText(),
                    request.get("Item")));
            case "UpdateItem", "DeleteItem" -> add(targets, keys, request.path("TableName").asText(), operation.replace("Item", ""),
                    request.get("Key"));
            case "TransactWriteItems" -> {
                for (JsonNode item : request.path("TransactItems")) {
                    Map.Entry<String, JsonNode> action = item.fields().next();
                    String table = action.getValue().path("TableName").asText();
                    add(targets, keys, table, action.getKey(), action.getKey().equals("Put")
                            ? keyOf(table, action.getValue().get("Item")) : action.getValue().get("Key"));
                }
            }
            case "BatchWriteItem" -> {
                for (Iterator<Map.Entry<String, JsonNode>> it = request.path("RequestItems").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    for (JsonNode w : e.getValue()) {
                        if (w.has("PutRequest")) {
                            add(targets, keys, e.getKey(), "Put", keyOf(e.getKey(), w.path("PutRequest").get("Item")));
                        } else {
                            add(targets, keys, e.getKey(), "Delete", w.path("DeleteRequest").get("Key"));
                        }
                    }
                }
            }
            default -> { }
        }
    }

    private static void add(List<String[]> targets, List<JsonNode> keys, String table, String action, JsonNode key) {
        if (key != null && !key.isMissingNode() && !key.isEmpty()) {
            targets.add(new String[] {table, action});
            keys.add(key);
        }
    }

    private JsonNode keyOf(String table, JsonNode item) {
        CapacityRules.TableDef def = tables.get(table);
        if (def == null || item == null) {
            return null;
        }
        ObjectNode key = Json.MAPPER.createObjectNode();
        for (String n : def.keys()) {
            if (item.has(n)) {
                key.set(n, item.get(n));
            }
        }
        return key;
    }

    /** The items as they are now (null where there is none), in the order of the keys: consistent BatchGetItems. */
    private List<JsonNode> read(List<String[]> targets, List<JsonNode> keys, String authorization) throws IOException {
        List<JsonNode> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += 100) {
            int to = Math.min(keys.size(), from + 100);
            ObjectNode request = Json.MAPPER.createObjectNode();
            ObjectNode byTable = request.putObject("RequestItems");
            for (int i = from; i < to; i++) {
                ObjectNode t = byTable.has(targets.get(i)[0]) ? (ObjectNode) byTable.get(targets.get(i)[0])
                        : byTable.putObject(targets.get(i)[0]).put("ConsistentRead", true);
                ArrayNode ks = t.has("Keys") ? (ArrayNode) t.get("Keys") : t.putArray("Keys");
                if (!contains(ks, keys.get(i))) {
                    ks.add(keys.get(i));
                }
            }
            JsonNode responses = call("BatchGetItem", request, authorization).path("Responses");
            for (int i = from; i < to; i++) {
                JsonNode found = null;
                for (JsonNode item : responses.path(targets.get(i)[0])) {
                    if (matches(item, keys.get(i))) {
                        found = item;
                        break;
                    }
                }
                items.add(found);
            }
        }
        return items;
    }

    private static boolean contains(ArrayNode keys, JsonNode key) {
        for (JsonNode k : keys) {
            if (k.equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(JsonNode item, JsonNode key) {
        for (Iterator<Map.Entry<String, JsonNode>> it = key.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> k = it.next();
            if (!k.getValue().equals(item.get(k.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** A request of the meter's own, straight to the emulator (not metered, not through any gate). */
    private JsonNode call(String operation, JsonNode body, String authorization) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve("/")).timeout(Duration.ofSeconds(60))
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("the capacity meter's " + operation + " failed: HTTP " + response.statusCode());
        }
        return Json.MAPPER.readTree(response.body());
    }

    static BigDecimal decimal(double v) {
        return BigDecimal.valueOf(v);
    }
}
