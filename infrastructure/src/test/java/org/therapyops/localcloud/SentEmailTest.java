package org.therapyops.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentEmailTest {

    @Test
    void readsMotosSimpleAndRawMessages() throws Exception {
        // The shape moto 5.2.1 answers at /moto-api/data.json after SES v2 SendEmail (simple and raw).
        String data = """
                {"ses": {
                  "Message": [
                    {"body": "<p>html</p>", "destinations": {"ToAddresses": ["a@example.org", "b@example.org"],
                      "CcAddresses": ["c@example.org"], "BccAddresses": ["d@example.org"]},
                     "id": "x1", "source": "noreply@example.org", "subject": "Subj 1"},
                    {"body": "only text", "destinations": {"ToAddresses": ["a@example.org"]}, "id": "x2",
                     "source": "noreply@example.org", "subject": "Subj 2"}],
                  "RawMessage": [
                    {"destinations": ["a@example.org", "z@example.org"], "id": "x3",
                     "raw_data": "From: noreply@example.org\\r\\nTo: z@example.org\\r\\nSubject: raw one\\r\\n\\r\\nraw body",
                     "source": "noreply@example.org"}]},
                 "sqs": {}}""";
        assertThat(SentEmail.parse(Json.MAPPER.readTree(data))).containsExactly(
                new SentEmail("noreply@example.org", List.of("a@example.org", "b@example.org", "c@example.org", "d@example.org"),
                        "Subj 1", "<p>html</p>"),
                new SentEmail("noreply@example.org", List.of("a@example.org"), "Subj 2", "only text"),
                new SentEmail("noreply@example.org", List.of("a@example.org", "z@example.org"), "raw one", "raw body"));
        assertThat(SentEmail.parse(Json.MAPPER.readTree("{\"sqs\": {}}"))).isEmpty();
    }

    @Test
    void readsLocalStacksRetrospectionEndpoint() throws Exception {
        String data = """
                {"messages": [{"Id": "m1", "Region": "us-east-1", "Source": "noreply@example.org",
                  "Destination": {"ToAddresses": ["a@example.org"], "BccAddresses": ["b@example.org"]},
                  "Subject": "Hello", "Body": {"text_part": "text", "html_part": "<b>html</b>"}, "Timestamp": "2026-11-27T10:00:00"}]}""";
        assertThat(SentEmail.parseLocalStack(Json.MAPPER.readTree(data))).containsExactly(
                new SentEmail("noreply@example.org", List.of("a@example.org", "b@example.org"), "Hello", "<b>html</b>"));
    }
}
