package org.therapyops.localcloud;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the local cloud saw the deployment use, counted where AWS would bill it: per owner (a function's logical id, or
 * {@code <function> mapping} for the requests its SQS event source mapping makes) and per item, from the real requests
 * of the run — invocations and billed durations at the Runtime API, HTTP API requests at the gateway, and each
 * function's DynamoDB, SQS, SES and S3 requests at its IAM gate (DynamoDB units by AWS's rules, {@link CapacityRules}).
 *
 * <p>Items (ids as the cost meter's where they are the same thing): lambdaRequests, lambdaGbSeconds (billed duration ×
 * memory), lambdaInitGbSeconds (each process's init, billed as Lambda bills INIT), httpApiRequests,
 * dynamodbRequests, dynamodbReadRequestUnits, dynamodbWriteRequestUnits (tables and indexes),
 * dynamodbRefusedWrites and dynamodbRefusedWriteUnits (writes refused by their condition, cancelled transactions),
 * sqsRequests (64 KB chunks), sqsEmptyReceives (long polls that found nothing), sesEmails (recipients),
 * s3PutCopyPostListRequests, s3GetAndOtherRequests, s3StorageGbMonths (bytes put ÷ 2^30); and, to tell where durations
 * go, dynamodbMillis (waiting for the emulator's DynamoDB answers) and meterMillis (waiting while the capacity meter read
 * item images, which AWS does not do), streamReads (free for Lambda's triggers), and rru@&lt;Table&gt;, wru@&lt;Table&gt;
 * (the read and write units by table, its logical id).
 */
public final class CloudUsage {

    private final Map<String, Map<String, BigDecimal>> byOwner = new ConcurrentHashMap<>();

    void add(String owner, String item, BigDecimal amount) {
        if (amount == null || amount.signum() == 0) {
            return;
        }
        byOwner.computeIfAbsent(owner, o -> new ConcurrentHashMap<>()).merge(item, amount, BigDecimal::add);
    }

    void add(String owner, String item, long amount) {
        add(owner, item, BigDecimal.valueOf(amount));
    }

    void add(String owner, String item, double amount) {
        add(owner, item, BigDecimal.valueOf(amount));
    }

    /** A copy of every count so far: owner → item → amount, sorted. */
    public Map<String, Map<String, BigDecimal>> snapshot() {
        Map<String, Map<String, BigDecimal>> copy = new TreeMap<>();
        byOwner.forEach((owner, items) -> copy.put(owner, Collections.unmodifiableMap(new TreeMap<>(items))));
        return Collections.unmodifiableMap(copy);
    }

    /** What {@code after} counted beyond {@code before} (both snapshots). */
    public static Map<String, Map<String, BigDecimal>> difference(Map<String, Map<String, BigDecimal>> after,
                                                                  Map<String, Map<String, BigDecimal>> before) {
        Map<String, Map<String, BigDecimal>> diff = new TreeMap<>();
        after.forEach((owner, items) -> items.forEach((item, amount) -> {
            BigDecimal d = amount.subtract(before.getOrDefault(owner, Map.of()).getOrDefault(item, BigDecimal.ZERO));
            if (d.signum() != 0) {
                diff.computeIfAbsent(owner, o -> new TreeMap<>()).put(item, d);
            }
        }));
        return diff;
    }

    /** Milliseconds × MB as GB-seconds (1 GB = 1024 MB), exact. */
    static BigDecimal gbSeconds(long millis, int memoryMb) {
        return BigDecimal.valueOf(millis).multiply(BigDecimal.valueOf(memoryMb)).divide(BigDecimal.valueOf(1_024_000));
    }
}
