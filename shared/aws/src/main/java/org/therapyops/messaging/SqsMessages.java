package org.therapyops.messaging;

import io.micronaut.json.JsonMapper;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Sends typed messages to one SQS queue, each as its JSON (Micronaut Serde over Jackson); the one way this backend sends. */
public final class SqsMessages<M extends Record> {

    private final SqsClient sqs;
    private final String queueUrl;
    private final JsonMapper json;

    public SqsMessages(SqsClient sqs, String queueUrl, JsonMapper json) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.json = json;
    }

    public void send(M message) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body(json, message)));
    }

    /** The message's JSON by a default mapper (tests, tools); functions send with the context's. */
    static String body(Record message) {
        return body(DefaultMapper.JSON, message);
    }

    private static final class DefaultMapper {
        static final JsonMapper JSON = JsonMapper.createDefault();
    }

    /** The message's JSON, as the queue's consumer reads it. */
    public static String body(JsonMapper json, Record message) {
        try {
            return json.writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
