package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.therapyops.localcloud.ClearinghouseSimulator;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.localcloud.TokenRequest;
import org.therapyops.localcloud.WebhookSigner;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A practice set up to bill a commercial payer through the simulated clearinghouse: billing profile, payer, provider,
 * its clearinghouse integration connected to the local cloud's simulator; claims made the way staff make them (book,
 * document, sign) and submitted in batches, which the simulator answers by member id prefix.
 */
public final class RevenueLoop {

    static final Duration WAIT = Duration.ofSeconds(60);

    public final LocalCloud cloud;
    public final Practice practice;
    public final ApiClient biller;
    public final ApiClient clinician;
    public final String payer;
    public final String provider;
    public final String integrationId;
    public final String secret;

    public RevenueLoop(LocalCloud cloud) {
        this(cloud, true);
    }

    /** {@code simulated}: whether the local cloud's clearinghouse answers this practice's batches. */
    public RevenueLoop(LocalCloud cloud, boolean simulated) {
        this.cloud = cloud;
        this.practice = new Practice(cloud);
        ApiClient.Response profile = practice.api.put("/billing-profile", """
                {"organizationName": "Riverside Therapy Group", "npi": "1245319599", "taxId": "12-3456789",
                 "taxonomy": "261QR0400X",
                 "address": {"line1": "100 River Rd", "city": "Springfield", "state": "IL", "postalCode": "62701-1234"},
                 "submitter": {"id": "RTG01", "contactName": "Billing Office", "phone": "2175550100"}}""", "\"0\"");
        assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        this.payer = Practice.created(practice.api.post("/payers",
                "{\"name\":\"Acme Health\",\"payerId\":\"ACME1\",\"payerType\":\"COMMERCIAL\"}"));
        this.provider = Practice.created(practice.api.post("/providers", "{\"npi\":\"1234567893\",\"firstName\":\"Jordan\","
                + "\"lastName\":\"Rivera\",\"discipline\":\"PT\",\"taxonomy\":\"225100000X\"}"));
        this.biller = new ApiClient(cloud.apiUrl(), cloud.issueToken(practice.id, "biller"));
        this.clinician = new ApiClient(cloud.apiUrl(), cloud.issueToken(new TokenRequest(practice.id, "clinician", provider, null,
                null, null)));
        ApiClient.Response integration = practice.api.post("/integrations", "{\"name\":\"Simulated clearinghouse\",\"kind\":\"clearinghouse\"}");
        assertThat(integration.status()).as(integration.body()).isEqualTo(201);
        this.integrationId = integration.json().get("id").asText();
        this.secret = integration.json().get("secret").asText();
        if (simulated) {
            cloud.clearinghouse().connect(practice.id, integrationId, secret);
        }
    }

    /** A patient with this member id (the simulator's outcome), an authorization of 97110, the coverage's id. */
    record Patient(String id, String coverage) {
    }

    Patient patient(String memberId) {
        return patient(memberId, "Alex", "Demo", "1958-04-12", "12 Elm Ave");
    }

    Patient patient(String memberId, String firstName, String lastName, String birthDate, String street) {
        String patient = Practice.created(practice.api.post("/patients", "{\"firstName\":\"" + firstName + "\",\"lastName\":\""
                + lastName + "\",\"birthDate\":\"" + birthDate + "\",\"sex\":\"F\",\"address\":{\"line1\":\"" + street
                + "\",\"city\":\"Springfield\",\"state\":\"IL\",\"postalCode\":\"62704\"}}"));
        String coverage = Practice.created(practice.api.post("/patients/" + patient + "/coverages",
                "{\"payerId\":\"" + payer + "\",\"memberId\":\"" + memberId + "\",\"effectiveFrom\":\"2026-01-01\"}"));
        Practice.created(practice.api.post("/patients/" + patient + "/authorizations", "{\"coverageId\":\"" + coverage + "\","
                + "\"number\":\"ACME-4711\",\"serviceCodes\":[\"97110\",\"97140\"],\"unitType\":\"VISITS\",\"quantity\":12,"
                + "\"startDate\":\"2026-01-01\",\"endDate\":\"2026-12-31\"}"));
        return new Patient(patient, coverage);
    }

    /** Books 45 minutes of 97110, documents 30 min of 97110 and 15 of 97140 (2 + 1 units), signs; the READY claim's id. */
    String readyClaim(Patient patient, String start) {
        return readyClaim(patient, start, "M54.50");
    }

    String readyClaim(Patient patient, String start, String diagnosis) {
        String appointment = practice.book(patient.id(), provider, "97110", start, 45);
        assertThat(practice.decided(appointment).get("status").asText()).isEqualTo("SCHEDULED");
        String note = Practice.created(clinician.post("/notes", "{\"appointmentId\":\"" + appointment + "\","
                + "\"diagnoses\":[\"" + diagnosis + "\"],\"placeOfService\":\"11\","
                + "\"lines\":[{\"code\":\"97110\",\"minutes\":30},{\"code\":\"97140\",\"minutes\":15}]}"));
        ApiClient.Response signed = clinician.post("/notes/" + note + "/sign", "{}");
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        JsonNode capture = biller.await("/notes/" + note + "/capture", c -> c.path("claimIds").size() > 0, WAIT);
        String claim = capture.get("claimIds").get(0).asText();
        JsonNode scrubbed = biller.await("/claims/" + claim + "/scrub", s -> !"SCRUB_PENDING".equals(s.path("status").asText()), WAIT);
        assertThat(scrubbed.get("status").asText()).as(scrubbed.toString()).isEqualTo("READY");
        return claim;
    }

    /** Submits these READY claims in one batch; the batch. */
    JsonNode submit(String... claimIds) {
        ApiClient.Response posted = biller.post("/claim-batches", "{\"claimIds\":[\"" + String.join("\",\"", claimIds) + "\"]}");
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        return posted.json();
    }

    JsonNode claim(String claimId) {
        return biller.get("/claims/" + claimId).json();
    }

    JsonNode awaitClaim(String claimId, Predicate<JsonNode> condition) {
        return biller.await("/claims/" + claimId, condition, WAIT);
    }

    JsonNode awaitStatus(String claimId, String status) {
        JsonNode claim = biller.await("/claims/" + claimId, c -> status.equals(c.path("status").asText()), WAIT);
        assertThat(claim.get("status").asText()).as(claim.toString()).isEqualTo(status);
        return claim;
    }

    /** The practice's deliveries once none is RECEIVED any more (all applied, held or failed). */
    public JsonNode settledDeliveries(int atLeast) {
        return biller.await("/inbound-deliveries?limit=100", page -> page.path("items").size() >= atLeast
                && stream(page.path("items")).noneMatch(d -> "RECEIVED".equals(d.path("status").asText())), WAIT);
    }

    ClearinghouseSimulator.Answer deliver(ClearinghouseSimulator.Delivery delivery) {
        return cloud.clearinghouse().deliver(delivery);
    }

    /** Posts a delivery to the webhook door signed with the integration's secret, as an integrator does; status and body. */
    public ApiClient.Response post(String webhookId, long timestamp, String contentType, String body) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new ApiClient(cloud.apiUrl(), null).send(java.net.http.HttpRequest.newBuilder(cloud.apiUrl().resolve(
                        "/webhooks/" + integrationId)).header("Content-Type", contentType).header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSigner.sign(secret, webhookId, timestamp, bytes))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    static List<String> texts(JsonNode array) {
        return stream(array).map(JsonNode::asText).toList();
    }

    static List<String> texts(List<JsonNode> values) {
        return values.stream().map(JsonNode::asText).toList();
    }
}
