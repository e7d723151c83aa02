package org.therapyops.localcloud.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * HTTP API test handler: answers 201 with the whole received event as its body; throws for paths containing /boom. It
 * also answers multiValueHeaders, as Micronaut's payload 2.0 response does, which API Gateway ignores in format 2.0.
 */
public class EchoHttpFunction implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        if (event.contains("\"rawPath\":\"/boom")) {
            throw new IllegalStateException("boom");
        }
        String escaped = event.replace("\\", "\\\\").replace("\"", "\\\"");
        String response = "{\"statusCode\":201,\"headers\":{\"content-type\":\"application/json\",\"x-echo\":\"1\"},"
                + "\"multiValueHeaders\":{\"x-echo\":[\"1\"],\"x-only-multi\":[\"a\",\"b\"]},"
                + "\"cookies\":[\"seen=1\"],\"body\":\"" + escaped + "\"}";
        output.write(response.getBytes(StandardCharsets.UTF_8));
    }
}
