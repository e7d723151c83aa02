package org.therapyops.dynamodb;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.therapyops.domain.Patient;
import org.therapyops.domain.PracticeSettings;
import org.therapyops.metering.Usage;
import org.therapyops.metering.UsageItem;
import org.therapyops.ports.ControlNumbers;
import org.therapyops.ports.StaleVersionException;
import org.therapyops.testing.Moto;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A write whose answer is lost after DynamoDB applied it: the SDK retries, the retry's condition fails against the
 * item the first attempt wrote, and the repository must still answer success (and apply nothing twice), while a
 * write that is really stale stays refused. The first answer of the chosen operation is replaced by a 500, the way a
 * proxy or a dropped connection loses it; moto applies the write as DynamoDB does.
 */
class LostAnswerRetryTest {

    /** Replaces the first successful answer to one operation by a 500, once armed. */
    static final class LoseAnswer implements ExecutionInterceptor {
        private final AtomicInteger armed = new AtomicInteger();
        private volatile String operation;
        final AtomicInteger lost = new AtomicInteger();

        void arm(String dynamoOperation) {
            operation = dynamoOperation;
            armed.set(1);
        }

        @Override
        public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
            String target = context.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
            if (context.httpResponse().isSuccessful() && target.endsWith("." + operation) && armed.compareAndSet(1, 2)) {
                return context.httpResponse().toBuilder().statusCode(500).build();
            }
            return context.httpResponse();
        }

        @Override
        public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
            if (armed.compareAndSet(2, 0)) {
                lost.incrementAndGet();
                return Optional.of(new ByteArrayInputStream(
                        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"answer lost\"}"
                                .getBytes(StandardCharsets.UTF_8)));
            }
            return context.responseBody();
        }
    }

    private final LoseAnswer lose = new LoseAnswer();
    private final String practiceId = "practice-" + UUID.randomUUID();
    private DynamoPracticeRepository practice;
    private DynamoPracticeRepository plain;
    private DynamoDbClient losing;

    @BeforeEach
    void setUp() {
        Moto moto = Moto.shared();
        Tables tables = moto.createTables();
        losing = DynamoDbClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(lose)).build();
        practice = new DynamoPracticeRepository(losing, tables);
        plain = new DynamoPracticeRepository(moto.dynamo(), tables);
    }

    private static Patient patient(String firstName, long version) {
        return new Patient("patient-1", firstName, "Byron", LocalDate.of(1980, 12, 10), "F", null, Instant.EPOCH, version);
    }

    @Test
    void aReplacementWhoseAnswerWasLostIsAnsweredAsDoneAndAppliedOnce() {
        plain.create(practiceId, patient("Ada", 1));
        lose.arm("UpdateItem");
        Patient next = practice.update(practiceId, patient("Augusta", 1));
        assertThat(lose.lost).hasValue(1);
        assertThat(next.version()).isEqualTo(2);
        Patient stored = plain.patient(practiceId, "patient-1").orElseThrow();
        assertThat(stored.firstName()).isEqualTo("Augusta");
        assertThat(stored.version()).isEqualTo(2);

        // Really stale (another change from version 1): still refused, and nothing written.
        assertThatThrownBy(() -> practice.update(practiceId, patient("Eve", 1))).isInstanceOf(StaleVersionException.class);
        assertThat(plain.patient(practiceId, "patient-1").orElseThrow().firstName()).isEqualTo("Augusta");
    }

    @Test
    void aReplacementRemovingAFieldWhoseAnswerWasLostIsDoneToo() {
        plain.create(practiceId, patient("Ada", 1));
        lose.arm("UpdateItem");
        practice.update(practiceId, new Patient("patient-1", "Ada", "Byron", LocalDate.of(1980, 12, 10), null, null, Instant.EPOCH, 1));
        assertThat(lose.lost).hasValue(1);
        assertThat(plain.patient(practiceId, "patient-1").orElseThrow().sex()).isNull();
    }

    @Test
    void aCreationWhoseAnswerWasLostIsNotADuplicate() {
        lose.arm("PutItem");
        practice.create(practiceId, patient("Ada", 1));
        assertThat(lose.lost).hasValue(1);
        assertThat(plain.patients(practiceId, null, 10, null).items()).hasSize(1);
        // A second creation under the same id with other content is a duplicate.
        assertThatThrownBy(() -> plain.create(practiceId, patient("Eve", 1))).isInstanceOf(DuplicateIdException.class);
    }

    @Test
    void practiceSettingsWhoseAnswerWasLostAreSaved() {
        lose.arm("PutItem");
        practice.saveSettings(practiceId, PracticeSettings.defaults(), 0);
        assertThat(lose.lost).hasValue(1);
        assertThat(plain.settings(practiceId).version()).isEqualTo(1);
        assertThatThrownBy(() -> practice.saveSettings(practiceId, PracticeSettings.defaults(), 0))
                .isInstanceOf(StaleVersionException.class);
    }

    @Test
    void aControlNumberWhoseAnswerWasLostIsHandedOutOnceAndTheNextFollowsIt() {
        Moto moto = Moto.shared();
        DynamoControlNumbers numbers = new DynamoControlNumbers(losing, moto.createBillingTables().claims());
        assertThat(numbers.next(practiceId, ControlNumbers.Kind.INTERCHANGE)).isEqualTo(1);
        lose.arm("UpdateItem");
        assertThat(numbers.next(practiceId, ControlNumbers.Kind.INTERCHANGE)).as("the retry reads the number its first attempt got")
                .isEqualTo(2);
        assertThat(lose.lost).hasValue(1);
        assertThat(numbers.next(practiceId, ControlNumbers.Kind.INTERCHANGE)).as("no number skipped").isEqualTo(3);
    }

    @Test
    void usageWhoseAnswerWasLostIsCountedOnce() {
        DynamoUsageStore usage = new DynamoUsageStore(losing, Moto.shared().createUsageTable());
        java.time.YearMonth month = java.time.YearMonth.of(2026, 12);
        Usage one = new Usage(java.util.Map.of(UsageItem.LAMBDA_REQUESTS, java.math.BigDecimal.ONE));
        usage.add(practiceId, month, "api", one, Usage.NONE);
        lose.arm("UpdateItem");
        usage.add(practiceId, month, "api", one, Usage.NONE);
        assertThat(lose.lost).hasValue(1);
        assertThat(usage.read(practiceId, month).get("api").quantities())
                .containsEntry(UsageItem.LAMBDA_REQUESTS, new java.math.BigDecimal("2"));
    }
}
