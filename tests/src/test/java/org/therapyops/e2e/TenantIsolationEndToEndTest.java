package org.therapyops.e2e;

import org.junit.jupiter.api.Test;
import org.therapyops.localcloud.LocalCloud;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A second practice, with a valid token of its own, gets 404 for the first one's records on every endpoint. */
class TenantIsolationEndToEndTest {

    @Test
    void anotherPracticeCannotReadOrUseTheRecords() {
        LocalCloud cloud = Cloud.get();
        Practice first = new Practice(cloud);
        String payer = first.payer();
        String patient = first.patient();
        String provider = first.provider();
        String coverage = first.coverage(patient, payer, "2026-01-01", null);
        String auth = first.authorization(patient, coverage, "97110", "UNITS", 8, "2026-11-01", "2027-01-31");
        String appointment = first.book(patient, provider, "97110", "2026-12-03T10:00", 30);

        Practice second = new Practice(cloud);
        for (String path : List.of("/payers/" + payer, "/patients/" + patient, "/providers/" + provider,
                "/patients/" + patient + "/coverages/" + coverage, "/patients/" + patient + "/authorizations/" + auth,
                "/appointments/" + appointment)) {
            ApiClient.Response response = second.api.get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(second.api.post("/patients/" + patient + "/coverages",
                "{\"payerId\":\"" + payer + "\",\"memberId\":\"X\",\"effectiveFrom\":\"2026-01-01\"}").status()).isEqualTo(404);
        assertThat(second.api.post("/patients/" + patient + "/authorizations", "{\"coverageId\":\"" + coverage
                + "\",\"number\":\"N\",\"serviceCodes\":[\"97110\"],\"unitType\":\"UNITS\",\"quantity\":99,"
                + "\"startDate\":\"2026-11-01\",\"endDate\":\"2027-01-31\"}").status()).isEqualTo(404);
        assertThat(second.api.post("/appointments", "{\"patientId\":\"" + patient + "\",\"providerId\":\"" + provider
                + "\",\"serviceCode\":\"97110\",\"start\":\"2026-12-03T10:00\",\"durationMinutes\":30}").status()).isEqualTo(422);

        // The first practice's authorization is untouched by the second's attempts.
        assertThat(first.decided(appointment).get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(first.authorizationView(patient, auth).get("remaining").asInt()).isEqualTo(6);
    }
}
