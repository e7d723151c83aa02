package org.therapyops.localcloud.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Email test handler, as a nightly digest would be: on each (scheduled) event, sends one SES v2 email from $SENDER to
 * $RECIPIENT, with a text and an HTML body, through the SDK pointed at $AWS_ENDPOINT_URL; returns the message id.
 */
public class EmailFunction implements RequestStreamHandler {
    private static final SesV2Client SES = SesV2Client.builder()
            .region(Region.of(System.getenv("AWS_REGION")))
            .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        String id = SES.sendEmail(b -> b.fromEmailAddress(System.getenv("SENDER"))
                .destination(d -> d.toAddresses(System.getenv("RECIPIENT")).ccAddresses("frontdesk@example.org"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("Tomorrow's schedule"))
                        .body(body -> body.text(t -> t.data("3 appointments tomorrow."))
                                .html(h -> h.data("<p>3 appointments tomorrow.</p>")))))).messageId();
        output.write(("{\"messageId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
