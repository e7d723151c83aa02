package org.therapyops.messaging;

import org.therapyops.ports.AlertNotifications;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link AlertNotifications} on the notify queue: a JSON body {"practiceId", "alertId"}, ids only. */
public final class SqsAlertNotifications implements AlertNotifications {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsAlertNotifications(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(String practiceId, String alertId) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body(practiceId, alertId)));
    }

    /** The message body the notifier reads. */
    public static String body(String practiceId, String alertId) {
        return "{\"practiceId\":" + quote(practiceId) + ",\"alertId\":" + quote(alertId) + "}";
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
