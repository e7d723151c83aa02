package org.therapyops.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * DynamoDB's idempotency of TransactWriteItems, which moto lacks (it ignores {@code ClientRequestToken}): a request
 * repeating the token of one that succeeded less than ten minutes ago, with the same parameters, is answered with that
 * first success and applies nothing; with other parameters it is refused with IdempotentParameterMismatchException;
 * while the first is still being applied, with TransactionInProgressException. The AWS SDK fills the token in when the
 * caller does not and repeats it on each retry, so on AWS a retried transaction whose answer was lost is not applied
 * twice; through this, the same holds locally. A failed request is not remembered (it applied nothing): its retry is
 * applied as a new request. One instance serves every function's IAM gate (tokens are the account's, not a function's).
 */
final class ClientRequestTokens {

    /** How long a token is remembered after its request completed (AWS: 10 minutes). */
    static final Duration WINDOW = Duration.ofMinutes(10);

    /** A forwarded answer: status, headers, body. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    }

    /** What the gate does with a TransactWriteItems call: forward it (and report its answer), or answer this. */
    sealed interface Decision {
    }

    /** Forward the call; then {@link #completed} with its answer. */
    record Forward(String token) implements Decision {
    }

    /** Answer without forwarding: the first success again, or the service's error. */
    record Reply(Answer answer, String kind) implements Decision {
    }

    private record Entry(JsonNode parameters, Answer answer, long completedAtMs) {
        boolean inProgress() {
            return answer == null;
        }
    }

    private final LongSupplier clock;
    private final Map<String, Entry> tokens = new HashMap<>();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong mismatched = new AtomicLong();
    private final AtomicLong inProgress = new AtomicLong();

    ClientRequestTokens() {
        this(System::currentTimeMillis);
    }

    /** With a clock in epoch milliseconds (tests move it past the window). */
    ClientRequestTokens(LongSupplier clock) {
        this.clock = clock;
    }

    /** The call's token, or null when it has none (then it is forwarded as is). */
    static String token(JsonNode body) {
        JsonNode t = body.get("ClientRequestToken");
        return t != null && t.isTextual() && !t.asText().isEmpty() ? t.asText() : null;
    }

    /** What to do with a TransactWriteItems call carrying a token. */
    synchronized Decision decide(String token, JsonNode body) {
        JsonNode parameters = parameters(body);
        long now = clock.getAsLong();
        tokens.values().removeIf(e -> !e.inProgress() && now - e.completedAtMs() >= WINDOW.toMillis());
        Entry e = tokens.get(token);
        if (e == null) {
            tokens.put(token, new Entry(parameters, null, 0));
            return new Forward(token);
        }
        if (!e.parameters().equals(parameters)) {
            mismatched.incrementAndGet();
            return new Reply(error("IdempotentParameterMismatchException", "Request parameters do not match the parameters of the "
                    + "request first made with this ClientRequestToken"), "mismatch");
        }
        if (e.inProgress()) {
            inProgress.incrementAndGet();
            return new Reply(error("TransactionInProgressException", "The transaction with the given request token is already in "
                    + "progress."), "inProgress");
        }
        replayed.incrementAndGet();
        return new Reply(e.answer(), "replayed");
    }

    /** The forwarded call's answer: a success is remembered for the window; a failure forgets the token. */
    synchronized void completed(String token, Answer answer) {
        Entry e = tokens.get(token);
        if (e == null || !e.inProgress()) {
            return;
        }
        if (answer != null && answer.status() >= 200 && answer.status() < 300) {
            tokens.put(token, new Entry(e.parameters(), answer, clock.getAsLong()));
        } else {
            tokens.remove(token);
        }
    }

    /** The counters for /_local/status. */
    synchronized Status.TransactionTokensStatus status() {
        long remembered = tokens.values().stream().filter(e -> !e.inProgress()).count();
        return new Status.TransactionTokensStatus(remembered, replayed.get(), mismatched.get(), inProgress.get());
    }

    /** The request without its token: what must be the same for the token to be the same request. */
    private static JsonNode parameters(JsonNode body) {
        JsonNode copy = body.deepCopy();
        if (copy instanceof ObjectNode o) {
            o.remove("ClientRequestToken");
        }
        return copy;
    }

    private static Answer error(String code, String message) {
        String requestId = java.util.UUID.randomUUID().toString();
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(Map.of("__type", "com.amazonaws.dynamodb.v20120810#" + code, "message", message));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("Content-Type", List.of("application/x-amz-json-1.0"));
        headers.put("x-amzn-RequestId", List.of(requestId));
        headers.put("x-amzn-ErrorType", List.of(code));
        return new Answer(400, headers, body);
    }
}
