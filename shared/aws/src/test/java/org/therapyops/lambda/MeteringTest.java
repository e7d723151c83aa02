package org.therapyops.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.therapyops.dynamodb.DynamoUsageStore;
import org.therapyops.metering.InvocationMeter;
import org.therapyops.metering.Usage;
import org.therapyops.metering.UsageItem;
import org.therapyops.testing.Moto;
import org.therapyops.wiring.SharedFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cost meter on moto: what each practice's records caused, the invocation shared by records, kept by month and step. */
class MeteringTest {

    private static Moto moto;
    private static DynamoDbClient dynamo;
    private static SqsClient sqs;
    private static DynamoUsageStore store;
    private static String table;
    private static String queue;

    @BeforeAll
    static void start() {
        moto = Moto.shared();
        dynamo = SharedFactory.withEndpoint(DynamoDbClient.builder().region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))),
                moto.endpoint().toString()).build();
        sqs = SharedFactory.withEndpoint(SqsClient.builder().region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))),
                moto.endpoint().toString()).build();
        table = moto.createUsageTable();
        store = new DynamoUsageStore(dynamo, moto.createUsageTable());
        queue = moto.createQueue();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        sqs.close();
    }

    @BeforeEach
    void fresh() {
        Metering.reset();
        Metering.environmentMemory = () -> 1024;
    }

    @Test
    void eachPracticeIsMeteredForWhatItsRecordsDidAndItsShareOfTheInvocation() {
        String p1 = "practice-" + UUID.randomUUID();
        String p2 = "practice-" + UUID.randomUUID();
        DynamodbEvent batch = batch(p1, p1, p2);

        Metering.invoke("charge-capture", null, store, () -> StreamBatch.process(batch, r -> {
            String pk = r.getDynamodb().getKeys().get("pk").getS();
            dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s(pk), "sk", s(UUID.randomUUID().toString()))));
            if (pk.equals(p2)) {
                sqs.sendMessage(b -> b.queueUrl(queue).messageBody("x".repeat(70 * 1024))); // two 64 KB chunks
            }
        }));

        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        Usage one = store.read(p1, month).get("charge-capture");
        Usage two = store.read(p2, month).get("charge-capture");
        // two records of three, one of three: the invocation's one request and its GB-seconds are shared so
        assertThat(one.get(UsageItem.LAMBDA_REQUESTS).add(two.get(UsageItem.LAMBDA_REQUESTS))).isEqualByComparingTo("1");
        assertThat(one.get(UsageItem.LAMBDA_REQUESTS)).isEqualByComparingTo("0.6666666666666667");
        assertThat(one.get(UsageItem.LAMBDA_GB_SECONDS)).isPositive();
        // the units DynamoDB reported for each practice's puts (requested by the meter, not by the code)
        assertThat(one.get(UsageItem.DYNAMODB_WRITE_UNITS)).isPositive();
        assertThat(one.get(UsageItem.DYNAMODB_WRITE_UNITS)).isEqualByComparingTo(two.get(UsageItem.DYNAMODB_WRITE_UNITS).multiply(BigDecimal.valueOf(2)));
        assertThat(one.get(UsageItem.SQS_REQUESTS)).isZero();
        assertThat(two.get(UsageItem.SQS_REQUESTS)).isEqualByComparingTo("2");
        // an invocation that served practices leaves nothing to the shared practice
        assertThat(store.read(InvocationMeter.SHARED, month)).doesNotContainKey("charge-capture");
    }

    @Test
    void theMetersOwnWritesRideAlongWithTheNextAndARefusedWriteIsCounted() {
        String p = "practice-" + UUID.randomUUID();
        Metering.invoke("api /appointments", null, store, () -> {
            Metering.practice(p);
            Metering.httpApiRequests(1);
            return null;
        });
        Metering.invoke("api /appointments", null, store, () -> {
            Metering.practice(p);
            Metering.httpApiRequests(1);
            dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s(p), "sk", s("one"))));
            assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s(p), "sk", s("one")))
                    .conditionExpression("attribute_not_exists(pk)"))).isInstanceOf(ConditionalCheckFailedException.class);
            return null;
        });

        Map<String, Usage> steps = store.read(p, YearMonth.now(ZoneOffset.UTC));
        assertThat(steps).containsKeys("api /appointments", Metering.METER_STEP);
        Usage api = steps.get("api /appointments");
        assertThat(api.get(UsageItem.LAMBDA_REQUESTS)).isEqualByComparingTo("2");
        assertThat(api.get(UsageItem.HTTP_API_REQUESTS)).isEqualByComparingTo("2");
        assertThat(api.get(UsageItem.DYNAMODB_REFUSED_WRITES)).isEqualByComparingTo("1");
        assertThat(steps.get(Metering.METER_STEP).get(UsageItem.DYNAMODB_WRITE_UNITS)).isPositive();
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue s(String v) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(v);
    }

    private static DynamodbEvent batch(String... practices) {
        DynamodbEvent event = new DynamodbEvent();
        List<DynamodbStreamRecord> records = new java.util.ArrayList<>();
        int n = 0;
        for (String p : practices) {
            DynamodbStreamRecord r = new DynamodbStreamRecord();
            r.setEventID("e" + n);
            StreamRecord sr = new StreamRecord();
            sr.setSequenceNumber(String.valueOf(100 + n));
            sr.setKeys(Map.of("pk", new AttributeValue().withS(p), "sk", new AttributeValue().withS("NOTE#" + n)));
            r.setDynamodb(sr);
            records.add(r);
            n++;
        }
        event.setRecords(records);
        return event;
    }
}
