package org.therapyops.localcloud;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Counts a function's SQS, SES and S3 requests as AWS bills them, at its IAM gate ({@link CloudUsage}): SQS per request,
 * a SendMessage or SendMessageBatch per started 64 KB of its bodies, empty receives also counted apart; SES v2 SendEmail
 * per recipient; S3 per request as PUT/COPY/POST/LIST or GET-and-other (DELETE is free), and the bytes a PutObject
 * stores. DynamoDB is the {@link CapacityMeter}'s.
 */
final class RequestMeter {

    static final int SQS_CHUNK = 64 * 1024;
    private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

    private RequestMeter() {
    }

    static void count(String function, IamGate.Call call, int status, byte[] answer, CloudUsage usage) {
        String target = call.header("X-Amz-Target");
        if (target != null && target.startsWith("AmazonSQS.")) {
            String op = target.substring(target.indexOf('.') + 1);
            JsonNode body = json(call.body());
            usage.add(function, "sqsRequests", sqsRequests(op, body));
            if (op.equals("ReceiveMessage") && status == 200 && json(answer).path("Messages").isEmpty()) {
                usage.add(function, "sqsEmptyReceives", 1);
            }
        } else if ("s3".equals(IamGate.signingService(call))) {
            String method = call.method();
            String path = call.rawPath();
            boolean objectKey = path.indexOf('/', 1) > 0 && path.indexOf('/', 1) < path.length() - 1;
            if (method.equals("DELETE")) {
                return;
            }
            boolean list = method.equals("GET") && (!objectKey || call.query().containsKey("list-type")
                    || call.query().containsKey("versions") || call.query().containsKey("uploads"));
            boolean write = method.equals("PUT") || method.equals("POST") || list;
            usage.add(function, write ? "s3PutCopyPostListRequests" : "s3GetAndOtherRequests", 1);
            if (method.equals("PUT") && objectKey && call.header("x-amz-copy-source") == null && status < 300) {
                String decoded = call.header("x-amz-decoded-content-length");
                long bytes = decoded != null ? Long.parseLong(decoded.strip()) : call.body().length;
                usage.add(function, "s3StorageGbMonths", BigDecimal.valueOf(bytes).divide(GIB));
            }
        } else if ("POST".equals(call.method()) && call.rawPath().startsWith("/v2/email/outbound-emails")) {
            JsonNode destination = json(call.body()).path("Destination");
            long recipients = destination.path("ToAddresses").size() + destination.path("CcAddresses").size()
                    + destination.path("BccAddresses").size();
            usage.add(function, "sesEmails", Math.max(1, recipients));
        }
    }

    static long sqsRequests(String operation, JsonNode body) {
        long bytes;
        if (operation.equals("SendMessage")) {
            bytes = utf8(body.path("MessageBody").asText(""));
        } else if (operation.equals("SendMessageBatch")) {
            bytes = 0;
            for (JsonNode e : body.path("Entries")) {
                bytes += utf8(e.path("MessageBody").asText(""));
            }
        } else {
            return 1;
        }
        return Math.max(1, (bytes + SQS_CHUNK - 1) / SQS_CHUNK);
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static JsonNode json(byte[] body) {
        try {
            JsonNode n = body == null || body.length == 0 ? null : Json.MAPPER.readTree(body);
            return n == null ? Json.MAPPER.createObjectNode() : n;
        } catch (IOException | RuntimeException notJson) {
            return Json.MAPPER.createObjectNode();
        }
    }

    static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
