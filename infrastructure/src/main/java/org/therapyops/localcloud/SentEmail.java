package org.therapyops.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An email the emulator accepted (SES v1/v2 SendEmail, or a raw message), as moto records it. moto keeps one body:
 * the HTML part when both HTML and text were sent.
 */
public record SentEmail(String source, List<String> destinations, String subject, String body) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Reads moto's {@code GET /moto-api/data.json}: {@code ses.Message} then {@code ses.RawMessage}, in the order sent. */
    static List<SentEmail> read(URI endpoint) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json")).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read sent emails from " + endpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        if (response.statusCode() == 404) {
            return readLocalStack(endpoint);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("sent emails are read from moto's /moto-api/data.json; " + endpoint
                    + " answered " + response.statusCode());
        }
        try {
            return parse(Json.MAPPER.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("unexpected /moto-api/data.json: " + e.getMessage(), e);
        }
    }

    /** LocalStack keeps sent emails at {@code GET /_aws/ses} ({"messages": [{Source, Destination, Subject, Body}]}). */
    private static List<SentEmail> readLocalStack(URI endpoint) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/_aws/ses")).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return parseLocalStack(Json.MAPPER.readTree(r.body()));
            }
        } catch (IOException e) {
            // neither moto nor LocalStack
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("sent emails are read from moto's /moto-api/data.json or LocalStack's /_aws/ses;"
                + " " + endpoint + " serves neither");
    }

    static List<SentEmail> parseLocalStack(JsonNode data) {
        List<SentEmail> out = new ArrayList<>();
        for (JsonNode m : data.path("messages")) {
            List<String> to = new ArrayList<>();
            for (String field : List.of("ToAddresses", "CcAddresses", "BccAddresses")) {
                m.path("Destination").path(field).forEach(a -> to.add(a.asText()));
            }
            JsonNode body = m.path("Body");
            String text = body.hasNonNull("html_part") ? body.get("html_part").asText() : body.path("text_part").asText(null);
            out.add(new SentEmail(m.path("Source").asText(null), List.copyOf(to), m.path("Subject").asText(null), text));
        }
        return out;
    }

    static List<SentEmail> parse(JsonNode data) {
        List<SentEmail> out = new ArrayList<>();
        JsonNode ses = data.path("ses");
        for (JsonNode m : ses.path("Message")) {
            List<String> to = new ArrayList<>();
            JsonNode d = m.path("destinations");
            if (d.isArray()) {
                d.forEach(a -> to.add(a.asText()));
            } else {
                for (String field : List.of("ToAddresses", "CcAddresses", "BccAddresses")) {
                    d.path(field).forEach(a -> to.add(a.asText()));
                }
            }
            out.add(new SentEmail(m.path("source").asText(null), List.copyOf(to), m.path("subject").asText(null), m.path("body").asText(null)));
        }
        for (JsonNode m : ses.path("RawMessage")) {
            List<String> to = new ArrayList<>();
            m.path("destinations").forEach(a -> to.add(a.asText()));
            String raw = m.path("raw_data").asText("");
            int split = raw.indexOf("\r\n\r\n");
            int gap = 4;
            if (split < 0) {
                split = raw.indexOf("\n\n");
                gap = 2;
            }
            String headers = split < 0 ? raw : raw.substring(0, split);
            String body = split < 0 ? "" : raw.substring(split + gap);
            String subject = null;
            for (String line : headers.split("\r?\n")) {
                if (line.regionMatches(true, 0, "Subject:", 0, 8)) {
                    subject = line.substring(8).trim();
                }
            }
            out.add(new SentEmail(m.path("source").asText(null), List.copyOf(to), subject, body));
        }
        return out;
    }
}
