package org.therapyops.e2e;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.localcloud.TokenRequest;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What an SPA meets at the gateway: the JWT authorizer, CORS, the OpenAPI document, problem+json errors. */
class GatewayEndToEndTest {

    private static LocalCloud cloud;

    @BeforeAll
    static void cloud() {
        cloud = Cloud.get();
    }

    @Test
    void refusesMissingExpiredForgedAndMisaddressedTokens() throws Exception {
        String practice = "practice-" + UUID.randomUUID();
        Instant now = Instant.now();
        String expired = cloud.issueToken(new TokenRequest(practice, "admin", "u1", null,
                now.minusSeconds(7200), now.minusSeconds(3600)));
        String wrongAudience = cloud.issueToken(new TokenRequest(practice, "admin", "u1", "someone-else", null, null));
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID("forger").generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("forger").build(),
                new JWTClaimsSet.Builder().issuer(cloud.issuer()).audience("therapy-ops-api").subject("u1")
                        .claim("practice_id", practice).claim("role", "admin")
                        .expirationTime(Date.from(now.plusSeconds(600))).build());
        forged.sign(new RSASSASigner(otherKey));

        for (String token : new String[] {null, expired, wrongAudience, forged.serialize(), "not-a-jwt"}) {
            ApiClient.Response response = new ApiClient(cloud.apiUrl(), token).post("/patients",
                    "{\"firstName\":\"A\",\"lastName\":\"B\",\"birthDate\":\"1990-01-01\"}");
            assertThat(response.status()).as(String.valueOf(token)).isEqualTo(401);
        }
        // None of them reached the function: the practice still has no patients to show.
        ApiClient valid = new ApiClient(cloud.apiUrl(), cloud.issueToken(practice, "admin"));
        assertThat(valid.post("/patients", "{\"firstName\":\"A\",\"lastName\":\"B\",\"birthDate\":\"1990-01-01\"}").status())
                .isEqualTo(201);
    }

    @Test
    void answersCorsPreflightForTheSpaOrigin() {
        ApiClient anonymous = new ApiClient(cloud.apiUrl(), null);
        ApiClient.Response response = anonymous.send(anonymous.request("/appointments")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));
        assertThat(response.status()).isIn(200, 204);
        assertThat(response.raw().headers().firstValue("access-control-allow-origin")).hasValue("http://localhost:5173");
        assertThat(response.raw().headers().firstValue("access-control-allow-methods").orElse("")).contains("POST");
    }

    @Test
    void servesTheOpenApiDocumentWithoutAToken() {
        ApiClient.Response response = new ApiClient(cloud.apiUrl(), null).get("/openapi.yml");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("openapi: 3").contains("/patients/{patientId}/authorizations");
    }

    @Test
    void aWriteAnswersOneETagThatAClientCanEchoBack() {
        // A browser's fetch joins repeated headers with ", ": a doubled ETag echoed that way never matched (412).
        Practice practice = new Practice(cloud);
        ApiClient.Response read = practice.api.get("/settings");
        assertThat(read.raw().headers().allValues("etag")).hasSize(1);
        assertThat(read.raw().headers().allValues("content-type")).hasSize(1);
        String echoed = String.join(", ", read.raw().headers().allValues("etag"));
        ApiClient.Response saved = practice.api.put("/settings", read.body(), echoed);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.raw().headers().allValues("etag")).containsExactly("\"1\"");
    }

    @Test
    void badInputIsAProblemAndWritesNothing() {
        Practice practice = new Practice(cloud);
        ApiClient.Response malformed = practice.api.post("/appointments", "{\"patientId\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");

        String patient = practice.patient();
        ApiClient.Response backwards = practice.api.post("/patients/" + patient + "/coverages",
                "{\"payerId\":\"" + practice.payer() + "\",\"memberId\":\"M\",\"effectiveFrom\":\"2026-06-01\",\"effectiveTo\":\"2026-05-31\"}");
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.json().at("/errors/0/field").asText()).isEqualTo("effectiveTo");

        ApiClient.Response oversized = practice.api.post("/patients",
                "{\"firstName\":\"" + "x".repeat(100_000) + "\",\"lastName\":\"B\",\"birthDate\":\"1990-01-01\"}");
        assertThat(oversized.status()).isEqualTo(413);
        assertThat(oversized.contentType()).startsWith("application/problem+json");

        // Through the gateway as a browser or curl sends them: no Content-Type (the gateway base64-encodes such a
        // body), a form type (curl -d without -H), a string for an integer, a lone surrogate escaped.
        String body = "{\"firstName\":\"Ada\",\"lastName\":\"Byron\",\"birthDate\":\"1980-12-10\"}";
        ApiClient.Response untyped = practice.api.send(practice.api.request("/patients").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(untyped.status()).isEqualTo(415);
        assertThat(untyped.contentType()).startsWith("application/problem+json");
        ApiClient.Response form = practice.api.send(practice.api.request("/patients")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(form.status()).isEqualTo(415);
        ApiClient.Response coerced = practice.api.post("/appointments", "{\"patientId\":\"" + patient + "\",\"providerId\":\"p\","
                + "\"serviceCode\":\"97110\",\"start\":\"2026-12-03T10:00\",\"durationMinutes\":\"30\"}");
        assertThat(coerced.status()).isEqualTo(400);
        assertThat(coerced.json().at("/errors/0/field").asText()).isEqualTo("durationMinutes");
        ApiClient.Response surrogate = practice.api.post("/payers", "{\"name\":\"Acme \\ud800\",\"payerId\":\"ACME9\"}");
        assertThat(surrogate.status()).isEqualTo(400);
        assertThat(practice.api.get("/payers?limit=100").json().get("items").findValuesAsText("payerId")).doesNotContain("ACME9");
    }
}
