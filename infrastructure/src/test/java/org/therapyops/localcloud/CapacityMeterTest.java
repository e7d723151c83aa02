package org.therapyops.localcloud;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The IAM gate's capacity meter on moto: the units a function is told and counted are AWS's, not moto's. */
class CapacityMeterTest {

    static Emulator moto;
    static AwsClients direct;
    static IamGate gate;
    static CloudUsage usage = new CloudUsage();
    static DynamoDbClient dynamo;

    @BeforeAll
    static void start() throws Exception {
        moto = Emulator.start(null, Files.createTempDirectory("capacity-meter"));
        direct = new AwsClients(moto.endpoint());
        direct.dynamoDb().createTable(b -> b.tableName("Claims").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk"), attribute("sk"), attribute("status"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("ByStatus").keySchema(key("status", KeyType.HASH))
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build()));
        Map<String, CapacityRules.TableDef> tables = Map.of("Claims", new CapacityRules.TableDef("ClaimsTable", "Claims",
                List.of("pk", "sk"), List.of(new CapacityRules.IndexDef("ByStatus", true, "status", null, "KEYS_ONLY", List.of()))));
        List<Object> everything = List.of(Map.of("Version", "2012-10-17", "Statement", List.of(
                Map.of("Effect", "Allow", "Action", "dynamodb:*", "Resource", "*"))));
        IamGate.Arns arns = new IamGate.Arns() {
            public String table(String name) {
                return "arn:aws:dynamodb:us-east-1:123456789012:table/" + name;
            }

            public String queue(String urlOrName) {
                return urlOrName;
            }

            public String emailIdentity(String identity) {
                return identity;
            }
        };
        gate = IamGate.start("ClaimsFunction", everything, arns, moto.endpoint(), new PrintStream(System.out));
        gate.meter(new CapacityMeter(tables, moto.endpoint(), usage), usage);
        dynamo = DynamoDbClient.builder().endpointOverride(gate.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        gate.close();
        direct.close();
        moto.close();
    }

    @Test
    void writesAreBilledPerStartedKilobyteOfTheLargerImageTwiceInATransactionAndOnTheirIndexes() {
        Map<String, BigDecimal> before = usage.snapshot().getOrDefault("ClaimsFunction", Map.of());
        // 1,600 bytes of data: 2 write units; the item joins the index: one more
        double put = dynamo.putItem(b -> b.tableName("Claims").item(item("c1", "READY", 1600))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits();
        assertThat(put).isEqualTo(3.0);
        // grown to 3,100 bytes: 4 units; the index entry is unchanged: none there
        double update = dynamo.updateItem(b -> b.tableName("Claims").key(key("c1"))
                .updateExpression("SET notes = :n").expressionAttributeValues(Map.of(":n", AttributeValue.fromS("n".repeat(1500))))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits();
        assertThat(update).isEqualTo(4.0);
        // a transaction of two small puts: 2 × 1 unit each, and an index entry each
        var tx = dynamo.transactWriteItems(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("Claims").item(item("c2", "DENIED", 10))).build(),
                TransactWriteItem.builder().put(p -> p.tableName("Claims").item(item("c3", "DENIED", 10))).build()));
        assertThat(tx.consumedCapacity()).singleElement().satisfies(c -> assertThat(c.capacityUnits()).isEqualTo(6.0));
        // a strongly consistent read of the 3,100-byte item: 1 unit; an eventually consistent query filtering everything
        // out still reads its three items (3,214 bytes): half a unit
        assertThat(dynamo.getItem(b -> b.tableName("Claims").key(key("c1")).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits()).isEqualTo(1.0);
        assertThat(dynamo.query(b -> b.tableName("Claims").keyConditionExpression("pk = :p").filterExpression("#s = :none")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("practice"), ":none", AttributeValue.fromS("NONE")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits()).isEqualTo(0.5);
        // a put refused by its condition is billed (the item's size) but reported by nobody: counted apart
        assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName("Claims").item(item("c2", "DENIED", 10))
                .conditionExpression("attribute_not_exists(pk)"))).isInstanceOf(ConditionalCheckFailedException.class);

        Map<String, BigDecimal> counted = CloudUsage.difference(usage.snapshot(), Map.of("ClaimsFunction", before))
                .get("ClaimsFunction");
        assertThat(counted.get("dynamodbWriteRequestUnits")).isEqualByComparingTo("13");
        // 1 (the strong get) + 0.5 (the query)
        assertThat(counted.get("dynamodbReadRequestUnits")).isEqualByComparingTo("1.5");
        assertThat(counted.get("dynamodbRefusedWrites")).isEqualByComparingTo("1");
        assertThat(counted.get("dynamodbRefusedWriteUnits")).isEqualByComparingTo("1");
        assertThat(counted.get("dynamodbRequests")).isEqualByComparingTo("6");
    }

    private static Map<String, AttributeValue> item(String id, String status, int bytes) {
        return Map.of("pk", AttributeValue.fromS("practice"), "sk", AttributeValue.fromS(id), "status", AttributeValue.fromS(status),
                "data", AttributeValue.fromS("d".repeat(bytes)));
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("pk", AttributeValue.fromS("practice"), "sk", AttributeValue.fromS(id));
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
