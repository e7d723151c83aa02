package org.therapyops.bench;

import org.therapyops.e2e.ApiClient;
import org.therapyops.e2e.Practice;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.localcloud.TokenRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Signed note → claim scrubbed: the time from sending POST /notes/{id}/sign to the note's claim carrying a scrub
 * result (READY or NEEDS_REVIEW), through the whole local cloud (gateway, API function, Notes stream, charge-capture
 * function, ScrubQueue, claim-scrubber function). One clinician, notes one after another; the claim is polled every
 * 10 ms by a consistent GetItem on the Claims table (claim id {@code <noteId>-C01}), so polling does not load the API.
 */
public final class NoteToScrubLatencyBenchmark {

    private static final int WARM_UP = 10;
    private static final int NOTES = 200;
    private static final int PATIENTS = 21;
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 12, 1);

    public static void main(String[] args) throws Exception {
        try (LocalCloud cloud = LocalCloud.start(LocalCloud.Options.defaults(ProjectDir.find()).apiPort(0).stackName("therapy-ops-bench"))) {
            Practice practice = new Practice(cloud);
            ApiClient.Response profile = practice.api.put("/billing-profile", "{\"organizationName\":\"Riverside Therapy Group\","
                    + "\"npi\":\"1245319599\",\"taxId\":\"12-3456789\",\"taxonomy\":\"261QR0400X\",\"address\":{\"line1\":"
                    + "\"100 River Rd\",\"city\":\"Springfield\",\"state\":\"IL\",\"postalCode\":\"62701-1234\"}}", "\"0\"");
            if (profile.status() != 200) {
                throw new IllegalStateException("billing profile: " + profile.status() + " " + profile.body());
            }
            String payer = created(practice.api.post("/payers",
                    "{\"name\":\"Medicare Part B\",\"payerId\":\"MCRB1\",\"payerType\":\"MEDICARE\"}"));
            String provider = created(practice.api.post("/providers", "{\"npi\":\"1234567893\",\"firstName\":\"Jordan\","
                    + "\"lastName\":\"Rivera\",\"discipline\":\"PT\",\"taxonomy\":\"225100000X\",\"credential\":\"PT\"}"));
            List<String> patients = new ArrayList<>();
            for (int p = 0; p < PATIENTS; p++) {
                String patient = created(practice.api.post("/patients",
                        "{\"firstName\":\"Alex\",\"lastName\":\"Demo" + p + "\",\"birthDate\":\"1958-04-12\",\"sex\":\"F\","
                                + "\"address\":{\"line1\":\"" + (p + 1) + " Elm Ave\",\"city\":\"Springfield\",\"state\":\"IL\",\"postalCode\":\"62704\"}}"));
                String coverage = created(practice.api.post("/patients/" + patient + "/coverages", "{\"payerId\":\"" + payer
                        + "\",\"memberId\":\"1EG4TE5MK73\",\"effectiveFrom\":\"2026-01-01\"}"));
                practice.authorization(patient, coverage, "97110", "VISITS", 1000, "2026-01-01", "2027-12-31");
                patients.add(patient);
            }

            // Setup, not timed: one session a day, each on its own day, so no patient or provider is booked twice a day.
            int total = WARM_UP + NOTES;
            List<String> appointments = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                String start = FIRST_DAY.plusDays(i) + "T09:00";
                appointments.add(practice.book(patients.get(i % PATIENTS), provider, "97110", start, 45));
            }
            for (String appointment : appointments) {
                String status = practice.decided(appointment).get("status").asText();
                if (!"SCHEDULED".equals(status)) {
                    throw new IllegalStateException("appointment " + appointment + " ended " + status);
                }
            }

            ApiClient clinician = new ApiClient(cloud.apiUrl(),
                    cloud.issueToken(new TokenRequest(practice.id, "clinician", provider, null, null, null)));
            DynamoDbClient dynamo = cloud.aws().dynamoDb();
            String claimsTable = cloud.physicalId("ClaimsTable");

            List<Double> latencies = new ArrayList<>();
            List<Double> signs = new ArrayList<>();
            int ready = 0;
            int review = 0;
            Map<String, Integer> reviewRules = new TreeMap<>();
            Map<String, Integer> readyRules = new TreeMap<>();
            long started = System.nanoTime();
            for (int i = 0; i < total; i++) {
                String diagnoses = i % 2 == 0 ? "[\"M54.50\"]" : "[\"M54.50\",\"M25.561\"]";
                String note = created(clinician.post("/notes", "{\"appointmentId\":\"" + appointments.get(i) + "\","
                        + "\"diagnoses\":" + diagnoses + ",\"placeOfService\":\"11\","
                        + "\"lines\":[{\"code\":\"97110\",\"minutes\":33},{\"code\":\"97140\",\"minutes\":7}]}"));
                Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS(practice.id),
                        "sk", AttributeValue.fromS("CLAIM#" + note + "-C01"));

                long t0 = System.nanoTime();
                ApiClient.Response signed = clinician.post("/notes/" + note + "/sign", "{}");
                long t1 = System.nanoTime();
                if (signed.status() != 200) {
                    throw new IllegalStateException("signing failed: " + signed.status() + " " + signed.body());
                }
                Map<String, AttributeValue> claim = awaitScrubbed(dynamo, claimsTable, key);
                long t2 = System.nanoTime();

                if (i >= WARM_UP) {
                    latencies.add((t2 - t0) / 1e6);
                    signs.add((t1 - t0) / 1e6);
                    boolean isReady = "READY".equals(claim.get("status").s());
                    if (isReady) {
                        ready++;
                    } else {
                        review++;
                    }
                    Set<String> rules = new LinkedHashSet<>();
                    if (claim.containsKey("findings") && claim.get("findings").hasL()) {
                        for (AttributeValue finding : claim.get("findings").l()) {
                            Map<String, AttributeValue> f = finding.m();
                            rules.add(f.get("ruleId").s() + " (" + (f.containsKey("severity") ? f.get("severity").s() : "?") + ")");
                        }
                    }
                    Map<String, Integer> tally = isReady ? readyRules : reviewRules;
                    rules.forEach(rule -> tally.merge(rule, 1, Integer::sum));
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;

            new Report("Signed note → claim scrubbed", "NoteToScrubLatencyBenchmark")
                    .line(NOTES + " notes after " + WARM_UP + " warm-up ones, one clinician, one after another. Practice: a billing "
                            + "profile (type-2 NPI, EIN, taxonomy 261QR0400X, street address with ZIP+4), a Medicare "
                            + "payer (CMS 8-minute rule), one PT provider (NPI, taxonomy 225100000X), " + PATIENTS + " patients (sex and "
                            + "mailing address given) with coverage (MBI member id) and a "
                            + "97110 authorization of 1000 visits; " + total + " appointments booked and SCHEDULED beforehand, one a day "
                            + "from " + FIRST_DAY + " (setup, not timed). Each note: 33 min 97110 + 7 min 97140 (→ 2 + 1 units, GP), "
                            + "diagnoses M54.50, or M54.50 and M25.561, alternately; drafted with `POST /notes` (not timed). "
                            + "Timed from sending `POST /notes/{id}/sign` to the first consistent DynamoDB `GetItem` of the claim "
                            + "(`<noteId>-C01` in the Claims table, polled every 10 ms directly, not through the API) showing "
                            + "`READY` or `NEEDS_REVIEW`: gateway and API function, Notes stream (the local cloud polls a stream at "
                            + "most every 250 ms, as Lambda's mapping does at best), charge-capture function, ScrubQueue, "
                            + "claim-scrubber function.")
                    .line("")
                    .line("| figure | ms |")
                    .line("|---|---|")
                    .line("| signed note → claim scrubbed, p50 | " + Report.ms(Report.percentile(latencies, 50)) + " |")
                    .line("| signed note → claim scrubbed, p95 | " + Report.ms(Report.percentile(latencies, 95)) + " |")
                    .line("| signed note → claim scrubbed, max | " + Report.ms(Report.percentile(latencies, 100)) + " |")
                    .line("| POST /notes/{id}/sign alone, p50 | " + Report.ms(Report.percentile(signs, 50)) + " |")
                    .line("| POST /notes/{id}/sign alone, p95 | " + Report.ms(Report.percentile(signs, 95)) + " |")
                    .line("")
                    .line("All " + NOTES + " scrubbed: " + ready + " READY, " + review + " NEEDS_REVIEW. "
                            + String.format("Run time %.1f s for the %d notes (draft, sign, wait), %.2f notes/s end to end with one client.",
                            seconds, total, total / seconds))
                    .line("")
                    .line("Findings on NEEDS_REVIEW claims (rule id, severity: claims carrying it): "
                            + (reviewRules.isEmpty() ? "none." : describe(reviewRules)))
                    .line("")
                    .line("Findings on READY claims (warnings only): " + (readyRules.isEmpty() ? "none." : describe(readyRules)))
                    .line("")
                    .line("The dates of service (" + FIRST_DAY + " on) lie after the shipped ICD-10-CM release (FY2026, to 2026-09-30), "
                            + "hence the `ICD10_CODE_SET_IN_FORCE` warning where it appears; those from 2027-01-01 on fall in a year "
                            + "with no KX threshold in the data yet, hence `KX_THRESHOLD` (KX not decided).")
                    .write();
        }
    }

    private static Map<String, AttributeValue> awaitScrubbed(DynamoDbClient dynamo, String table, Map<String, AttributeValue> key)
            throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            GetItemResponse read = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key));
            if (read.hasItem() && !read.item().isEmpty()) {
                String status = read.item().get("status").s();
                if ("READY".equals(status) || "NEEDS_REVIEW".equals(status)) {
                    return read.item();
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no scrub result within 60 s for " + key);
    }

    private static String describe(Map<String, Integer> tally) {
        return tally.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> "`" + e.getKey() + "` " + e.getValue()).collect(Collectors.joining(", ")) + ".";
    }

    private static String created(ApiClient.Response response) {
        if (response.status() != 201) {
            throw new IllegalStateException("expected 201, got " + response.status() + ": " + response.body());
        }
        return response.id();
    }
}
