package org.therapyops.localcloud.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** HTTP API test handler: works for half a second, then answers 200 with its process id (x-pid). */
public class SlowHttpFunction implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        output.write(("{\"statusCode\":200,\"headers\":{\"x-pid\":\"" + ProcessHandle.current().pid() + "\"},\"body\":\"ok\"}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
