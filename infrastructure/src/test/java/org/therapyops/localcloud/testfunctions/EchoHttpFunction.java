package org.therapyops.localcloud.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * HTTP API test handler: answers 200 with the whole received event as its body; throws for paths containing /boom;
 * for /versioned answers as Micronaut's payload 2.0 function does, with Content-Type and ETag both in headers and in
 * multiValueHeaders (and one header only in multiValueHeaders).
 */
public class EchoHttpFunction implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        if (event.contains("\"rawPath\":\"/boom")) {
            throw new IllegalStateException("boom");
        }
        if (event.contains("\"rawPath\":\"/versioned")) {
            output.write(("{\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/json\",\"ETag\":\"\\\"3\\\"\"},"
                    + "\"multiValueHeaders\":{\"Content-Type\":[\"application/json\"],\"ETag\":[\"\\\"3\\\"\"],"
                    + "\"X-Only-Multi\":[\"a\",\"b\"]},\"body\":\"{}\",\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        String escaped = event.replace("\\", "\\\\").replace("\"", "\\\"");
        String response = "{\"statusCode\":201,\"headers\":{\"content-type\":\"application/json\",\"x-echo\":\"1\"},"
                + "\"cookies\":[\"seen=1\"],\"body\":\"" + escaped + "\"}";
        output.write(response.getBytes(StandardCharsets.UTF_8));
    }
}
