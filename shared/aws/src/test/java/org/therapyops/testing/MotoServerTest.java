package org.therapyops.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/moto-server answers as moto's own server does: the same requests, sent to both, get equal answers — items of
 * every attribute type (binary and sets of binaries, nested maps and lists holding them), queries of a partition
 * whole and by key ranges, in both directions and in pages, projected and filtered, a query of an index, GetItem,
 * Scan. Its query (given only the partition's items) and its writing of plain attribute values (as they are, not
 * through moto's serializer) must change no answer. A request whose body never comes in full holds up only its own
 * connection.
 */
class MotoServerTest {

    private static Moto plain;
    private static Moto ours;
    private static DynamoDbClient plainClient;
    private static DynamoDbClient ourClient;

    @BeforeAll
    static void start() {
        plain = Moto.plain();
        ours = Moto.ownServer();
        plainClient = plain.dynamo();
        ourClient = ours.dynamo();
        Random random = new Random(11);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            items.add(item(random, i));
        }
        for (DynamoDbClient c : List.of(plainClient, ourClient)) {
            c.createTable(b -> b.tableName("t").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attr("pk"), attr("sk"), attr("g"))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("ByG").keySchema(key("g", KeyType.HASH))
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));
            items.forEach(item -> c.putItem(b -> b.tableName("t").item(item)));
        }
    }

    @AfterAll
    static void stop() {
        plainClient.close();
        ourClient.close();
        plain.stop();
        ours.stop();
    }

    private static Map<String, AttributeValue> item(Random random, int i) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("p" + random.nextInt(9)));
        item.put("sk", AttributeValue.fromS(String.format("s%04d", i)));
        item.put("g", AttributeValue.fromS("g" + (i % 4)));
        item.put("n", AttributeValue.fromN(Integer.toString(random.nextInt(1000) - 500) + "." + random.nextInt(100)));
        item.put("s", AttributeValue.fromS(i % 7 == 0 ? "" : "text é ✓ " + i));
        item.put("flag", AttributeValue.fromBool(i % 2 == 0));
        if (i % 5 == 0) {
            item.put("nothing", AttributeValue.fromNul(true));
        }
        if (i % 3 == 0) {
            item.put("bin", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) i, 0, (byte) 255, 42})));
            item.put("bins", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("a" + i), SdkBytes.fromUtf8String("b"))));
        }
        item.put("tags", AttributeValue.fromSs(List.of("x" + i, "y")));
        item.put("nums", AttributeValue.fromNs(List.of(Integer.toString(i), "0.5")));
        item.put("map", AttributeValue.fromM(Map.of("a", AttributeValue.fromN(Integer.toString(i)),
                "inner", AttributeValue.fromM(Map.of("list", AttributeValue.fromL(List.of(AttributeValue.fromS("l"),
                        i % 3 == 0 ? AttributeValue.fromB(SdkBytes.fromUtf8String("inner-bin")) : AttributeValue.fromBool(false))))))));
        item.put("list", AttributeValue.fromL(List.of(AttributeValue.fromN("1"), AttributeValue.fromS("two"),
                AttributeValue.fromL(List.of()), AttributeValue.fromM(Map.of()))));
        return item;
    }

    /** Both servers' answers to the same call are equal, field by field (request ids aside; sets as sets). */
    private static <T> void same(Function<DynamoDbClient, T> call) {
        Object expected = canonical(call.apply(plainClient));
        Object actual = canonical(call.apply(ourClient));
        assertThat(actual).as("bin/moto-server's answer against moto's").isEqualTo(expected);
    }

    /**
     * A value compared as DynamoDB means it: a set's members in no order (moto keeps sets as Python sets, whose order
     * differs from one process to the next), a response by its modeled fields.
     */
    private static Object canonical(Object value) {
        if (value instanceof AttributeValue v) {
            return switch (v.type()) {
                case SS -> new java.util.TreeSet<>(v.ss());
                case NS -> new java.util.TreeSet<>(v.ns());
                case BS -> new java.util.TreeSet<>(v.bs().stream().map(b -> java.util.HexFormat.of().formatHex(b.asByteArray())).toList());
                case M -> canonical(v.m());
                case L -> canonical(v.l());
                default -> v;
            };
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new java.util.TreeMap<>();
            m.forEach((k, v) -> out.put(k, canonical(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(MotoServerTest::canonical).toList();
        }
        if (value instanceof SdkPojo pojo) {
            Map<String, Object> out = new java.util.TreeMap<>();
            pojo.sdkFields().forEach(f -> out.put(f.memberName(), canonical(f.getValueOrDefault(pojo))));
            return out;
        }
        return value;
    }

    private static List<QueryResponse> pages(DynamoDbClient c, QueryRequest request) {
        List<QueryResponse> pages = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = c.query(request.toBuilder().exclusiveStartKey(start).build());
            pages.add(page);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return pages;
    }

    @Test
    void queriesOfAPartitionAnswerTheSameItemsInTheSamePages() {
        for (String pk : List.of("p0", "p4", "p8", "none")) {
            for (boolean forward : List.of(true, false)) {
                QueryRequest range = QueryRequest.builder().tableName("t").keyConditionExpression("pk = :p AND sk BETWEEN :a AND :b")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(pk), ":a", AttributeValue.fromS("s0050"),
                                ":b", AttributeValue.fromS("s0300"))).scanIndexForward(forward).limit(7)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
                same(c -> pages(c, range));
                same(c -> pages(c, range.toBuilder().limit(null).projectionExpression("sk, #m.inner, tags")
                        .expressionAttributeNames(Map.of("#m", "map")).build()));
                same(c -> pages(c, range.toBuilder().filterExpression("flag = :t")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(pk), ":a", AttributeValue.fromS("s0050"),
                                ":b", AttributeValue.fromS("s0300"), ":t", AttributeValue.fromBool(true))).build()));
            }
            same(c -> pages(c, QueryRequest.builder().tableName("t").keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(pk))).limit(13).build()));
            same(c -> pages(c, QueryRequest.builder().tableName("t").keyConditionExpression("pk = :p AND begins_with(sk, :s)")
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(pk), ":s", AttributeValue.fromS("s01"))).build()));
        }
    }

    @Test
    void indexQueriesGetItemAndScanAnswerTheSame() {
        same(c -> pages(c, QueryRequest.builder().tableName("t").indexName("ByG").keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("g3"))).limit(50).build()));
        for (int i : new int[] {0, 3, 7, 399}) {
            String sk = String.format("s%04d", i);
            same(c -> c.scan(b -> b.tableName("t").filterExpression("sk = :s")
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(sk)))).items());
        }
        Map<String, AttributeValue> first = ourClient.scan(b -> b.tableName("t").limit(1)).items().get(0);
        same(c -> c.getItem(b -> b.tableName("t").key(Map.of("pk", first.get("pk"), "sk", first.get("sk")))));
        same(c -> c.getItem(b -> b.tableName("t").key(Map.of("pk", first.get("pk"), "sk", first.get("sk")))
                .projectionExpression("bin, #m").expressionAttributeNames(Map.of("#m", "map"))));
        same(c -> c.scan(b -> b.tableName("t")).items().size());
    }

    @Test
    void aRequestSentHalfWayHoldsUpOnlyItsOwnConnection() throws Exception {
        String body = "{\"TableName\": \"t\"}";
        try (Socket stalled = new Socket(ours.endpoint().getHost(), ours.endpoint().getPort())) {
            stalled.getOutputStream().write(("POST / HTTP/1.1\r\nHost: " + ours.endpoint().getAuthority()
                    + "\r\nX-Amz-Target: DynamoDB_20120810.DescribeTable\r\nContent-Type: application/x-amz-json-1.0"
                    + "\r\nAuthorization: AWS4-HMAC-SHA256 Credential=testing/20261207/us-east-1/dynamodb/aws4_request"
                    + "\r\nContent-Length: " + (body.length() + 100) + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            stalled.getOutputStream().flush();
            Thread.sleep(200);

            CompletableFuture<Integer> other = CompletableFuture.supplyAsync(
                    () -> ourClient.scan(b -> b.tableName("t").limit(3)).count());
            assertThat(other.get(10, TimeUnit.SECONDS)).as("another client's request, answered meanwhile").isEqualTo(3);
        }
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
