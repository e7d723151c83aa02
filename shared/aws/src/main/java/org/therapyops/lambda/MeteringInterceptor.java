package org.therapyops.lambda;

import org.therapyops.metering.UsageItem;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Records what each AWS request of a function is billed as, for the invocation's current practice ({@link Metering}):
 *
 * <ul>
 *   <li>DynamoDB: asks every data-plane request to return its consumed capacity (TOTAL) and records the units the
 *   response reports, as read or write units by the operation; a write refused by its condition, or a cancelled
 *   transaction, reports none: it is counted as refused;</li>
 *   <li>SQS: each request (each attempt), a SendMessage or SendMessageBatch once per started 64 KB of its bodies;</li>
 *   <li>SES v2 SendEmail: one email per recipient (To, Cc, Bcc);</li>
 *   <li>S3: each request as PUT/COPY/POST/LIST or GET-and-other (DELETE is free), and the bytes a PutObject stores.</li>
 * </ul>
 *
 * Only SQS and S3 classes it never loads are optional in shared/aws: it reads their requests through the SDK's generic
 * field access, so a function without those modules loads nothing of them.
 */
final class MeteringInterceptor implements ExecutionInterceptor {

    static final int SQS_CHUNK = 64 * 1024;
    private static final Set<String> S3_WRITES = Set.of("PutObject", "CopyObject", "CreateMultipartUpload", "UploadPart",
            "UploadPartCopy", "CompleteMultipartUpload", "ListObjects", "ListObjectsV2", "ListObjectVersions", "ListBuckets",
            "ListMultipartUploads", "ListParts", "PutObjectTagging", "PutObjectAcl", "PutObjectRetention", "PutObjectLegalHold");
    private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest r = context.request();
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (r instanceof GetItemRequest g && g.returnConsumedCapacity() == null) {
            return g.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof PutItemRequest p && p.returnConsumedCapacity() == null) {
            return p.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof UpdateItemRequest u && u.returnConsumedCapacity() == null) {
            return u.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof DeleteItemRequest d && d.returnConsumedCapacity() == null) {
            return d.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof QueryRequest q && q.returnConsumedCapacity() == null) {
            return q.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof ScanRequest s && s.returnConsumedCapacity() == null) {
            return s.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof BatchGetItemRequest b && b.returnConsumedCapacity() == null) {
            return b.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof BatchWriteItemRequest b && b.returnConsumedCapacity() == null) {
            return b.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof TransactGetItemsRequest t && t.returnConsumedCapacity() == null) {
            return t.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof TransactWriteItemsRequest t && t.returnConsumedCapacity() == null) {
            return t.toBuilder().returnConsumedCapacity(total).build();
        }
        return r;
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        String service = service(attributes);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if ("sqs".equals(service)) {
            Metering.record(UsageItem.SQS_REQUESTS, BigDecimal.valueOf(sqsRequests(operation, context.request())));
        } else if ("s3".equals(service) && !"DeleteObject".equals(operation) && !"DeleteObjects".equals(operation)) {
            Metering.record(S3_WRITES.contains(operation) ? UsageItem.S3_WRITE_REQUESTS : UsageItem.S3_READ_REQUESTS, BigDecimal.ONE);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String service = service(attributes);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if ("dynamodb".equals(service)) {
            BigDecimal units = consumedUnits(context.response());
            if (units.signum() > 0) {
                Metering.record(reads(operation) ? UsageItem.DYNAMODB_READ_UNITS : UsageItem.DYNAMODB_WRITE_UNITS, units);
            }
        } else if ("sesv2".equals(service) && "SendEmail".equals(operation)) {
            Metering.record(UsageItem.SES_EMAILS, BigDecimal.valueOf(recipients(context.request())));
        } else if ("s3".equals(service) && "PutObject".equals(operation)) {
            context.requestBody().flatMap(b -> b.optionalContentLength()).ifPresent(bytes ->
                    Metering.record(UsageItem.S3_STORAGE_GB_MONTHS, BigDecimal.valueOf(bytes).divide(GIB)));
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable e = context.exception();
        if (e instanceof ConditionalCheckFailedException || e instanceof TransactionCanceledException) {
            Metering.record(UsageItem.DYNAMODB_REFUSED_WRITES, BigDecimal.ONE);
        }
    }

    /** The client's service, lower case: dynamodb, sqs, sesv2, s3 (the SDK names them DynamoDb, Sqs, SesV2, S3). */
    private static String service(ExecutionAttributes attributes) {
        String name = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        return name == null ? "" : name.toLowerCase(java.util.Locale.ROOT);
    }

    static boolean reads(String operation) {
        return switch (operation == null ? "" : operation) {
            case "GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems" -> true;
            default -> false;
        };
    }

    /** The capacity units a DynamoDB response reports (one ConsumedCapacity, or one per table). */
    static BigDecimal consumedUnits(SdkResponse response) {
        Object consumed = response.getValueForField("ConsumedCapacity", Object.class).orElse(null);
        BigDecimal units = BigDecimal.ZERO;
        if (consumed instanceof ConsumedCapacity c) {
            units = units.add(units(c));
        } else if (consumed instanceof Collection<?> list) {
            for (Object o : list) {
                if (o instanceof ConsumedCapacity c) {
                    units = units.add(units(c));
                }
            }
        }
        return units;
    }

    private static BigDecimal units(ConsumedCapacity c) {
        return c.capacityUnits() == null ? BigDecimal.ZERO : BigDecimal.valueOf(c.capacityUnits());
    }

    /** SendMessage and SendMessageBatch: one request per started 64 KB of their message bodies; others one. */
    static long sqsRequests(String operation, SdkRequest request) {
        long bytes;
        if ("SendMessage".equals(operation)) {
            bytes = utf8(request.getValueForField("MessageBody", String.class).orElse(""));
        } else if ("SendMessageBatch".equals(operation)) {
            bytes = 0;
            for (Object entry : request.getValueForField("Entries", List.class).orElse(List.of())) {
                if (entry instanceof SdkPojo pojo) {
                    bytes += pojo.sdkFields().stream().filter(f -> "MessageBody".equals(f.memberName()))
                            .map(f -> f.getValueOrDefault(pojo)).mapToLong(v -> utf8(String.valueOf(v))).sum();
                }
            }
        } else {
            return 1;
        }
        return Math.max(1, (bytes + SQS_CHUNK - 1) / SQS_CHUNK);
    }

    /** SES v2 SendEmail: the recipients of its Destination. */
    static long recipients(SdkRequest request) {
        Object destination = request.getValueForField("Destination", Object.class).orElse(null);
        if (!(destination instanceof SdkPojo pojo)) {
            return 1;
        }
        long n = 0;
        for (var field : pojo.sdkFields()) {
            if (field.getValueOrDefault(pojo) instanceof Collection<?> addresses) {
                n += addresses.size();
            }
        }
        return Math.max(1, n);
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
