package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.therapyops.localcloud.LocalCloud;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Practice data through the local cloud's gateway, JWT authorizer and API function: complete records,
 * replacement under If-Match, cursor listings, settings, roles, and tenant isolation of every new endpoint.
 */
class PracticeDataEndToEndTest {

    private static final String SETTINGS = "{\"schedulingPolicy\":\"WARN\",\"overrideRole\":\"biller\","
            + "\"timeZone\":\"America/Chicago\",\"alerts\":{\"expiryDays\":[30,14,7],\"remainingPercent\":20,\"visitsLeft\":2,"
            + "\"exhausted\":true,\"overScheduled\":true,\"appointmentBlocked\":true},"
            + "\"recipientsByRole\":{\"admin\":[\"owner@example.org\"]}}";

    @Test
    void completeRecordsAreCreatedReplacedAndListed() {
        LocalCloud cloud = Cloud.get();
        Practice practice = new Practice(cloud);
        ApiClient api = practice.api;

        String medicare = Practice.created(api.post("/payers", "{\"name\":\"Medicare Part B\",\"payerId\":\"MCRB1\",\"payerType\":\"MEDICARE\","
                + "\"authorizationRequired\":\"LISTED\",\"authorizationCodes\":[\"97110\",\"97530\"],"
                + "\"telehealth\":{\"placeOfServiceHome\":\"10\",\"placeOfServiceOther\":\"02\",\"modifier\":\"95\"}}"));
        String supervisor = Practice.created(api.post("/providers", "{\"npi\":\"1234567893\",\"firstName\":\"Jordan\",\"lastName\":\"Rivera\","
                + "\"discipline\":\"PT\",\"taxonomy\":\"225100000X\",\"credential\":\"PT\"}"));
        ApiClient.Response assistant = api.post("/providers", "{\"npi\":\"1987654328\",\"firstName\":\"Sam\",\"lastName\":\"Okafor\","
                + "\"discipline\":\"PT\",\"taxonomy\":\"225200000X\",\"credential\":\"PTA\",\"supervisorId\":\"" + supervisor + "\"}");
        assertThat(assistant.status()).as(assistant.body()).isEqualTo(201);
        assertThat(assistant.json().get("supervisorId").asText()).isEqualTo(supervisor);

        String patient = practice.patient();
        ApiClient.Response notAnMbi = api.post("/patients/" + patient + "/coverages",
                "{\"payerId\":\"" + medicare + "\",\"memberId\":\"M1\",\"effectiveFrom\":\"2026-01-01\"}");
        assertThat(notAnMbi.status()).isEqualTo(422);
        assertThat(notAnMbi.contentType()).startsWith("application/problem+json");
        assertThat(notAnMbi.json().get("errors").get(0).get("field").asText()).isEqualTo("memberId");
        String coverage = Practice.created(api.post("/patients/" + patient + "/coverages",
                "{\"payerId\":\"" + medicare + "\",\"memberId\":\"1EG4TE5MK73\",\"effectiveFrom\":\"2026-01-01\"}"));
        String auth = practice.authorization(patient, coverage, "97110", "UNITS", 8, "2026-11-01", "2027-01-31");

        // Replace under If-Match: missing 428, stale 412 (nothing written), current 200 with the next ETag.
        String authPath = "/patients/" + patient + "/authorizations/" + auth;
        String terms = "{\"number\":\"MCR-2\",\"serviceCodes\":[\"97110\",\"97112\"],\"quantity\":12,"
                + "\"startDate\":\"2026-11-01\",\"endDate\":\"2027-02-28\",\"discipline\":\"PT\"}";
        assertThat(put(api, authPath, terms, null).status()).isEqualTo(428);
        assertThat(put(api, authPath, terms, "\"9\"").status()).isEqualTo(412);
        assertThat(practice.authorizationView(patient, auth).get("authorized").asInt()).isEqualTo(8);
        ApiClient.Response replaced = put(api, authPath, terms, "\"1\"");
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.raw().headers().firstValue("etag")).contains("\"2\"");
        assertThat(replaced.json().get("remaining").asInt()).isEqualTo(12);

        // A booking reserves units and bumps the version: the ETag read before it is stale.
        String appointment = practice.book(patient, supervisor, "97110", "2026-12-03T10:00", 45);
        assertThat(practice.decided(appointment).get("status").asText()).isEqualTo("SCHEDULED");
        JsonNode afterBooking = practice.authorizationView(patient, auth);
        assertThat(afterBooking.get("scheduled").asInt()).isEqualTo(3);
        assertThat(put(api, authPath, terms, "\"2\"").status()).isEqualTo(412);
        ApiClient.Response tooLow = put(api, authPath, terms.replace("\"quantity\":12", "\"quantity\":2"),
                "\"" + afterBooking.get("version").asLong() + "\"");
        assertThat(tooLow.status()).isEqualTo(422);
        assertThat(tooLow.json().get("errors").get(0).get("field").asText()).isEqualTo("quantity");
        ApiClient.Response lowered = put(api, authPath, terms.replace("\"quantity\":12", "\"quantity\":3"),
                "\"" + afterBooking.get("version").asLong() + "\"");
        assertThat(lowered.status()).as(lowered.body()).isEqualTo(200);
        assertThat(lowered.json().get("remaining").asInt()).isZero();
        assertThat(lowered.json().get("scheduled").asInt()).isEqualTo(3);

        // Listings page with an opaque cursor and filter.
        for (int i = 0; i < 4; i++) {
            practice.patient();
        }
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        do {
            ApiClient.Response page = api.get("/patients?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("items").forEach(p -> order.add(p.get("id").asText()));
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
        } while (cursor != null);
        seen.addAll(order);
        assertThat(order).hasSize(5).doesNotHaveDuplicates();
        assertThat(seen).contains(patient);
        assertThat(api.get("/payers?payerType=MEDICARE").json().get("items")).hasSize(1);
        assertThat(api.get("/providers?discipline=OT").json().get("items")).isEmpty();
        assertThat(api.get("/patients/" + patient + "/authorizations?serviceCode=97112&activeOn=2027-02-28").json().get("items")).hasSize(1);
        assertThat(api.get("/patients/" + patient + "/coverages?activeOn=2025-12-31").json().get("items")).isEmpty();

        // Settings: the defaults at "0", then saved by the admin.
        ApiClient.Response settings = api.get("/settings");
        assertThat(settings.raw().headers().firstValue("etag")).contains("\"0\"");
        ApiClient.Response saved = put(api, "/settings", SETTINGS, "\"0\"");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(api.get("/settings").json().get("schedulingPolicy").asText()).isEqualTo("WARN");

        // A clinician reads but may not write.
        Practice clinician = new Practice(cloud, "clinician");
        ApiClient.Response refused = put(clinician.api, "/settings", SETTINGS, "\"0\"");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(clinician.api.get("/settings").status()).isEqualTo(200);
    }

    @Test
    void anotherPracticeGetsNotFoundOnEveryNewEndpoint() {
        LocalCloud cloud = Cloud.get();
        Practice first = new Practice(cloud);
        String payer = first.payer();
        String patient = first.patient();
        String provider = first.provider();
        String coverage = first.coverage(patient, payer, "2026-01-01", null);
        String auth = first.authorization(patient, coverage, "97110", "UNITS", 8, "2026-11-01", "2027-01-31");

        Practice second = new Practice(cloud);
        Map<String, String> puts = new LinkedHashMap<>();
        puts.put("/patients/" + patient, "{\"firstName\":\"X\",\"lastName\":\"Y\",\"birthDate\":\"1990-01-01\"}");
        puts.put("/payers/" + payer, "{\"name\":\"Mine\",\"payerId\":\"MINE1\"}");
        puts.put("/providers/" + provider, "{\"npi\":\"1234567893\",\"firstName\":\"X\",\"lastName\":\"Y\",\"discipline\":\"OT\"}");
        puts.put("/patients/" + patient + "/coverages/" + coverage, "{\"payerId\":\"" + payer + "\",\"memberId\":\"X\",\"effectiveFrom\":\"2026-01-01\"}");
        puts.put("/patients/" + patient + "/authorizations/" + auth, "{\"number\":\"N\",\"serviceCodes\":[\"97110\"],\"quantity\":99,"
                + "\"startDate\":\"2026-11-01\",\"endDate\":\"2027-01-31\"}");
        for (Map.Entry<String, String> entry : puts.entrySet()) {
            ApiClient.Response read = second.api.get(entry.getKey());
            assertThat(read.status()).as("GET " + entry.getKey()).isEqualTo(404);
            ApiClient.Response write = put(second.api, entry.getKey(), entry.getValue(), "\"1\"");
            assertThat(write.status()).as("PUT " + entry.getKey()).isEqualTo(404);
            assertThat(write.contentType()).startsWith("application/problem+json");
        }
        for (String path : List.of("/patients/" + patient + "/coverages", "/patients/" + patient + "/authorizations")) {
            assertThat(second.api.get(path).status()).as(path).isEqualTo(404);
        }
        for (String path : List.of("/patients", "/payers", "/providers")) {
            ApiClient.Response list = second.api.get(path);
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json().get("items")).as(path).isEmpty();
        }
        // The first practice's cursor means nothing to the second.
        first.patient();
        String cursor = first.api.get("/patients?limit=1").json().get("nextCursor").asText();
        ApiClient.Response foreign = second.api.get("/patients?cursor=" + cursor);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().get("errors").get(0).get("field").asText()).isEqualTo("cursor");

        JsonNode untouched = first.authorizationView(patient, auth);
        assertThat(untouched.get("authorized").asInt()).isEqualTo(8);
        assertThat(untouched.get("version").asInt()).isEqualTo(1);
        assertThat(first.api.get("/patients/" + patient).json().get("lastName").asText()).isEqualTo("Demo");
    }

    private static ApiClient.Response put(ApiClient api, String path, String json, String ifMatch) {
        HttpRequest.Builder request = api.request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return api.send(request);
    }
}
