package org.therapyops.metering;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the deployment is billed for, as AWS counts it: each item has a stable id (its attribute in the usage table and
 * its name in the cost report and the price table) and its unit.
 */
public enum UsageItem {
    /** Lambda: one per invocation. */
    LAMBDA_REQUESTS("lambdaRequests", "request"),
    /** Lambda: billed duration (rounded up to the millisecond) × configured memory. */
    LAMBDA_GB_SECONDS("lambdaGbSeconds", "GB-second"),
    /** DynamoDB on-demand read request units, as DynamoDB reports them (ReturnConsumedCapacity). */
    DYNAMODB_READ_UNITS("dynamodbReadRequestUnits", "read request unit"),
    /** DynamoDB on-demand write request units, as DynamoDB reports them (ReturnConsumedCapacity). */
    DYNAMODB_WRITE_UNITS("dynamodbWriteRequestUnits", "write request unit"),
    /**
     * DynamoDB writes refused by their condition (and cancelled transactions): DynamoDB bills their units but reports
     * none with the error, so they are counted, not priced.
     */
    DYNAMODB_REFUSED_WRITES("dynamodbRefusedWrites", "request"),
    /** SQS requests, each 64 KB chunk of a payload counting as one. */
    SQS_REQUESTS("sqsRequests", "request"),
    /** SES: one per recipient of a sent email. */
    SES_EMAILS("sesEmails", "email"),
    /** HTTP API requests, each 512 KB of a request or its answer counting as one. */
    HTTP_API_REQUESTS("httpApiRequests", "request"),
    /** S3 PUT, COPY, POST and LIST requests. */
    S3_WRITE_REQUESTS("s3PutCopyPostListRequests", "request"),
    /** S3 GET, HEAD and every other request but DELETE (free). */
    S3_READ_REQUESTS("s3GetAndOtherRequests", "request"),
    /** S3 Standard storage added (bytes put ÷ 2^30), for one month of keeping it. */
    S3_STORAGE_GB_MONTHS("s3StorageGbMonths", "GB-month");

    private final String id;
    private final String unit;

    UsageItem(String id, String unit) {
        this.id = id;
        this.unit = unit;
    }

    public String id() {
        return id;
    }

    public String unit() {
        return unit;
    }

    public static Optional<UsageItem> of(String id) {
        return Arrays.stream(values()).filter(i -> i.id.equals(id)).findFirst();
    }
}
