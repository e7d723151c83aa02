package org.therapyops.localcloud.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Scheduled test handler: returns the event it received (so runSchedule shows what AWS would send) and notes each
 * invocation in $OBSERVE_FILE; throws when the event contains "fail".
 */
public class ScheduledFunction implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        StreamFunction.observe(event.contains("fail") ? "fail" : "ok");
        if (event.contains("fail")) {
            throw new IllegalStateException("scheduled failure");
        }
        output.write(event.getBytes(StandardCharsets.UTF_8));
    }
}
