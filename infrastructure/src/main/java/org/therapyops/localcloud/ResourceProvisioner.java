package org.therapyops.localcloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Creates, or reuses when present, the tables, queues, email identities and S3 buckets a template declares.
 *
 * <p>Buckets: {@code BucketName} (else a valid name derived from the stack and logical id), and
 * {@code VersioningConfiguration}, {@code BucketEncryption} and {@code PublicAccessBlockConfiguration}, which moto
 * accepts and reads back. moto keeps versions as S3 does, but it only marks new objects with the default encryption
 * (nothing is encrypted) and it stores the public access block without enforcing it. Other bucket properties are not
 * applied; start-up names them.
 */
public final class ResourceProvisioner {

    private static final Set<String> PROVISIONED = Set.of("AWS::DynamoDB::Table", "AWS::SQS::Queue", "AWS::SES::EmailIdentity",
            "AWS::S3::Bucket");
    private static final Set<String> BUCKET_PROPERTIES = Set.of("BucketName", "VersioningConfiguration", "BucketEncryption",
            "PublicAccessBlockConfiguration");
    /** S3's rules for a bucket name (general purpose buckets): 3 to 63 of a-z 0-9 . -, letter or digit at both ends. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Template template;
    private final TemplateResolver resolver;
    private final AwsClients aws;
    private final double timeScale;
    private final Map<String, Double> queueTimeScale;

    public ResourceProvisioner(Template template, TemplateResolver resolver, AwsClients aws) {
        this(template, resolver, aws, 1, Map.of());
    }

    /**
     * {@code timeScale}: the factor on every queue's visibility timeout, but for the queues (by logical id) that
     * {@code queueTimeScale} names (LocalCloud.Options.timeScale).
     */
    public ResourceProvisioner(Template template, TemplateResolver resolver, AwsClients aws, double timeScale,
                               Map<String, Double> queueTimeScale) {
        this.template = template;
        this.resolver = resolver;
        this.aws = aws;
        this.timeScale = timeScale;
        this.queueTimeScale = Map.copyOf(queueTimeScale);
    }

    /** Defines every resource's !Ref / !GetAtt values, creating the emulated ones in dependency order. */
    public void provision() {
        for (Template.Resource r : template.resources().values()) {
            switch (r.type()) {
                case "AWS::Serverless::Function", "AWS::Lambda::Function" -> {
                    String name = r.properties().get("FunctionName") instanceof String s ? s : resolver.physicalName(r.logicalId());
                    resolver.define(r.logicalId(), new TemplateResolver.Physical(name, Map.of("Arn", functionArn(name))));
                }
                // Not emulated (moto's tables are not encrypted), but !Ref and !GetAtt of a key must resolve.
                case "AWS::KMS::Key" -> {
                    String keyId = java.util.UUID.nameUUIDFromBytes(resolver.physicalName(r.logicalId())
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
                    resolver.define(r.logicalId(), new TemplateResolver.Physical(keyId, Map.of("Arn", "arn:aws:kms:"
                            + TemplateResolver.REGION + ":" + TemplateResolver.ACCOUNT_ID + ":key/" + keyId, "KeyId", keyId)));
                }
                case "AWS::Serverless::HttpApi", "AWS::Serverless::Api" ->
                    resolver.define(r.logicalId(), new TemplateResolver.Physical("local", Map.of("ApiEndpoint", "http://127.0.0.1")));
                default -> {
                    if (!PROVISIONED.contains(r.type())) {
                        System.out.println("[local-cloud] " + r.logicalId() + " (" + r.type() + ") is not emulated; skipped");
                    }
                }
            }
        }
        List<Template.Resource> pending = new ArrayList<>();
        template.resources().values().stream().filter(r -> PROVISIONED.contains(r.type())).forEach(pending::add);
        while (!pending.isEmpty()) {
            Template.Resource next = pending.stream()
                    .filter(r -> resolver.dependencies(r.properties()).stream().allMatch(d -> resolver.physical(d) != null))
                    .findFirst()
                    .orElseThrow(() -> new TemplateException("circular or unsatisfiable references among "
                            + pending.stream().map(Template.Resource::logicalId).toList()));
            pending.remove(next);
            create(next);
        }
    }

    public static String functionArn(String name) {
        return "arn:aws:lambda:" + TemplateResolver.REGION + ":" + TemplateResolver.ACCOUNT_ID + ":function:" + name;
    }

    private void create(Template.Resource r) {
        Map<String, Object> props = resolver.resolveMap(r.properties());
        switch (r.type()) {
            case "AWS::DynamoDB::Table" -> table(r.logicalId(), props);
            case "AWS::SQS::Queue" -> queue(r.logicalId(), props);
            case "AWS::SES::EmailIdentity" -> emailIdentity(r.logicalId(), props);
            case "AWS::S3::Bucket" -> bucket(r.logicalId(), props);
            default -> throw new IllegalStateException(r.type());
        }
    }

    private void table(String id, Map<String, Object> props) {
        String name = props.get("TableName") instanceof String s ? s : resolver.physicalName(id);
        TableDescription table;
        try {
            table = aws.dynamoDb().describeTable(b -> b.tableName(name)).table();
        } catch (ResourceNotFoundException absent) {
            CreateTableRequest.Builder req = CreateTableRequest.builder().tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(keySchema(props.get("KeySchema")))
                    .attributeDefinitions(list(props.get("AttributeDefinitions")).stream()
                            .map(a -> AttributeDefinition.builder().attributeName(str(a.get("AttributeName")))
                                    .attributeType(str(a.get("AttributeType"))).build()).toList());
            List<GlobalSecondaryIndex> gsis = list(props.get("GlobalSecondaryIndexes")).stream()
                    .map(g -> GlobalSecondaryIndex.builder().indexName(str(g.get("IndexName")))
                            .keySchema(keySchema(g.get("KeySchema"))).projection(projection(g.get("Projection"))).build())
                    .toList();
            if (!gsis.isEmpty()) {
                req.globalSecondaryIndexes(gsis);
            }
            List<LocalSecondaryIndex> lsis = list(props.get("LocalSecondaryIndexes")).stream()
                    .map(g -> LocalSecondaryIndex.builder().indexName(str(g.get("IndexName")))
                            .keySchema(keySchema(g.get("KeySchema"))).projection(projection(g.get("Projection"))).build())
                    .toList();
            if (!lsis.isEmpty()) {
                req.localSecondaryIndexes(lsis);
            }
            Map<String, Object> stream = Template.mapOf(props.get("StreamSpecification"));
            if (stream.get("StreamViewType") != null) {
                req.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                        .streamViewType(str(stream.get("StreamViewType"))).build());
            }
            table = aws.dynamoDb().createTable(req.build()).tableDescription();
            Map<String, Object> ttl = Template.mapOf(props.get("TimeToLiveSpecification"));
            if (Boolean.parseBoolean(String.valueOf(ttl.get("Enabled"))) && ttl.get("AttributeName") != null) {
                aws.dynamoDb().updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(
                        t -> t.attributeName(str(ttl.get("AttributeName"))).enabled(true)));
            }
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("Arn", table.tableArn());
        if (table.latestStreamArn() != null) {
            attrs.put("StreamArn", table.latestStreamArn());
        }
        resolver.define(id, new TemplateResolver.Physical(name, attrs));
    }

    private void queue(String id, Map<String, Object> props) {
        boolean fifo = Boolean.parseBoolean(String.valueOf(props.get("FifoQueue")));
        String name = props.get("QueueName") instanceof String s ? s : resolver.physicalName(id) + (fifo ? ".fifo" : "");
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
        copy(props, "VisibilityTimeout", QueueAttributeName.VISIBILITY_TIMEOUT, attributes);
        copy(props, "MessageRetentionPeriod", QueueAttributeName.MESSAGE_RETENTION_PERIOD, attributes);
        copy(props, "DelaySeconds", QueueAttributeName.DELAY_SECONDS, attributes);
        copy(props, "MaximumMessageSize", QueueAttributeName.MAXIMUM_MESSAGE_SIZE, attributes);
        copy(props, "ReceiveMessageWaitTimeSeconds", QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, attributes);
        copy(props, "ContentBasedDeduplication", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, attributes);
        double scale = queueTimeScale.getOrDefault(id, timeScale);
        if (scale != 1) {
            long seconds = Long.parseLong(attributes.getOrDefault(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
            attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(Math.max(1, Math.round(seconds * scale))));
        }
        if (props.get("RedrivePolicy") != null) {
            try {
                attributes.put(QueueAttributeName.REDRIVE_POLICY, Json.MAPPER.writeValueAsString(props.get("RedrivePolicy")));
            } catch (JsonProcessingException e) {
                throw new TemplateException(id + ".RedrivePolicy: " + e.getMessage());
            }
        }
        String url;
        try {
            String existing = aws.sqs().getQueueUrl(b -> b.queueName(name)).queueUrl();
            if (!attributes.isEmpty()) {
                aws.sqs().setQueueAttributes(b -> b.queueUrl(existing).attributes(attributes));
            }
            url = existing;
        } catch (QueueDoesNotExistException absent) {
            Map<QueueAttributeName, String> create = new LinkedHashMap<>(attributes);
            if (fifo) {
                create.put(QueueAttributeName.FIFO_QUEUE, "true");
            }
            url = aws.sqs().createQueue(b -> b.queueName(name).attributes(create)).queueUrl();
        }
        String queueUrl = url;
        String arn = aws.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        resolver.define(id, new TemplateResolver.Physical(url, Map.of("Arn", arn, "QueueName", name, "QueueUrl", url)));
    }

    private void emailIdentity(String id, Map<String, Object> props) {
        String identity = str(props.get("EmailIdentity"));
        try {
            aws.ses().createEmailIdentity(b -> b.emailIdentity(identity));
        } catch (AlreadyExistsException present) {
            // reuse
        }
        resolver.define(id, new TemplateResolver.Physical(identity, Map.of()));
    }

    private void bucket(String id, Map<String, Object> props) {
        String name;
        if (props.get("BucketName") != null) {
            name = str(props.get("BucketName"));
            if (!validBucketName(name)) {
                throw new TemplateException(id + ".BucketName '" + name + "' is not a valid S3 bucket name"
                        + " (3 to 63 of a-z 0-9 . -, a letter or digit at both ends, not an IP address)");
            }
        } else {
            name = bucketName(resolver.physicalName(id));
        }
        try {
            aws.s3().headBucket(b -> b.bucket(name));
        } catch (NoSuchBucketException absent) {
            // us-east-1: no LocationConstraint, as CloudFormation creates it there
            aws.s3().createBucket(b -> b.bucket(name));
        }
        Map<String, Object> versioning = Template.mapOf(props.get("VersioningConfiguration"));
        if (versioning.get("Status") != null) {
            aws.s3().putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status(str(versioning.get("Status")))));
        }
        List<ServerSideEncryptionRule> rules = new ArrayList<>();
        for (Map<String, Object> rule : list(Template.mapOf(props.get("BucketEncryption")).get("ServerSideEncryptionConfiguration"))) {
            Map<String, Object> byDefault = Template.mapOf(rule.get("ServerSideEncryptionByDefault"));
            ServerSideEncryptionRule.Builder r = ServerSideEncryptionRule.builder();
            if (byDefault.get("SSEAlgorithm") != null) {
                r.applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(str(byDefault.get("SSEAlgorithm")))
                        .kmsMasterKeyID(str(byDefault.get("KMSMasterKeyID"))));
            }
            if (rule.get("BucketKeyEnabled") != null) {
                r.bucketKeyEnabled(Boolean.parseBoolean(str(rule.get("BucketKeyEnabled"))));
            }
            rules.add(r.build());
        }
        if (!rules.isEmpty()) {
            aws.s3().putBucketEncryption(b -> b.bucket(name).serverSideEncryptionConfiguration(c -> c.rules(rules)));
        }
        Map<String, Object> block = Template.mapOf(props.get("PublicAccessBlockConfiguration"));
        if (!block.isEmpty()) {
            aws.s3().putPublicAccessBlock(b -> b.bucket(name).publicAccessBlockConfiguration(c -> c
                    .blockPublicAcls(flag(block, "BlockPublicAcls")).blockPublicPolicy(flag(block, "BlockPublicPolicy"))
                    .ignorePublicAcls(flag(block, "IgnorePublicAcls")).restrictPublicBuckets(flag(block, "RestrictPublicBuckets"))));
        }
        List<String> ignored = props.keySet().stream().filter(k -> !BUCKET_PROPERTIES.contains(k)).sorted().toList();
        if (!ignored.isEmpty()) {
            System.out.println("[local-cloud] " + id + " (AWS::S3::Bucket): " + String.join(", ", ignored) + " not applied by the local cloud");
        }
        resolver.define(id, new TemplateResolver.Physical(name, Map.of("Arn", "arn:aws:s3:::" + name,
                "DomainName", name + ".s3.amazonaws.com",
                "RegionalDomainName", name + ".s3." + TemplateResolver.REGION + ".amazonaws.com")));
    }

    static boolean validBucketName(String name) {
        return BUCKET_NAME.matcher(name).matches() && !name.contains("..") && !IP_ADDRESS.matcher(name).matches();
    }

    /**
     * A bucket name for a resource without BucketName, as CloudFormation makes one: the stack and logical id,
     * lowercased, within S3's rules; a long one is cut and given a hash of the whole so that names stay distinct.
     * Deterministic, so that a run against a persistent endpoint finds its bucket again.
     */
    static String bucketName(String physicalName) {
        String name = physicalName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^-+|-+$", "");
        if (name.length() > 63) {
            String hash = HexFormat.of().formatHex(sha256(physicalName)).substring(0, 8);
            name = name.substring(0, 54).replaceAll("-+$", "") + "-" + hash;
        }
        return name.length() < 3 ? name + (name.isEmpty() ? "" : "-") + "bucket" : name;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean flag(Map<String, Object> map, String key) {
        return Boolean.parseBoolean(String.valueOf(map.get(key)));
    }

    private static void copy(Map<String, Object> props, String key, QueueAttributeName name, Map<QueueAttributeName, String> out) {
        if (props.get(key) != null) {
            out.put(name, String.valueOf(props.get(key)));
        }
    }

    private static List<KeySchemaElement> keySchema(Object raw) {
        return list(raw).stream().map(k -> KeySchemaElement.builder().attributeName(str(k.get("AttributeName")))
                .keyType(str(k.get("KeyType"))).build()).toList();
    }

    private static Projection projection(Object raw) {
        Map<String, Object> p = Template.mapOf(raw);
        Projection.Builder b = Projection.builder().projectionType(p.get("ProjectionType") == null ? "ALL" : str(p.get("ProjectionType")));
        if (p.get("NonKeyAttributes") instanceof List<?> l) {
            b.nonKeyAttributes(l.stream().map(String::valueOf).toList());
        }
        return b.build();
    }

    private static List<Map<String, Object>> list(Object raw) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (raw instanceof List<?> l) {
            l.forEach(o -> out.add(Template.mapOf(o)));
        }
        return out;
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
