package org.therapyops.localcloud;

import java.nio.charset.StandardCharsets;

/** What one invocation returned: the payload, or Lambda's error type (Unhandled, Runtime.ExitError, Sandbox.Timedout...). */
public record InvocationResult(String requestId, boolean success, byte[] payload, String errorType, String errorMessage) {

    public static InvocationResult ok(String requestId, byte[] payload) {
        return new InvocationResult(requestId, true, payload, null, null);
    }

    public static InvocationResult error(String requestId, String errorType, String errorMessage) {
        return new InvocationResult(requestId, false, new byte[0], errorType, errorMessage);
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
