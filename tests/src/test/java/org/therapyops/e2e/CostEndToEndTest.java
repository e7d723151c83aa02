package org.therapyops.e2e;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.therapyops.localcloud.LocalCloud;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cost meter through the local cloud: one session of a practice, from booking to the 835 that pays its claim, shows
 * in {@code GET /reports/cost} as what each workflow step used and cost; bad months are refused; another practice sees
 * none of it. Waiting reads moto directly, so that the test's own polling is not in the figures it checks.
 */
class CostEndToEndTest {

    static final String MONTH = YearMonth.now(ZoneOffset.UTC).toString();
    static final ObjectMapper DECIMALS = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Test
    void aSessionShowsInTheCostReportStepByStep() throws Exception {
        LocalCloud cloud = Cloud.get();
        RevenueLoop loop = new RevenueLoop(cloud);
        RevenueLoop.Patient patient = loop.patient("M-COST-1");
        String start = MONTH + "-02T10:00";

        String appointment = Practice.created(loop.practice.api.post("/appointments", "{\"patientId\":\"" + patient.id() + "\","
                + "\"providerId\":\"" + loop.provider + "\",\"serviceCode\":\"97110\",\"start\":\"" + start + "\",\"durationMinutes\":45}"));
        assertThat(await(cloud, "AppointmentsTable", loop.practice.id, "APPOINTMENT#" + appointment, "status", "SCHEDULED")).isTrue();
        assertThat(loop.practice.api.post("/appointments/" + appointment + "/complete", "{}").status()).isEqualTo(200);
        String note = Practice.created(loop.clinician.post("/notes", "{\"appointmentId\":\"" + appointment + "\","
                + "\"diagnoses\":[\"M54.50\"],\"placeOfService\":\"11\","
                + "\"lines\":[{\"code\":\"97110\",\"minutes\":30},{\"code\":\"97140\",\"minutes\":15}]}"));
        assertThat(loop.clinician.post("/notes/" + note + "/sign", "{}").status()).isEqualTo(200);
        String claim = claimOf(cloud, loop.practice.id, note);
        assertThat(await(cloud, "ClaimsTable", loop.practice.id, "CLAIM#" + claim, "status", "READY")).isTrue();
        assertThat(loop.biller.post("/claim-batches", "{\"claimIds\":[\"" + claim + "\"]}").status()).isEqualTo(201);
        assertThat(await(cloud, "ClaimsTable", loop.practice.id, "CLAIM#" + claim, "status", "PAID")).isTrue();

        // The reporting function counts the session once it has seen the completed appointment.
        loop.biller.await("/reports/cost?month=" + MONTH, c -> c.path("sessions").asInt() == 1
                && step(c, "reporting") != null && step(c, "inbound") != null, Duration.ofSeconds(90));
        // exact decimals, as the API writes them (a double would round the smallest costs)
        JsonNode cost = DECIMALS.readTree(loop.biller.get("/reports/cost?month=" + MONTH).body());

        assertThat(cost.get("month").asText()).isEqualTo(MONTH);
        assertThat(cost.get("region").asText()).isEqualTo("us-east-1");
        assertThat(cost.get("priceSources").toString()).contains("https://aws.amazon.com/lambda/pricing/");
        // every step of the session's way, each invoked and each having used DynamoDB
        for (String s : new String[] {"api /appointments", "authorization-check", "api /notes", "charge-capture", "claim-scrubber",
                "api /claim-batches", "webhook-receiver", "inbound", "reporting"}) {
            JsonNode step = step(cost, s);
            assertThat(step).as(s + " in " + cost).isNotNull();
            assertThat(quantity(step, "lambdaRequests")).as(s).isPositive();
            assertThat(quantity(step, "lambdaGbSeconds")).as(s).isPositive();
            assertThat(quantity(step, "dynamodbReadRequestUnits").add(quantity(step, "dynamodbWriteRequestUnits"))).as(s).isPositive();
        }
        // the two calls to /appointments (book, complete) were two HTTP API requests, two invocations
        JsonNode appointments = step(cost, "api /appointments");
        assertThat(quantity(appointments, "httpApiRequests")).isEqualByComparingTo("2");
        assertThat(quantity(appointments, "lambdaRequests")).isEqualByComparingTo("2");
        // the 999, 277CA and 835 were three webhook deliveries, each kept in S3 and queued for the inbound function
        JsonNode receiver = step(cost, "webhook-receiver");
        assertThat(quantity(receiver, "httpApiRequests")).isEqualByComparingTo("3");
        assertThat(quantity(receiver, "s3PutCopyPostListRequests")).isEqualByComparingTo("3");
        assertThat(quantity(receiver, "s3StorageGbMonths")).isPositive();
        assertThat(quantity(receiver, "sqsRequests")).isGreaterThanOrEqualTo(new BigDecimal("3"));
        assertThat(quantity(step(cost, "charge-capture"), "sqsRequests")).isPositive(); // the claim queued for scrubbing

        // each cost is the quantity at the listed price; the total is their sum; per session the total over one session
        BigDecimal total = BigDecimal.ZERO;
        Map<String, BigDecimal> byItem = new HashMap<>();
        for (JsonNode step : cost.get("steps")) {
            BigDecimal stepCost = BigDecimal.ZERO;
            for (JsonNode item : step.get("items")) {
                if (item.get("cost").isNull()) {
                    continue;
                }
                BigDecimal expected = item.get("quantity").decimalValue().multiply(item.get("unitPrice").decimalValue());
                assertThat(item.get("cost").decimalValue()).as(item.toString()).isEqualByComparingTo(expected);
                stepCost = stepCost.add(item.get("cost").decimalValue());
                byItem.merge(item.get("item").asText(), item.get("cost").decimalValue(), BigDecimal::add);
            }
            assertThat(step.get("cost").decimalValue()).isEqualByComparingTo(stepCost);
            total = total.add(stepCost);
        }
        assertThat(cost.get("total").decimalValue()).isEqualByComparingTo(total).isPositive();
        assertThat(cost.get("costPerSession").decimalValue()).isEqualByComparingTo(total.divide(BigDecimal.ONE, MathContext.DECIMAL64));
        String dominant = byItem.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(cost.get("dominantItem").asText()).isEqualTo(dominant);

        // a month that is not one, or not yet, is refused naming the field
        for (String bad : new String[] {"2026-13", "2026-1", "december", YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString()}) {
            ApiClient.Response r = loop.biller.get("/reports/cost?month=" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("month");
        }
        // clinicians do not see the practice's costs; another practice sees only its own
        assertThat(loop.clinician.get("/reports/cost").status()).isEqualTo(403);
        Practice other = new Practice(cloud);
        JsonNode theirs = other.api.get("/reports/cost?month=" + MONTH).json();
        assertThat(step(theirs, "api /appointments")).isNull();
        assertThat(theirs.get("sessions").asInt()).isZero();
    }

    static JsonNode step(JsonNode cost, String name) {
        for (JsonNode s : cost.path("steps")) {
            if (s.path("step").asText().equals(name)) {
                return s;
            }
        }
        return null;
    }

    static BigDecimal quantity(JsonNode step, String item) {
        for (JsonNode i : step.path("items")) {
            if (i.path("item").asText().equals(item)) {
                return i.get("quantity").decimalValue();
            }
        }
        return BigDecimal.ZERO;
    }

    /** Reads the item straight from moto until its attribute has the value (false after a minute). */
    static boolean await(LocalCloud cloud, String table, String practiceId, String sk, String attribute, String value)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, AttributeValue> item = cloud.aws().dynamoDb().getItem(b -> b.tableName(cloud.physicalId(table))
                    .consistentRead(true).key(Map.of("pk", AttributeValue.fromS(practiceId), "sk", AttributeValue.fromS(sk)))).item();
            if (item != null && item.get(attribute) != null && value.equals(item.get(attribute).s())) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    static String claimOf(LocalCloud cloud, String practiceId, String note) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, AttributeValue> item = cloud.aws().dynamoDb().getItem(b -> b.tableName(cloud.physicalId("ClaimsTable"))
                    .consistentRead(true).key(Map.of("pk", AttributeValue.fromS(practiceId), "sk", AttributeValue.fromS("CAPTURE#" + note))))
                    .item();
            if (item != null && item.get("claimIds") != null && !item.get("claimIds").l().isEmpty()) {
                return item.get("claimIds").l().get(0).s();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("note " + note + " made no claim");
    }
}
