package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.therapyops.billing.x12.sim.SimulatedClearinghouse;
import org.therapyops.localcloud.ClearinghouseSimulator;
import org.therapyops.localcloud.LocalCloud;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapyops.e2e.RevenueLoop.stream;
import static org.therapyops.e2e.RevenueLoop.texts;

/**
 * The way back, end to end through the local cloud, every step by the deployed functions: claims booked, documented,
 * signed, scrubbed and batched; the simulated clearinghouse posts a signed 999, 277CA and 835 to the webhook door; the
 * inbound function moves each claim (PAID, PARTIALLY_PAID, DENIED, REJECTED) and posts its ledger once; a denial is
 * worked with a replacement claim (frequency 7) that is paid, a rejection is corrected in place and paid; an ERA that
 * does not balance is held; replays post nothing twice; forged and stale deliveries are refused; a 999 rejects a batch;
 * a payer's authorization update unblocks a NEEDS_AUTH booking.
 */
class RevenueLoopEndToEndTest {

    @Test
    void batchesComeBackAcceptedPaidPartlyPaidDeniedOrRejectedAndDenialsAndRejectionsAreWorkedUntilPaid() {
        LocalCloud cloud = Cloud.get();
        RevenueLoop loop = new RevenueLoop(cloud);
        String paid = loop.readyClaim(loop.patient("PAID0001"), "2026-12-07T09:00");
        RevenueLoop.Patient partialPatient = loop.patient("PARTIAL0001");
        String partial = loop.readyClaim(partialPatient, "2026-12-07T10:00");
        RevenueLoop.Patient deniedPatient = loop.patient("DENIED0001");
        String denied = loop.readyClaim(deniedPatient, "2026-12-07T11:00");
        RevenueLoop.Patient rejectedPatient = loop.patient("REJECTED0001");
        String rejected = loop.readyClaim(rejectedPatient, "2026-12-07T12:00");
        JsonNode batch = loop.submit(paid, partial, denied, rejected);

        JsonNode paidClaim = loop.awaitStatus(paid, "PAID");
        assertThat(paidClaim.at("/remittance/paid").decimalValue()).isEqualByComparingTo(paidClaim.get("totalCharge").decimalValue());
        assertThat(paidClaim.get("payerClaimControlNumber").asText()).isNotBlank();
        assertThat(paidClaim.get("denials")).isEmpty();
        JsonNode ledger = loop.biller.get("/claims/" + paid + "/ledger").json();
        assertThat(ledger.get("postings")).hasSize(1);
        assertThat(ledger.get("insuranceBalance").decimalValue()).isEqualByComparingTo("0");

        // Partly paid: the first line paid after coinsurance (PR-2) and a contractual write-off (CO-45), the last denied.
        JsonNode partialClaim = loop.awaitStatus(partial, "PARTIALLY_PAID");
        JsonNode partialLedger = loop.biller.get("/claims/" + partial + "/ledger").json();
        BigDecimal charge = partialLedger.get("charge").decimalValue();
        assertThat(partialLedger.get("paid").decimalValue().add(partialLedger.get("patientResponsibility").decimalValue())
                .add(partialLedger.get("adjusted").decimalValue())).isEqualByComparingTo(charge);
        assertThat(partialLedger.get("patientResponsibility").decimalValue()).isPositive();
        List<String> groups = stream(partialLedger.at("/postings/0/entries")).filter(e -> "ADJUSTMENT".equals(e.get("kind").asText()))
                .map(e -> e.get("group").asText() + "-" + e.get("reason").asText()).toList();
        assertThat(groups).contains("PR-2", "CO-45", "CO-97");
        assertThat(partialClaim.get("denials")).singleElement().satisfies(d -> assertThat(d.get("line").asInt()).isEqualTo(2));
        JsonNode balance = loop.biller.get("/patients/" + partialPatient.id() + "/balance").json();
        assertThat(balance.get("patientResponsibility").decimalValue())
                .isEqualByComparingTo(partialLedger.get("patientResponsibility").decimalValue());
        // the denied line is still owed by the payer until a biller works the denial
        assertThat(balance.get("insuranceBalance").decimalValue()).isEqualByComparingTo(partialClaim.at("/denials/0/amount").decimalValue())
                .isPositive();

        loop.awaitStatus(denied, "DENIED");
        JsonNode rejectedClaim = loop.awaitStatus(rejected, "REJECTED");
        assertThat(rejectedClaim.at("/acknowledgement/source").asText()).isEqualTo("277CA");
        assertThat(texts(rejectedClaim.at("/acknowledgement/statuses"))).anyMatch(s -> s.startsWith("A7:"));
        assertThat(texts(loop.biller.get("/claims?status=REJECTED").json().get("items").findValues("id"))).containsExactly(rejected);

        // Every delivery applied once: the 999, the 277CA and the 835; the ERA posted whole.
        JsonNode deliveries = loop.settledDeliveries(3);
        assertThat(stream(deliveries.get("items")).map(d -> d.get("kind").asText())).containsExactlyInAnyOrder("999", "277CA", "835");
        assertThat(stream(deliveries.get("items")).map(d -> d.get("status").asText())).containsOnly("APPLIED");
        JsonNode eras = loop.biller.get("/remittances").json().get("items");
        assertThat(eras).singleElement().satisfies(era -> {
            assertThat(era.get("status").asText()).isEqualTo("POSTED");
            assertThat(era.get("postedCount").asInt()).isEqualTo(3);
        });
        assertThat(loop.biller.get("/claim-batches/" + batch.get("batchId").asText()).json().at("/acknowledgement/status").asText())
                .isEqualTo("A");

        // The denials work queue: the denied claim's lines (CO-197, obtain the authorization) and the partial's line 2.
        JsonNode queue = loop.biller.get("/denials").json();
        JsonNode authorizationGroup = stream(queue.get("groups")).filter(g -> "197".equals(g.get("reason").asText())).findFirst().orElseThrow();
        assertThat(authorizationGroup.get("action").asText()).isEqualTo("OBTAIN_AUTHORIZATION");
        assertThat(authorizationGroup.get("items")).allSatisfy(i -> assertThat(i.get("claimId").asText()).isEqualTo(denied));
        assertThat(texts(queue.get("groups").findValues("reason"))).contains("97");

        // Worked: the member id was wrong; fixed on the coverage, the claim is replaced (frequency 7) and paid.
        JsonNode coverage = loop.practice.api.get("/patients/" + deniedPatient.id() + "/coverages/" + deniedPatient.coverage()).json();
        ApiClient.Response fixed = loop.practice.api.put("/patients/" + deniedPatient.id() + "/coverages/" + deniedPatient.coverage(),
                "{\"payerId\":\"" + loop.payer + "\",\"memberId\":\"PAID0009\",\"effectiveFrom\":\"2026-01-01\"}",
                "\"" + coverage.get("version").asLong() + "\"");
        assertThat(fixed.status()).as(fixed.body()).isEqualTo(200);
        JsonNode deniedClaim = loop.claim(denied);
        ApiClient.Response replaced = loop.biller.post("/claims/" + denied + "/replacement", "{\"refreshFromPracticeData\":true}",
                "\"" + deniedClaim.get("version").asLong() + "\"");
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(201);
        String replacement = replaced.json().get("id").asText();
        assertThat(replaced.json().get("frequency").asText()).isEqualTo("REPLACEMENT");
        assertThat(replaced.json().get("originalClaimId").asText()).isEqualTo(denied);
        assertThat(replaced.json().get("originalReference").asText()).isEqualTo(deniedClaim.get("payerClaimControlNumber").asText());
        assertThat(loop.claim(denied).get("successorId").asText()).isEqualTo(replacement);
        assertThat(texts(loop.biller.get("/denials").json().findValues("claimId"))).doesNotContain(denied);
        ApiClient.Response again = loop.biller.post("/claims/" + denied + "/replacement", "{}",
                "\"" + loop.claim(denied).get("version").asLong() + "\"");
        assertThat(again.status()).isEqualTo(409);

        // Rejected (never adjudicated): corrected in place after the member id is fixed, sent again as an original.
        JsonNode rejectedCoverage = loop.practice.api.get("/patients/" + rejectedPatient.id() + "/coverages/"
                + rejectedPatient.coverage()).json();
        assertThat(loop.practice.api.put("/patients/" + rejectedPatient.id() + "/coverages/" + rejectedPatient.coverage(),
                "{\"payerId\":\"" + loop.payer + "\",\"memberId\":\"PAID0010\",\"effectiveFrom\":\"2026-01-01\"}",
                "\"" + rejectedCoverage.get("version").asLong() + "\"").status()).isEqualTo(200);
        ApiClient.Response corrected = loop.biller.put("/claims/" + rejected, "{\"refreshFromPracticeData\":true}",
                "\"" + loop.claim(rejected).get("version").asLong() + "\"");
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        for (String id : List.of(replacement, rejected)) {
            loop.awaitStatus(id, "READY");
        }
        JsonNode second = loop.submit(replacement, rejected);
        String x12 = loop.biller.get("/claim-batches/" + second.get("batchId").asText() + "/837").body();
        assertThat(x12).contains(":B:7*").contains("~REF*F8*" + deniedClaim.get("payerClaimControlNumber").asText() + "~");
        loop.awaitStatus(replacement, "PAID");
        JsonNode rejectedPaid = loop.awaitStatus(rejected, "PAID");
        assertThat(rejectedPaid.get("frequency").asText()).isEqualTo("ORIGINAL");
        assertThat(loop.claim(denied).get("status").asText()).isEqualTo("DENIED");

        // The partly paid claim's denied line billed to the patient: the patient owes it now, the payer nothing more.
        JsonNode partialNow = loop.claim(partial);
        BigDecimal deniedLine = partialNow.at("/denials/0/amount").decimalValue();
        BigDecimal owedBefore = loop.biller.get("/patients/" + partialPatient.id() + "/balance").json().get("patientResponsibility")
                .decimalValue();
        ApiClient.Response billed = loop.biller.post("/claims/" + partial + "/denials/close",
                "{\"action\":\"BILLED_TO_PATIENT\",\"note\":\"not a covered service\"}", "\"" + partialNow.get("version").asLong() + "\"");
        assertThat(billed.status()).as(billed.body()).isEqualTo(200);
        JsonNode owed = loop.biller.get("/patients/" + partialPatient.id() + "/balance").json();
        assertThat(owed.get("patientResponsibility").decimalValue()).isEqualByComparingTo(owedBefore.add(deniedLine));
        assertThat(owed.get("insuranceBalance").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void anUnbalancedEraIsHeldReplaysPostNothingTwiceAndForgedOrStaleDeliveriesAreRefused() {
        LocalCloud cloud = Cloud.get();
        RevenueLoop loop = new RevenueLoop(cloud);
        String claim = loop.readyClaim(loop.patient("PAID0002"), "2026-12-08T09:00");
        JsonNode batch = loop.submit(claim);
        loop.awaitStatus(claim, "PAID");
        loop.settledDeliveries(3);
        String x12 = loop.biller.get("/claim-batches/" + batch.get("batchId").asText() + "/837").body();
        String era = org.therapyops.localcloud.SimulatedClearinghouseResponder.responses(x12, Instant.parse(batch.get("createdAt").asText()))
                .era835();

        // The simulator's own webhook-id again: a duplicate, nothing more happens.
        ClearinghouseSimulator.Answer replayed = loop.deliver(ClearinghouseSimulator.Delivery.of(loop.integrationId, era)
                .withWebhookId("sim-" + batch.get("batchId").asText() + "-835"));
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
        assertThat(replayed.body()).contains("\"duplicate\":true");
        // The same ERA under a new webhook-id: applied, but posted nothing twice.
        ClearinghouseSimulator.Answer resent = loop.deliver(ClearinghouseSimulator.Delivery.of(loop.integrationId, era)
                .withWebhookId("resent-835"));
        assertThat(resent.status()).as(resent.body()).isEqualTo(202);
        JsonNode settled = loop.settledDeliveries(4);
        JsonNode resentDelivery = stream(settled.get("items")).filter(d -> "resent-835".equals(d.get("webhookId").asText()))
                .findFirst().orElseThrow();
        assertThat(resentDelivery.get("status").asText()).isEqualTo("APPLIED");
        assertThat(texts(resentDelivery.get("changes"))).anyMatch(c -> c.contains("already posted before"));
        assertThat(loop.biller.get("/claims/" + claim + "/ledger").json().get("postings")).hasSize(1);
        assertThat(loop.biller.get("/remittances").json().get("items")).hasSize(1);

        // An ERA whose payment is not its claims' payments: held whole, nothing posted.
        String unbalanced = era.replaceFirst("BPR\\*([A-Z])\\*([0-9.]+)\\*", "BPR*$1*1.00*").replaceFirst("TRN\\*1\\*([^*~]+)",
                "TRN*1*$1X");
        ClearinghouseSimulator.Answer held = loop.deliver(ClearinghouseSimulator.Delivery.of(loop.integrationId, unbalanced)
                .withWebhookId("unbalanced-835"));
        assertThat(held.status()).isEqualTo(202);
        JsonNode heldDelivery = stream(loop.settledDeliveries(5).get("items"))
                .filter(d -> "unbalanced-835".equals(d.get("webhookId").asText())).findFirst().orElseThrow();
        assertThat(heldDelivery.get("status").asText()).isEqualTo("NEEDS_ATTENTION");
        JsonNode heldEra = loop.biller.get("/remittances?status=HELD").json().get("items");
        assertThat(heldEra).singleElement().satisfies(e -> {
            assertThat(e.get("postedCount").asInt()).isZero();
            assertThat(texts(e.get("problems"))).singleElement().asString().contains("BPR02 1.00");
            assertThat(e.at("/unapplied/0/reason").asText()).isEqualTo("ERA_UNBALANCED");
        });
        assertThat(loop.biller.get("/claims/" + claim + "/ledger").json().get("postings")).hasSize(1);

        // Forged and stale deliveries: 401 problem+json, nothing kept.
        ClearinghouseSimulator.Answer forged = loop.deliver(ClearinghouseSimulator.Delivery.of(loop.integrationId, era)
                .withWebhookId("forged").forged());
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.body()).contains("https://therapyops.org/problems/unauthorized");
        ClearinghouseSimulator.Answer stale = loop.deliver(ClearinghouseSimulator.Delivery.of(loop.integrationId, era)
                .withWebhookId("stale").withTimestamp(Instant.now().getEpochSecond() - 600));
        assertThat(stale.status()).isEqualTo(401);
        assertThat(texts(loop.biller.get("/inbound-deliveries?limit=100").json().get("items").findValues("webhookId")))
                .doesNotContain("forged", "stale");

        // Another practice sees none of it.
        Practice other = new Practice(cloud);
        assertThat(other.api.get("/inbound-deliveries").json().get("items")).isEmpty();
        assertThat(other.api.get("/claims/" + claim + "/ledger").status()).isEqualTo(404);
        assertThat(other.api.get("/remittances/" + heldEra.get(0).get("id").asText()).status()).isEqualTo(404);
    }

    @Test
    void anUnreadableDeliveryIsKeptFailedWithWhyAndATestFileNeverPostsIntoAnotherUsage() {
        LocalCloud cloud = Cloud.get();
        RevenueLoop loop = new RevenueLoop(cloud, false);
        long now = Instant.now().getEpochSecond();
        assertThat(loop.post("junk-1", now, "application/edi-x12", "this is not an interchange").status()).isEqualTo(202);
        assertThat(loop.post("junk-2", now, "application/json", "{\"type\":\"claim.paid\",\"data\":{}}").status()).isEqualTo(202);
        String production999 = "ISA*00*          *00*          *ZZ*CLEARINGHOUSE  *ZZ*RTG01          *261206*1200*^*00501*000000001*0*P*:~"
                + "GS*FA*CLEARINGHOUSE*RTG01*20261206*1200*1*X*005010X231A1~ST*999*0001*005010X231A1~AK1*HC*1*005010X222A1~"
                + "AK2*837*0001*005010X222A1~IK5*A~AK9*A*1*1*1~SE*6*0001~GE*1*1~IEA*1*000000001~";
        assertThat(loop.post("production-999", now, "application/edi-x12", production999).status()).isEqualTo(202);

        JsonNode failed = loop.biller.await("/inbound-deliveries?status=FAILED", page -> page.path("items").size() == 3,
                RevenueLoop.WAIT);
        assertThat(failed.get("items")).hasSize(3);
        for (JsonNode d : failed.get("items")) {
            assertThat(d.get("error").asText()).as(d.toString()).isNotBlank();
            assertThat(d.get("attempts").asInt()).isGreaterThanOrEqualTo(1);
        }
        assertThat(stream(failed.get("items")).filter(d -> "junk-1".equals(d.get("webhookId").asText())).findFirst().orElseThrow()
                .get("error").asText()).startsWith("X12: ").doesNotContain("this is not");
        assertThat(stream(failed.get("items")).filter(d -> "junk-2".equals(d.get("webhookId").asText())).findFirst().orElseThrow()
                .get("error").asText()).contains("event type \"claim.paid\" is not one this backend accepts");
        assertThat(stream(failed.get("items")).filter(d -> "production-999".equals(d.get("webhookId").asText())).findFirst()
                .orElseThrow().get("error").asText()).contains("ISA15 P").contains("takes T");
        // Kept whole for re-applying after a fix (it fails again: nothing changed).
        String id = stream(failed.get("items")).filter(d -> "junk-1".equals(d.get("webhookId").asText())).findFirst().orElseThrow()
                .get("id").asText();
        ApiClient.Response reapplied = loop.biller.post("/inbound-deliveries/" + id + "/reapply", "{}");
        assertThat(reapplied.status()).as(reapplied.body()).isEqualTo(202);
        assertThat(loop.biller.await("/inbound-deliveries/" + id, d -> d.get("attempts").asInt() >= 2
                && "FAILED".equals(d.get("status").asText()), RevenueLoop.WAIT).get("attempts").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRejecting999PutsTheBatchsClaimsBackWithTheBillers() {
        LocalCloud cloud = Cloud.get();
        RevenueLoop loop = new RevenueLoop(cloud, false);
        String claim = loop.readyClaim(loop.patient("PAID0003"), "2026-12-09T09:00");
        JsonNode batch = loop.submit(claim);
        String x12 = loop.biller.get("/claim-batches/" + batch.get("batchId").asText() + "/837").body();
        String ack = SimulatedClearinghouse.respond(x12, Clock.systemUTC(), SimulatedClearinghouse.Options.rejecting999()).ack999();

        ApiClient.Response posted = loop.post("999-reject", Instant.now().getEpochSecond(), "application/edi-x12", ack);
        assertThat(posted.status()).as(posted.body()).isEqualTo(202);
        JsonNode rejected = loop.awaitStatus(claim, "REJECTED");
        assertThat(rejected.at("/acknowledgement/source").asText()).isEqualTo("999");
        assertThat(rejected.at("/acknowledgement/message").asText()).contains("rejected the whole batch");
        assertThat(loop.biller.get("/claim-batches/" + batch.get("batchId").asText()).json().at("/acknowledgement/status").asText())
                .isEqualTo("R");
        ApiClient.Response duplicate = loop.post("999-reject", Instant.now().getEpochSecond(), "application/edi-x12", ack);
        assertThat(duplicate.status()).isEqualTo(200);
    }

    @Test
    void aPayersAuthorizationUpdateUnblocksTheBookingItCoversAndStaffAreTold() {
        LocalCloud cloud = Cloud.get();
        RevenueLoop loop = new RevenueLoop(cloud, false);
        String patient = Practice.created(loop.practice.api.post("/patients", "{\"firstName\":\"Robin\",\"lastName\":\"Case\","
                + "\"birthDate\":\"1970-02-03\",\"sex\":\"F\"}"));
        Practice.created(loop.practice.api.post("/patients/" + patient + "/coverages",
                "{\"payerId\":\"" + loop.payer + "\",\"memberId\":\"UM-555-01\",\"effectiveFrom\":\"2026-01-01\"}"));
        String appointment = loop.practice.book(patient, loop.provider, "97530", "2026-12-14T10:00", 45);
        JsonNode blocked = loop.practice.decided(appointment);
        assertThat(blocked.get("status").asText()).isEqualTo("NEEDS_AUTH");

        String event = """
                {"type": "authorization.updated", "timestamp": "2026-12-06T12:00:00Z",
                 "data": {"memberId": "um-555-01", "payerId": "ACME1", "number": "UM-2026-88", "status": "APPROVED",
                          "serviceCodes": ["97530"], "unitType": "UNITS", "quantity": 12,
                          "startDate": "2026-12-01", "endDate": "2027-02-28"}}""";
        ApiClient.Response posted = loop.post("um-1", Instant.now().getEpochSecond(), "application/json", event);
        assertThat(posted.status()).as(posted.body()).isEqualTo(202);
        JsonNode scheduled = loop.practice.api.await("/appointments/" + appointment,
                a -> "SCHEDULED".equals(a.get("status").asText()), RevenueLoop.WAIT);
        assertThat(scheduled.get("status").asText()).isEqualTo("SCHEDULED");
        JsonNode audit = loop.practice.api.get("/appointments/" + appointment + "/audit").json();
        assertThat(stream(audit).map(a -> a.get("action").asText())).contains("RECHECK");
        assertThat(stream(audit).filter(a -> "RECHECK".equals(a.get("action").asText())).findFirst().orElseThrow()
                .get("actor").asText()).isEqualTo("integration:" + loop.integrationId);
        JsonNode delivery = loop.settledDeliveries(1).get("items").get(0);
        assertThat(delivery.get("kind").asText()).isEqualTo("authorization.updated");
        assertThat(delivery.get("status").asText()).as(delivery.toString()).isEqualTo("APPLIED");
        JsonNode alerts = loop.practice.api.await("/alerts", a -> stream(a.get("items"))
                .anyMatch(x -> "AUTHORIZATION_UPDATED".equals(x.get("type").asText())), RevenueLoop.WAIT);
        JsonNode alert = stream(alerts.get("items")).filter(x -> "AUTHORIZATION_UPDATED".equals(x.get("type").asText()))
                .findFirst().orElseThrow();
        assertThat(alert.get("message").asText()).contains("UM-2026-88").contains("1 of 1 blocked session(s) now scheduled");

        // Sent again under another webhook-id: nothing changes, no second alert.
        assertThat(loop.post("um-2", Instant.now().getEpochSecond(), "application/json", event).status()).isEqualTo(202);
        JsonNode second = stream(loop.settledDeliveries(2).get("items")).filter(d -> "um-2".equals(d.get("webhookId").asText()))
                .findFirst().orElseThrow();
        assertThat(texts(second.get("changes"))).anyMatch(c -> c.contains("nothing changed"));
        assertThat(stream(loop.practice.api.get("/alerts").json().get("items"))
                .filter(x -> "AUTHORIZATION_UPDATED".equals(x.get("type").asText()))).hasSize(1);
    }
}
