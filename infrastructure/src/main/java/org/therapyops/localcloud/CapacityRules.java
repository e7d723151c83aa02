package org.therapyops.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS's capacity rules for DynamoDB requests, applied to the requests as sent (DynamoDB JSON) and to the items they
 * read or wrote. Pure: no I/O. Sources (AWS DynamoDB Developer Guide): "DynamoDB item sizes and formats",
 * "DynamoDB read and write operations" / "Read/write capacity mode", "Amazon DynamoDB Transactions: How it works"
 * (Capacity management for transactions), "Using Global Secondary Indexes in DynamoDB" (Provisioned throughput
 * considerations for Global Secondary Indexes), "Working with items" (Capacity units consumed by conditional writes).
 */
public final class CapacityRules {

    public static final int READ_UNIT_BYTES = 4096;
    public static final int WRITE_UNIT_BYTES = 1024;

    private CapacityRules() {
    }

    // ------------------------------------------------------------------ the tables

    /** A secondary index as template.yaml declares it. */
    public record IndexDef(String name, boolean global, String hashKey, String rangeKey, String projectionType, List<String> nonKeyAttributes) {
        public List<String> keys() {
            return rangeKey == null ? List.of(hashKey) : List.of(hashKey, rangeKey);
        }
    }

    /** A table: its logical id, physical name, primary key attribute names and secondary indexes. */
    public record TableDef(String logicalId, String physicalName, List<String> keys, List<IndexDef> indexes) {
        public IndexDef index(String name) {
            return indexes.stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
        }
    }

    /** Before and after images (null = no item) of one item a write request touched, in request order. */
    public record Image(String table, String action, JsonNode key, JsonNode before, JsonNode after) {
    }

    /** The units of one item (or one read) of a request: read request units, write request units on the table and on its indexes. */
    public record Line(String kind, String table, String sizes, double rru, double wru, double indexWru, String indexDetail, String note) {
    }

    // ------------------------------------------------------------------ sizes

    /** Item size: the sum over attributes of the name's UTF-8 length plus the value's size. */
    public static long itemSize(JsonNode item) {
        if (item == null || item.isNull() || item.isMissingNode()) {
            return 0;
        }
        long size = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> attribute = it.next();
            size += utf8(attribute.getKey()) + valueSize(attribute.getValue());
        }
        return size;
    }

    /** The size of one attribute value in DynamoDB JSON ({"S": ..}, {"N": ..}, {"L": [..]} ...). */
    public static long valueSize(JsonNode value) {
        Map.Entry<String, JsonNode> typed = value.fields().next();
        JsonNode v = typed.getValue();
        return switch (typed.getKey()) {
            case "S" -> utf8(v.asText());
            case "N" -> numberSize(v.asText());
            case "B" -> Base64.getDecoder().decode(v.asText()).length;
            case "BOOL", "NULL" -> 1;
            case "SS" -> sum(v, e -> utf8(e.asText()));
            case "NS" -> sum(v, e -> numberSize(e.asText()));
            case "BS" -> sum(v, e -> Base64.getDecoder().decode(e.asText()).length);
            // 3 bytes for the list or map, 1 byte per element, plus the elements (and, in a map, their names).
            case "L" -> 3 + sum(v, e -> valueSize(e) + 1);
            case "M" -> {
                long size = 3;
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    size += utf8(e.getKey()) + valueSize(e.getValue()) + 1;
                }
                yield size;
            }
            default -> throw new IllegalArgumentException("unknown attribute type " + typed.getKey());
        };
    }

    /** A number: 1 byte per two significant digits (leading and trailing zeroes trimmed), plus 1 byte. */
    public static long numberSize(String number) {
        BigDecimal value = new BigDecimal(number).stripTrailingZeros();
        int digits = value.signum() == 0 ? 1 : value.precision();
        return (digits + 1) / 2 + 1;
    }

    private static long sum(JsonNode array, java.util.function.ToLongFunction<JsonNode> size) {
        long total = 0;
        for (JsonNode e : array) {
            total += size.applyAsLong(e);
        }
        return total;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    // ------------------------------------------------------------------ units

    /** Read request units for bytes read in one request: per started 4 KB, at least one; half when eventually consistent. */
    public static double readUnits(long bytes, boolean stronglyConsistent) {
        long units = Math.max(1, ceilDiv(bytes, READ_UNIT_BYTES));
        return stronglyConsistent ? units : units / 2.0;
    }

    /** Write request units for a standard write of an item of this size: per started 1 KB, at least one. */
    public static long writeUnits(long bytes) {
        return Math.max(1, ceilDiv(bytes, WRITE_UNIT_BYTES));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /**
     * Index write units for one table write: nothing when the item is in the index neither before nor after, or its
     * projection did not change; one write to put or delete the entry; two (delete + put) when an index key changed;
     * one to update projected attributes. Each write is per started 1 KB of the index entry.
     */
    public static long indexWriteUnits(TableDef table, IndexDef index, JsonNode before, JsonNode after) {
        JsonNode old = project(table, index, before);
        JsonNode now = project(table, index, after);
        if (old == null && now == null) {
            return 0;
        }
        if (old == null) {
            return writeUnits(itemSize(now));
        }
        if (now == null) {
            return writeUnits(itemSize(old));
        }
        boolean keyChanged = index.keys().stream().anyMatch(k -> !old.get(k).equals(now.get(k)));
        if (keyChanged) {
            return writeUnits(itemSize(old)) + writeUnits(itemSize(now));
        }
        if (old.equals(now)) {
            return 0;
        }
        return writeUnits(Math.max(itemSize(old), itemSize(now)));
    }

    /** The index entry of an item: null when the item lacks an index key attribute (sparse index). */
    public static JsonNode project(TableDef table, IndexDef index, JsonNode item) {
        if (item == null || item.isNull() || item.isMissingNode()) {
            return null;
        }
        for (String k : index.keys()) {
            if (!item.has(k)) {
                return null;
            }
        }
        if ("ALL".equals(index.projectionType())) {
            return item;
        }
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        List<String> names = new ArrayList<>(table.keys());
        names.addAll(index.keys());
        if ("INCLUDE".equals(index.projectionType())) {
            names.addAll(index.nonKeyAttributes());
        }
        for (String n : names) {
            if (item.has(n)) {
                entry.set(n, item.get(n));
            }
        }
        return entry;
    }

    // ------------------------------------------------------------------ one request

    /**
     * The units of one DynamoDB request, from the operation name, the request and response JSON, whether it failed
     * (and with which error type) and, for writes, the images of the items written (in request order).
     */
    public static List<Line> cost(String operation, JsonNode request, JsonNode response, String errorType, List<Image> images,
                           Map<String, TableDef> tables) {
        List<Line> lines = new ArrayList<>();
        switch (operation) {
            case "GetItem" -> {
                String table = request.path("TableName").asText();
                boolean strong = request.path("ConsistentRead").asBoolean(false);
                long size = itemSize(response == null ? null : response.get("Item"));
                String note = request.has("ProjectionExpression") || request.has("AttributesToGet")
                        ? "projected read: units are on the whole item, size shown is the projection" : "";
                lines.add(new Line("GetItem" + (strong ? " (strong)" : " (eventual)"), logical(tables, table), size == 0 ? "none" : size + " B",
                        readUnits(size, strong), 0, 0, "", note));
            }
            case "BatchGetItem" -> {
                JsonNode responses = response == null ? null : response.get("Responses");
                if (responses != null) {
                    responses.fields().forEachRemaining(e -> {
                        boolean strong = request.path("RequestItems").path(e.getKey()).path("ConsistentRead").asBoolean(false);
                        for (JsonNode item : e.getValue()) {
                            long size = itemSize(item);
                            lines.add(new Line("BatchGetItem item", logical(tables, e.getKey()), size + " B",
                                    readUnits(size, strong), 0, 0, "", ""));
                        }
                    });
                }
            }
            case "Query", "Scan" -> lines.add(queryLine(operation, request, response, tables));
            case "TransactGetItems" -> {
                JsonNode responses = response == null ? null : response.get("Responses");
                JsonNode items = request.path("TransactItems");
                for (int i = 0; i < items.size(); i++) {
                    String table = items.get(i).path("Get").path("TableName").asText();
                    long size = responses == null ? 0 : itemSize(responses.path(i).get("Item"));
                    lines.add(new Line("TransactGetItems Get", logical(tables, table), size + " B",
                            2 * readUnits(size, true), 0, 0, "", "transactional read: 2 × strongly consistent"));
                }
            }
            case "PutItem", "UpdateItem", "DeleteItem" -> {
                Image image = images.get(0);
                boolean failed = errorType != null;
                JsonNode after = failed ? image.before() : image.after();
                long size = Math.max(itemSize(image.before()), itemSize(after));
                if (failed && operation.equals("PutItem")) {
                    size = Math.max(size, itemSize(request.get("Item")));
                }
                lines.add(writeLine(operation, tables, image, image.before(), after, size, 1,
                        failed ? "failed (" + errorType + "): still consumes" : ""));
            }
            case "BatchWriteItem" -> {
                for (Image image : images) {
                    long size = Math.max(itemSize(image.before()), itemSize(image.after()));
                    lines.add(writeLine("BatchWriteItem " + image.action(), tables, image, image.before(), image.after(), size, 1, ""));
                }
            }
            case "TransactWriteItems" -> {
                boolean cancelled = errorType != null;
                for (Image image : images) {
                    boolean check = image.action().equals("ConditionCheck");
                    JsonNode after = cancelled || check ? image.before() : image.after();
                    long size = Math.max(itemSize(image.before()), itemSize(after));
                    lines.add(writeLine("TransactWriteItems " + image.action(), tables, image, image.before(), after, size, 2,
                            cancelled ? "transaction cancelled (" + errorType + "): still consumes" : ""));
                }
            }
            default -> lines.add(new Line(operation, request.path("TableName").asText(""), "", 0, 0, 0, "",
                    "control plane or not a read/write: no request units"));
        }
        return lines;
    }

    private static Line queryLine(String operation, JsonNode request, JsonNode response, Map<String, TableDef> tables) {
        String table = request.path("TableName").asText();
        String indexName = request.hasNonNull("IndexName") ? request.get("IndexName").asText() : null;
        TableDef def = tables.get(table);
        IndexDef index = def == null || indexName == null ? null : def.index(indexName);
        // A query on a global secondary index is always eventually consistent.
        boolean strong = request.path("ConsistentRead").asBoolean(false) && (index == null || !index.global());
        long returned = 0;
        int count = 0;
        if (response != null && response.has("Items")) {
            for (JsonNode item : response.get("Items")) {
                returned += itemSize(item);
                count++;
            }
        }
        int scanned = response == null ? count : response.path("ScannedCount").asInt(count);
        long read = returned;
        String note = "";
        if (scanned > count) {
            long average = count == 0 ? 0 : returned / count;
            read += (long) (scanned - count) * average;
            note = (scanned - count) + " item(s) filtered out, counted at the average returned size (" + average + " B)"
                    + (count == 0 ? "; none returned, so counted as 0 B" : "");
        }
        if (request.has("ProjectionExpression") || "COUNT".equals(request.path("Select").asText())) {
            note = (note.isEmpty() ? "" : note + "; ") + "projected or COUNT query: returned sizes understate the items read";
        }
        String where = logical(tables, table) + (indexName == null ? "" : " / " + indexName);
        String sizes = count == 0 ? "none" : count + " item(s), " + returned + " B";
        return new Line(operation + (strong ? " (strong)" : " (eventual)"), where, sizes, readUnits(read, strong), 0, 0, "", note);
    }

    private static Line writeLine(String kind, Map<String, TableDef> tables, Image image, JsonNode before, JsonNode after,
                                  long size, int factor, String note) {
        TableDef def = tables.get(image.table());
        long indexUnits = 0;
        StringBuilder detail = new StringBuilder();
        if (def != null) {
            // A failed or cancelled write passes its before image as after: no index entry changes.
            for (IndexDef index : def.indexes()) {
                long u = indexWriteUnits(def, index, before, after);
                if (u > 0) {
                    indexUnits += u;
                    detail.append(detail.length() == 0 ? "" : ", ").append(index.name()).append(" ").append(u);
                }
            }
        }
        String sizes = sizeText(image.before()) + " → " + sizeText(after);
        return new Line(kind, logical(tables, image.table()), sizes, 0, factor * writeUnits(size), indexUnits, detail.toString(), note);
    }

    private static String sizeText(JsonNode item) {
        return item == null || item.isNull() || item.isMissingNode() ? "none" : itemSize(item) + " B";
    }

    private static String logical(Map<String, TableDef> tables, String physical) {
        TableDef def = tables.get(physical);
        return def == null ? physical : def.logicalId();
    }

    /** The tables of template.yaml by physical name, with their keys and their GSIs and LSIs as the template declares them. */
    @SuppressWarnings("unchecked")
    public static Map<String, TableDef> tables(Template template, java.util.function.Function<String, String> physicalId) {
        Map<String, TableDef> tables = new java.util.LinkedHashMap<>();
        for (Template.Resource r : template.resourcesOfType("AWS::DynamoDB::Table")) {
            Map<String, Object> props = r.properties();
            List<String> keys = keyNames(props.get("KeySchema"));
            List<IndexDef> indexes = new ArrayList<>();
            for (String kind : List.of("GlobalSecondaryIndexes", "LocalSecondaryIndexes")) {
                if (!(props.get(kind) instanceof List<?> list)) {
                    continue;
                }
                for (Object o : list) {
                    Map<String, Object> index = (Map<String, Object>) o;
                    Map<String, Object> projection = index.get("Projection") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                    List<String> indexKeys = keyNames(index.get("KeySchema"));
                    List<String> nonKey = projection.get("NonKeyAttributes") instanceof List<?> l
                            ? l.stream().map(String::valueOf).toList() : List.of();
                    indexes.add(new IndexDef(String.valueOf(index.get("IndexName")), kind.startsWith("Global"), indexKeys.get(0),
                            indexKeys.size() > 1 ? indexKeys.get(1) : null,
                            String.valueOf(projection.getOrDefault("ProjectionType", "KEYS_ONLY")), nonKey));
                }
            }
            String physical = physicalId.apply(r.logicalId());
            tables.put(physical, new TableDef(r.logicalId(), physical, keys, indexes));
        }
        return tables;
    }

    /** Attribute names of a KeySchema, HASH first. */
    @SuppressWarnings("unchecked")
    private static List<String> keyNames(Object keySchema) {
        List<String> hash = new ArrayList<>();
        List<String> range = new ArrayList<>();
        if (keySchema instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> k = (Map<String, Object>) o;
                ("HASH".equals(String.valueOf(k.get("KeyType"))) ? hash : range).add(String.valueOf(k.get("AttributeName")));
            }
        }
        hash.addAll(range);
        return hash;
    }

    /** Write operations whose items the proxy images (the rest are reads or control plane). */
    public static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem");
}
