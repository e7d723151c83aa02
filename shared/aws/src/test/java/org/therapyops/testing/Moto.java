package org.therapyops.testing;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import org.therapyops.dynamodb.BillingItems;
import org.therapyops.dynamodb.Tables;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A moto server on loopback for adapter tests: the real AWS SDK against real wire APIs.
 * One server per test JVM, started on first use and stopped when the JVM exits.
 */
public final class Moto {

    private static Moto shared;

    private final Process process;
    private final URI endpoint;

    private Moto(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static synchronized Moto shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.process.destroy()));
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }

    public DynamoDbClient dynamo() {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /**
     * Creates a Practice, an Appointments and an appointment history table with the keys and indexes of template.yaml,
     * under fresh names.
     */
    public Tables createTables() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Tables tables = new Tables("practice-" + suffix, "appointments-" + suffix, "appointment-history-" + suffix);
        try (DynamoDbClient dynamo = dynamo()) {
            dynamo.createTable(b -> b.tableName(tables.practice()).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attribute("pk"), attribute("sk"), attribute("memberKey"))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("ByMember")
                            .keySchema(key("memberKey", KeyType.HASH))
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));
            dynamo.createTable(b -> b.tableName(tables.appointments()).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attribute("pk"), attribute("sk"), attribute("startKey"), attribute("authorizationKey"))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .globalSecondaryIndexes(
                            index("ByStart", key("pk", KeyType.HASH), key("startKey", KeyType.RANGE)),
                            index("ByAuthorization", key("authorizationKey", KeyType.HASH), key("startKey", KeyType.RANGE))));
            dynamo.createTable(b -> b.tableName(tables.appointmentHistory()).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attribute("pk"), attribute("sk"))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)));
        }
        return tables;
    }

    /** Names of a Notes and a Claims table. */
    public record BillingTables(String notes, String claims) {
    }

    /** The attributes template.yaml's ByPatient index of the Claims table projects. */
    public static final java.util.List<String> BY_PATIENT_ATTRIBUTES = java.util.List.of("id", "noteId", "noteSignedAt",
            "status", "createdAt", "version", "patientId", "payerId", "dateOfService", "placeOfService", "frequency",
            "originalClaimId", "renderingProvider", "lines", "remittance");

    /** The attributes template.yaml's needsReview index of the Claims table projects. */
    public static final java.util.List<String> NEEDS_REVIEW_ATTRIBUTES = java.util.List.of("id", "status", "dateOfService",
            "payerName", "totalCharge", "findings", "queued");

    /** Creates a Notes and a Claims table with the keys and indexes of template.yaml, under fresh names. */
    public BillingTables createBillingTables() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        BillingTables tables = new BillingTables("notes-" + suffix, "claims-" + suffix);
        try (DynamoDbClient dynamo = dynamo()) {
            dynamo.createTable(b -> b.tableName(tables.notes()).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attribute("pk"), attribute("sk"))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)));
            dynamo.createTable(b -> b.tableName(tables.claims()).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attribute("pk"), attribute("sk"), attribute(BillingItems.REVIEW_QUEUE),
                            attribute("patientKey"), attribute("serviceKey"), attribute("controlKey"))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(BillingItems.NEEDS_REVIEW_INDEX)
                            .keySchema(key(BillingItems.REVIEW_QUEUE, KeyType.HASH), key("pk", KeyType.RANGE))
                            .projection(Projection.builder().projectionType(ProjectionType.INCLUDE)
                                    .nonKeyAttributes(NEEDS_REVIEW_ATTRIBUTES).build()).build(),
                            GlobalSecondaryIndex.builder().indexName("ByControlNumber").keySchema(key("controlKey", KeyType.HASH))
                            .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build(),
                            GlobalSecondaryIndex.builder().indexName("ByPatient")
                            .keySchema(key("patientKey", KeyType.HASH), key("serviceKey", KeyType.RANGE))
                            .projection(Projection.builder().projectionType(ProjectionType.INCLUDE)
                                    .nonKeyAttributes(BY_PATIENT_ATTRIBUTES).build()).build()));
        }
        return tables;
    }

    /** Creates a Reporting table with the keys and index of template.yaml, under a fresh name. */
    public String createReportingTable() {
        String name = "reporting-" + UUID.randomUUID().toString().substring(0, 8);
        try (DynamoDbClient dynamo = dynamo()) {
            dynamo.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attribute("pk"), attribute("sk"), attribute("registry"))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("ByRegistry")
                            .keySchema(key("registry", KeyType.HASH), key("pk", KeyType.RANGE))
                            .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build()));
        }
        return name;
    }

    /** The usage table of template.yaml (pk, sk), under a fresh name. */
    public String createUsageTable() {
        String name = "usage-" + UUID.randomUUID().toString().substring(0, 8);
        try (DynamoDbClient dynamo = dynamo()) {
            dynamo.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attribute("pk"), attribute("sk"))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)));
        }
        return name;
    }

    /** Creates an Alerts table with the keys and index of template.yaml, under a fresh name. */
    public String createAlertsTable() {
        String name = "alerts-" + UUID.randomUUID().toString().substring(0, 8);
        try (DynamoDbClient dynamo = dynamo()) {
            dynamo.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attribute("pk"), attribute("sk"), attribute("statusCreatedAt"))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .localSecondaryIndexes(software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex.builder()
                            .indexName("byStatus").keySchema(key("pk", KeyType.HASH), key("statusCreatedAt", KeyType.RANGE))
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));
        }
        return name;
    }

    /** Creates an Inbound table with the keys and index of template.yaml, under a fresh name. */
    public String createInboundTable() {
        String name = "inbound-" + UUID.randomUUID().toString().substring(0, 8);
        try (DynamoDbClient dynamo = dynamo()) {
            dynamo.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attribute("pk"), attribute("sk"), attribute("timeKey"))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .globalSecondaryIndexes(index("ByTime", key("pk", KeyType.HASH), key("timeKey", KeyType.RANGE))));
        }
        return name;
    }

    public software.amazon.awssdk.services.s3.S3Client s3() {
        return software.amazon.awssdk.services.s3.S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    public software.amazon.awssdk.services.sqs.SqsClient sqs() {
        return software.amazon.awssdk.services.sqs.SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** A fresh bucket's name. */
    public String createBucket() {
        String name = "bucket-" + UUID.randomUUID().toString().substring(0, 8);
        try (var s3 = s3()) {
            s3.createBucket(b -> b.bucket(name));
        }
        return name;
    }

    /** A fresh queue's URL. */
    public String createQueue() {
        try (var sqs = sqs()) {
            return sqs.createQueue(b -> b.queueName("queue-" + UUID.randomUUID().toString().substring(0, 8))).queueUrl();
        }
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex index(String name, KeySchemaElement hash, KeySchemaElement range) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(hash, range)
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build();
    }

    /** bin/moto-server of the project: the nearest one above the module the tests run in. */
    private static File serverScript() {
        for (File dir = new File("").getAbsoluteFile(); dir != null; dir = dir.getParentFile()) {
            File script = new File(dir, "bin/moto-server");
            if (script.isFile()) {
                return script;
            }
        }
        throw new IllegalStateException("bin/moto-server not found above " + new File("").getAbsolutePath());
    }

    private static Moto start() {
        // bin/moto-server: moto with DynamoDB requests serialized (moto's transactions lose concurrent writes otherwise)
        return start(serverScript().getAbsolutePath());
    }

    /** moto's own server, as pip installs it, without bin/moto-server's changes (to compare their answers); stop it. */
    public static Moto plain() {
        return start("-m", "moto.server");
    }

    /** A server of its own, running bin/moto-server; stop it. */
    public static Moto ownServer() {
        return start();
    }

    /** Stops a server started by {@link #plain()} or {@link #ownServer()}. */
    public void stop() {
        process.destroy();
    }

    private static Moto start(String... server) {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            File log = File.createTempFile("moto-", ".log");
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("python3"));
            command.addAll(java.util.List.of(server));
            command.addAll(java.util.List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("moto_server exited; see " + log);
                }
                try {
                    HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
                    c.setConnectTimeout(200);
                    if (c.getResponseCode() == 200) {
                        return new Moto(process, endpoint);
                    }
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            process.destroy();
            throw new IllegalStateException("moto_server did not answer within 30 s; see " + log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto_server (is moto installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
