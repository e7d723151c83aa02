package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.therapyops.billing.charges.FeeSchedule;
import org.therapyops.localcloud.LocalCloud;

import java.time.Duration;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A fresh practice (tenant) with an admin token, and the steps of the API tour as methods. */
public final class Practice {

    public final String id = "practice-" + UUID.randomUUID();
    public final ApiClient api;

    public Practice(LocalCloud cloud) {
        this(cloud, "admin");
    }

    /** A practice whose fee schedule is the sample one (saved by an admin), so that signed notes are priced. */
    public Practice(LocalCloud cloud, String role) {
        this.api = new ApiClient(cloud.apiUrl(), cloud.issueToken(id, role));
        ApiClient admin = role.equals("admin") ? api : new ApiClient(cloud.apiUrl(), cloud.issueToken(id, "admin"));
        ApiClient.Response fees = admin.put("/fee-schedule", sampleFeeSchedule(), "\"0\"");
        assertThat(fees.status()).as(fees.body()).isEqualTo(200);
    }

    /** The shipped sample fee schedule as the body of {@code PUT /fee-schedule}. */
    public static String sampleFeeSchedule() {
        return FeeSchedule.loadSample().fees().stream().map(f -> "{\"code\":\"" + f.code() + "\""
                + (f.modifier() == null ? "" : ",\"modifier\":\"" + f.modifier() + "\"")
                + ",\"amount\":" + f.amount().toPlainString() + "}").collect(Collectors.joining(",", "{\"fees\":[", "]}"));
    }

    public String payer() {
        return created(api.post("/payers", "{\"name\":\"Acme Health\",\"payerId\":\"ACME1\"}"));
    }

    public String provider() {
        return created(api.post("/providers", "{\"npi\":\"1234567893\",\"firstName\":\"Jordan\",\"lastName\":\"Rivera\",\"discipline\":\"PT\"}"));
    }

    public String patient() {
        return created(api.post("/patients", "{\"firstName\":\"Alex\",\"lastName\":\"Demo\",\"birthDate\":\"1958-04-12\"}"));
    }

    public String coverage(String patientId, String payerId, String from, String to) {
        return created(api.post("/patients/" + patientId + "/coverages", "{\"payerId\":\"" + payerId + "\",\"memberId\":\"M1\","
                + "\"effectiveFrom\":\"" + from + "\"" + (to == null ? "" : ",\"effectiveTo\":\"" + to + "\"") + "}"));
    }

    public String authorization(String patientId, String coverageId, String code, String unitType, int quantity, String start, String end) {
        return created(api.post("/patients/" + patientId + "/authorizations", "{\"coverageId\":\"" + coverageId + "\","
                + "\"number\":\"AUTH-" + quantity + "\",\"serviceCodes\":[\"" + code + "\"],\"unitType\":\"" + unitType + "\","
                + "\"quantity\":" + quantity + ",\"startDate\":\"" + start + "\",\"endDate\":\"" + end + "\"}"));
    }

    public String book(String patientId, String providerId, String code, String start, int minutes) {
        return created(api.post("/appointments", "{\"patientId\":\"" + patientId + "\",\"providerId\":\"" + providerId + "\","
                + "\"serviceCode\":\"" + code + "\",\"start\":\"" + start + "\",\"durationMinutes\":" + minutes + "}"));
    }

    public JsonNode decided(String appointmentId) {
        return api.await("/appointments/" + appointmentId, a -> !"REQUESTED".equals(a.get("status").asText()), Duration.ofSeconds(30));
    }

    public JsonNode authorizationView(String patientId, String authorizationId) {
        ApiClient.Response response = api.get("/patients/" + patientId + "/authorizations/" + authorizationId);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    static String created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.id();
    }
}
