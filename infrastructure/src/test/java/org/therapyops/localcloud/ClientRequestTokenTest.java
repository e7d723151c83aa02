package org.therapyops.localcloud;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * TransactWriteItems through the IAM gate, with the real AWS SDK against moto: a transaction whose answer is lost after
 * it was applied is retried by the SDK with the same ClientRequestToken and applied once, as on DynamoDB (moto alone
 * applies it again); the same token with other parameters is refused with IdempotentParameterMismatchException; a
 * token is forgotten ten minutes after its request, and a failed request is not remembered at all.
 */
class ClientRequestTokenTest {

    static Emulator moto;
    static DynamoDbClient direct;
    static final String TABLE = "Counters";
    static final List<Object> POLICIES = List.of(Map.of("Version", "2012-10-17", "Statement", List.of(
            Map.of("Effect", "Allow", "Action", List.of("dynamodb:*"), "Resource", "*"))));
    static final IamGate.Arns ARNS = new IamGate.Arns() {
        @Override
        public String table(String name) {
            return "arn:aws:dynamodb:us-east-1:123456789012:table/" + name;
        }

        @Override
        public String queue(String urlOrName) {
            return "arn:aws:sqs:us-east-1:123456789012:" + urlOrName;
        }

        @Override
        public String emailIdentity(String identity) {
            return "arn:aws:ses:us-east-1:123456789012:identity/" + identity;
        }
    };
    final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeAll
    static void start() {
        moto = Emulator.start(null, Path.of("target/client-request-token"));
        direct = client(moto.endpoint());
        direct.createTable(b -> b.tableName(TABLE).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH")));
    }

    @AfterAll
    static void stop() {
        if (direct != null) {
            direct.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    /** The SDK as the functions build it: URL connection client, standard retries (three attempts). */
    static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)).build();
    }

    IamGate gate(Faults faults, ClientRequestTokens tokens) {
        return IamGate.start("TokenFunction", POLICIES, true, ARNS, moto.endpoint(), new PrintStream(console, true, StandardCharsets.UTF_8),
                1, faults == null ? null : new FaultInjector(faults), tokens);
    }

    /** One transaction adding 1 to a counter, and touching a marker item of its own. */
    static TransactWriteItemsRequest.Builder increment(String counter, String marker) {
        return TransactWriteItemsRequest.builder().transactItems(
                t -> t.update(u -> u.tableName(TABLE).key(Map.of("id", AttributeValue.fromS(counter)))
                        .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))),
                t -> t.put(p -> p.tableName(TABLE).item(Map.of("id", AttributeValue.fromS(marker)))));
    }

    static long count(String counter) {
        Map<String, AttributeValue> item = direct.getItem(b -> b.tableName(TABLE).key(Map.of("id", AttributeValue.fromS(counter)))
                .consistentRead(true)).item();
        return item.isEmpty() ? 0 : Long.parseLong(item.get("n").n());
    }

    static boolean exists(String id) {
        return !direct.getItem(b -> b.tableName(TABLE).key(Map.of("id", AttributeValue.fromS(id))).consistentRead(true)).item().isEmpty();
    }

    /** Lost answers of DynamoDB calls at half the calls, from a seed whose first call loses its answer and second does not. */
    static Faults firstAnswerLost() {
        for (long seed = 1; ; seed++) {
            Faults f = Faults.none().seed(seed).service("dynamodb", new Faults.Rates(0, 0, 0, 0, 0.5));
            FaultInjector probe = new FaultInjector(f);
            if (probe.atGate("TokenFunction", "dynamodb") != null && probe.atGate("TokenFunction", "dynamodb") == null) {
                return f;
            }
        }
    }

    @Test
    void aTransactionWhoseAnswerWasLostIsRetriedWithItsTokenAndAppliedOnce() {
        String counter = "lost-" + UUID.randomUUID();
        ClientRequestTokens tokens = new ClientRequestTokens();
        FaultInjector injector;
        try (IamGate gate = gate(firstAnswerLost(), tokens); DynamoDbClient sdk = client(gate.endpoint())) {
            // No token given: the SDK makes one and repeats it on its retry after the 500.
            sdk.transactWriteItems(increment(counter, counter + "-marker").build());
            assertThat(count(counter)).as("applied once, though sent twice").isEqualTo(1);
            assertThat(tokens.status().replayed()).as("the retry was answered with the first success").isEqualTo(1);
            assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("denied");
        }

        // What moto does by itself with the same token twice: applies it twice, so the gate must not forward the retry.
        TransactWriteItemsRequest again = increment(counter, counter + "-marker").clientRequestToken("token-" + counter).build();
        direct.transactWriteItems(again);
        direct.transactWriteItems(again);
        assertThat(count(counter)).isEqualTo(3);
    }

    @Test
    void everyAnswerLostTheTransactionIsStillAppliedOnlyOnceAndTheCallerHearsTheError() {
        String counter = "all-lost-" + UUID.randomUUID();
        ClientRequestTokens tokens = new ClientRequestTokens();
        Faults f = Faults.none().seed(3).service("dynamodb", new Faults.Rates(0, 0, 0, 0, 1));
        try (IamGate gate = gate(f, tokens); DynamoDbClient sdk = client(gate.endpoint())) {
            InternalServerErrorException e = catchThrowableOfType(InternalServerErrorException.class,
                    () -> sdk.transactWriteItems(increment(counter, counter + "-marker").build()));
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.numAttempts()).isEqualTo(3);
            assertThat(count(counter)).as("three attempts, one applied").isEqualTo(1);
            assertThat(tokens.status().replayed()).isEqualTo(2);
        }
    }

    @Test
    void theSameTokenWithOtherParametersIsRefusedAndWritesNothing() {
        String counter = "mismatch-" + UUID.randomUUID();
        String token = UUID.randomUUID().toString();
        ClientRequestTokens tokens = new ClientRequestTokens();
        try (IamGate gate = gate(null, tokens); DynamoDbClient sdk = client(gate.endpoint())) {
            sdk.transactWriteItems(increment(counter, counter + "-a").clientRequestToken(token).build());
            sdk.transactWriteItems(increment(counter, counter + "-a").clientRequestToken(token).build());
            assertThat(count(counter)).as("the same request twice, applied once").isEqualTo(1);

            IdempotentParameterMismatchException e = catchThrowableOfType(IdempotentParameterMismatchException.class,
                    () -> sdk.transactWriteItems(increment(counter, counter + "-b").clientRequestToken(token).build()));
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("IdempotentParameterMismatchException");
            assertThat(exists(counter + "-b")).isFalse();
            assertThat(count(counter)).isEqualTo(1);
            assertThat(tokens.status()).isEqualTo(new Status.TransactionTokensStatus(1, 1, 1, 0));
        }
    }

    @Test
    void aTokenIsForgottenTenMinutesAfterItsRequestAndAFailedRequestIsNotRemembered() {
        String counter = "window-" + UUID.randomUUID();
        String token = UUID.randomUUID().toString();
        AtomicLong now = new AtomicLong(1_000_000);
        ClientRequestTokens tokens = new ClientRequestTokens(now::get);
        try (IamGate gate = gate(null, tokens); DynamoDbClient sdk = client(gate.endpoint())) {
            sdk.transactWriteItems(increment(counter, counter + "-m").clientRequestToken(token).build());
            now.addAndGet(ClientRequestTokens.WINDOW.toMillis() - 1);
            sdk.transactWriteItems(increment(counter, counter + "-m").clientRequestToken(token).build());
            assertThat(count(counter)).as("within ten minutes").isEqualTo(1);
            now.addAndGet(1);
            sdk.transactWriteItems(increment(counter, counter + "-m").clientRequestToken(token).build());
            assertThat(count(counter)).as("ten minutes after: a new request").isEqualTo(2);

            // Refused by its condition: nothing applied, nothing remembered; the same token once the condition holds is applied.
            String guarded = "guarded-" + UUID.randomUUID();
            String second = UUID.randomUUID().toString();
            TransactWriteItemsRequest onlyIfOpen = TransactWriteItemsRequest.builder().clientRequestToken(second).transactItems(
                    t -> t.conditionCheck(c -> c.tableName(TABLE).key(Map.of("id", AttributeValue.fromS(guarded + "-open")))
                            .conditionExpression("attribute_exists(id)")),
                    t -> t.update(u -> u.tableName(TABLE).key(Map.of("id", AttributeValue.fromS(guarded)))
                            .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))))).build();
            catchThrowableOfType(TransactionCanceledException.class, () -> sdk.transactWriteItems(onlyIfOpen));
            direct.putItem(b -> b.tableName(TABLE).item(Map.of("id", AttributeValue.fromS(guarded + "-open"))));
            sdk.transactWriteItems(onlyIfOpen);
            assertThat(count(guarded)).isEqualTo(1);
        }
    }

    @Test
    void aRepeatWhileTheFirstIsBeingAppliedIsTransactionInProgress() throws Exception {
        ClientRequestTokens tokens = new ClientRequestTokens();
        var body = Json.MAPPER.readTree("{\"TransactItems\":[],\"ClientRequestToken\":\"t\"}");
        assertThat(tokens.decide("t", body)).isInstanceOf(ClientRequestTokens.Forward.class);
        ClientRequestTokens.Decision repeat = tokens.decide("t", body);
        assertThat(repeat).isInstanceOfSatisfying(ClientRequestTokens.Reply.class, r -> {
            assertThat(r.answer().status()).isEqualTo(400);
            assertThat(new String(r.answer().body(), StandardCharsets.UTF_8)).contains("#TransactionInProgressException");
        });
        tokens.completed("t", new ClientRequestTokens.Answer(500, Map.of(), new byte[0]));
        assertThat(tokens.decide("t", body)).as("a failed request is forgotten").isInstanceOf(ClientRequestTokens.Forward.class);
        assertThat(tokens.status().inProgress()).isEqualTo(1);
    }
}
