package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.localcloud.SentEmail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PHI stays in the tables: a patient with canary values (name, birth date, member id, street, diagnosis) goes through
 * the whole workflow — booked, blocked and alerted, unblocked by a payer's authorization update, documented, signed,
 * charged, scrubbed, batched, acknowledged and paid — and then no log line of any function and no email carries any of
 * the canaries.
 */
class PhiCanaryEndToEndTest {

    private static final String FIRST = "Quillonette";
    private static final String LAST = "Zabrowskyte";
    private static final String BIRTH_DATE = "1931-07-19";
    private static final String MEMBER = "PAIDQZ731955";
    private static final String STREET = "77 Vexillary Lane";
    private static final String DIAGNOSIS = "M79.604";

    @Test
    void noLogLineAndNoEmailCarriesThePatientsData() throws Exception {
        LocalCloud cloud = Cloud.get();
        RevenueLoop loop = new RevenueLoop(cloud);
        ApiClient.Response settings = loop.practice.api.put("/settings", "{\"schedulingPolicy\":\"BLOCK\",\"overrideRole\":\"admin\","
                + "\"timeZone\":\"America/Chicago\",\"alerts\":{\"expiryDays\":[30,14,7],\"remainingPercent\":20,\"visitsLeft\":2,"
                + "\"exhausted\":true,\"overScheduled\":true,\"appointmentBlocked\":true},"
                + "\"recipientsByRole\":{\"front_desk\":[\"canary-desk@riverside.example\"]}}", "\"0\"");
        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
        RevenueLoop.Patient patient = loop.patient(MEMBER, FIRST, LAST, BIRTH_DATE, STREET);

        // Blocked (97530 is not authorized), alerted by email, then unblocked by the payer's update.
        String blocked = loop.practice.book(patient.id(), loop.provider, "97530", "2026-12-16T10:00", 30);
        assertThat(loop.practice.decided(blocked).get("status").asText()).isEqualTo("NEEDS_AUTH");
        String update = "{\"type\":\"authorization.updated\",\"data\":{\"memberId\":\"" + MEMBER + "\",\"number\":\"UM-CANARY-1\","
                + "\"serviceCodes\":[\"97530\"],\"unitType\":\"VISITS\",\"quantity\":4,\"startDate\":\"2026-12-01\","
                + "\"endDate\":\"2026-12-31\"}}";
        assertThat(loop.post("canary-auth", Instant.now().getEpochSecond(), "application/json", update).status()).isEqualTo(202);
        loop.practice.api.await("/appointments/" + blocked, a -> "SCHEDULED".equals(a.get("status").asText()), RevenueLoop.WAIT);

        // Documented, charged, batched and paid through the simulated clearinghouse.
        String claim = loop.readyClaim(patient, "2026-12-16T13:00", DIAGNOSIS);
        loop.submit(claim);
        loop.awaitStatus(claim, "PAID");
        JsonNode alerts = loop.practice.api.await("/alerts", a -> a.get("items").size() >= 2, RevenueLoop.WAIT);
        assertThat(alerts.get("items").size()).isGreaterThanOrEqualTo(2);
        List<SentEmail> emails = awaitEmails(cloud, "canary-desk@riverside.example", 2);

        List<String> canaries = List.of(FIRST, LAST, BIRTH_DATE, BIRTH_DATE.replace("-", ""), MEMBER, STREET, DIAGNOSIS,
                DIAGNOSIS.replace(".", ""));
        List<String> hits = new ArrayList<>();
        Path logs = Path.of("..", "target", "local-cloud", "logs");
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (String line : lines) {
                    for (String canary : canaries) {
                        if (line.toUpperCase().contains(canary.toUpperCase())) {
                            hits.add(file.getFileName() + ": " + line);
                        }
                    }
                }
            }
        }
        for (SentEmail email : emails) {
            for (String canary : canaries) {
                if ((email.subject() + " " + email.body()).toUpperCase().contains(canary.toUpperCase())) {
                    hits.add("email to " + email.destinations() + ": " + canary);
                }
            }
        }
        assertThat(hits).as("PHI in logs or emails").isEmpty();
        assertThat(emails).anySatisfy(e -> assertThat(e.body()).contains("Q.Z."));
        assertThat(Files.size(logs.resolve("InboundFunction.log"))).isPositive();
    }

    private static List<SentEmail> awaitEmails(LocalCloud cloud, String to, int atLeast) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + RevenueLoop.WAIT.toNanos();
        List<SentEmail> found = List.of();
        while (System.nanoTime() < deadline) {
            found = cloud.sentEmails().stream().filter(e -> e.destinations().contains(to)).toList();
            if (found.size() >= atLeast) {
                return found;
            }
            Thread.sleep(200);
        }
        return found;
    }
}
