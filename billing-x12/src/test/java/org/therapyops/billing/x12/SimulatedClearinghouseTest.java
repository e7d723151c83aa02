package org.therapyops.billing.x12;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.acknowledgement.ClaimAcknowledgementReport.ClaimStatusReport;
import org.therapyops.billing.acknowledgement.ClaimAcknowledgementReport.StatusInformation;
import org.therapyops.billing.acknowledgement.FunctionalAcknowledgement.AckCode;
import org.therapyops.billing.acknowledgement.FunctionalAcknowledgement;
import org.therapyops.billing.remittance.Remittance.Adjustment;
import org.therapyops.billing.remittance.Remittance.ClaimPayment;
import org.therapyops.billing.remittance.Remittance.ServicePayment;
import org.therapyops.billing.remittance.Remittance;
import org.therapyops.billing.x12.sim.SimulatedClearinghouse.Options;
import org.therapyops.billing.x12.sim.SimulatedClearinghouse.Outcome;
import org.therapyops.billing.x12.sim.SimulatedClearinghouse.Responses;
import org.therapyops.billing.x12.sim.SimulatedClearinghouse;
import org.therapyops.ports.ControlNumbers;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** 837P written by X12_837P → the simulated clearinghouse → X12Reader: what comes back, claim by claim. */
class SimulatedClearinghouseTest {

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private record RoundTrip(X12_837P.Interchange sent, Responses responses, InboundInterchange ack999,
                             InboundInterchange ack277ca, InboundInterchange era835) {

        List<ClaimPayment> payments() {
            return era835.remittances().stream().flatMap(r -> r.claims().stream()).toList();
        }

        ClaimPayment payment(Claim claim) {
            String pcn = X12_837P.patientControlNumber(claim.id());
            return payments().stream().filter(p -> p.patientControlNumber().equals(pcn)).findFirst().orElseThrow();
        }

        ClaimStatusReport status(Claim claim) {
            String pcn = X12_837P.patientControlNumber(claim.id());
            return ack277ca.claimAcknowledgements().get(0).claims().stream()
                    .filter(c -> c.patientControlNumber().equals(pcn)).findFirst().orElseThrow();
        }
    }

    private static String write(List<Claim> claims, ControlNumbers numbers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        X12_837P.write(claims, Claims.SUBMITTER, Claims.RECEIVER, numbers, out, Claims.CLOCK, X12_837P.COMMERCIAL);
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static RoundTrip roundTrip(List<Claim> claims) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        X12_837P.Interchange sent = X12_837P.write(claims, Claims.SUBMITTER, Claims.RECEIVER,
                new InMemoryControlNumbers(), out, Claims.CLOCK, X12_837P.COMMERCIAL);
        Responses responses = SimulatedClearinghouse.respond(out.toString(StandardCharsets.US_ASCII), Claims.CLOCK);
        return new RoundTrip(sent, responses, X12Reader.read(responses.ack999()),
                X12Reader.read(responses.ack277ca()),
                responses.era835() == null ? null : X12Reader.read(responses.era835()));
    }

    /** Each SVC is matched to its 837P line by REF*6R, in order, with the line's code, modifiers, units and date. */
    private static void assertLinesMatch(Claim claim, ClaimPayment payment) {
        assertThat(payment.services()).hasSameSizeAs(claim.lines());
        for (int n = 1; n <= claim.lines().size(); n++) {
            Charge line = claim.lines().get(n - 1);
            ServicePayment service = payment.services().get(n - 1);
            assertThat(service.lineItemControlNumber()).isEqualTo(X12_837P.lineItemControlNumber(claim.id(), n));
            assertThat(service.procedureCode()).isEqualTo(line.code());
            assertThat(service.modifiers()).isEqualTo(line.modifiers());
            assertThat(service.charge()).isEqualByComparingTo(line.amount());
            assertThat(service.units()).isEqualByComparingTo(BigDecimal.valueOf(line.units()));
            assertThat(service.serviceDate()).isEqualTo(line.dateOfService());
        }
    }

    @Test
    void aClaimWithoutPrefixIsPaidInFull() {
        Claim claim = Claims.twelveDiagnoses();
        RoundTrip trip = roundTrip(List.of(claim));

        ClaimPayment payment = trip.payment(claim);
        assertThat(payment.statusCode()).isEqualTo("1");
        assertThat(payment.charge()).isEqualByComparingTo(claim.totalCharge()).isEqualByComparingTo("323.25");
        assertThat(payment.paid()).isEqualByComparingTo(claim.totalCharge());
        assertThat(payment.patientResponsibility()).isZero();
        assertThat(payment.frequencyCode()).isEqualTo("1");
        assertThat(payment.services()).allSatisfy(s -> {
            assertThat(s.adjustments()).isEmpty();
            assertThat(s.paid()).isEqualTo(s.charge()).isEqualTo(s.allowed());
        });
        assertLinesMatch(claim, payment);
        Remittance era = trip.era835().remittances().get(0);
        assertThat(era.payment().handlingCode()).isEqualTo("I");
        assertThat(era.payment().method()).isEqualTo("ACH");
        assertThat(era.payment().amount()).isEqualByComparingTo("323.25");
        assertThat(era.payer()).isEqualTo(new Remittance.Party("EXAMPLE HEALTH PLAN", "2U", "87726"));
        assertThat(era.payee()).isEqualTo(new Remittance.Party("RIVERSIDE THERAPY GROUP", "XX", "1234567893"));
        Balance.assertBalanced(era);
    }

    @Test
    void aPartialClaimIsAllowedEightyPercentWithTwentyPercentCoinsuranceAndItsLastLineBundled() {
        Claim claim = Claims.withMember(Claims.twelveDiagnoses(), "CLM-PARTIAL", "PARTIAL_0001");
        ClaimPayment payment = roundTrip(List.of(claim)).payment(claim);

        assertThat(payment.statusCode()).isEqualTo("1");
        // 120 → 96 allowed, 19.20 PR-2, 76.80 paid; 65.25 → 52.20, 10.44, 41.76; 70 → 56, 11.20, 44.80; 68 bundled
        assertThat(payment.services()).extracting(ServicePayment::allowed, ServicePayment::paid, ServicePayment::adjustments)
                .containsExactly(
                        tuple(d("96"), d("76.8"), List.of(adj("CO", "45", "24"), adj("PR", "2", "19.2"))),
                        tuple(d("52.2"), d("41.76"), List.of(adj("CO", "45", "13.05"), adj("PR", "2", "10.44"))),
                        tuple(d("56"), d("44.8"), List.of(adj("CO", "45", "14"), adj("PR", "2", "11.2"))),
                        tuple(d("0"), d("0"), List.of(adj("CO", "97", "68"))));
        assertThat(payment.services().get(3).remarks()).containsExactly("M15");
        assertThat(payment.paid()).isEqualByComparingTo("163.36");
        assertThat(payment.patientResponsibility()).isEqualByComparingTo("40.84")
                .isEqualByComparingTo(Balance.patientResponsibility(payment));
        assertLinesMatch(claim, payment);
    }

    @Test
    void aPartialClaimOfOneLineIsNotBundled() {
        Claim claim = Claims.withMember(Claims.oneLine(), "CLM-P1", "partial7");
        ClaimPayment payment = roundTrip(List.of(claim)).payment(claim);

        assertThat(payment.services().get(0).adjustments()).containsExactly(adj("CO", "45", "24"), adj("PR", "2", "19.2"));
        assertThat(payment.paid()).isEqualByComparingTo("76.8");
    }

    @Test
    void aDeniedClaimHasEveryLineAdjustedInFullForAMissingAuthorization() {
        Claim claim = Claims.withMember(Claims.priorAuthorization(), "CLM-DENIED", "DENIED_42");
        RoundTrip trip = roundTrip(List.of(claim));
        ClaimPayment payment = trip.payment(claim);

        assertThat(payment.statusCode()).isEqualTo("4");
        assertThat(payment.paid()).isZero();
        assertThat(payment.patientResponsibility()).isZero();
        assertThat(payment.services()).allSatisfy(s -> {
            assertThat(s.paid()).isZero();
            assertThat(s.adjustments()).containsExactly(new Adjustment("CO", "197", s.charge(), null));
            assertThat(s.remarks()).containsExactly("N54");
        });
        assertLinesMatch(claim, payment);
        Remittance era = trip.era835().remittances().get(0);
        assertThat(era.payment().handlingCode()).isEqualTo("H");
        assertThat(era.payment().method()).isEqualTo("NON");
        assertThat(era.payment().amount()).isZero();
        Balance.assertBalanced(era);
    }

    @Test
    void aRejectedClaimIsRejectedInThe277CAAndAbsentFromThe835() {
        Claim rejected = Claims.withMember(Claims.oneLine(), "CLM-REJ", "REJECTED_1");
        Claim paid = Claims.referring();
        RoundTrip trip = roundTrip(List.of(rejected, paid));

        ClaimStatusReport status = trip.status(rejected);
        assertThat(status.rejected()).isTrue();
        assertThat(status.statuses()).extracting(StatusInformation::categoryCode, StatusInformation::statusCode,
                StatusInformation::entityCode).containsExactly(tuple("A7", "164", "IL"), tuple("A7", "21", "IL"));
        assertThat(status.statuses().get(0).freeText()).isNotBlank();
        assertThat(status.statuses().get(0).actionCode()).isEqualTo("U");
        assertThat(status.payerClaimControlNumber()).isNull();
        assertThat(status.clearinghouseTraceNumber()).isNotBlank();
        assertThat(status.totalCharge()).isEqualByComparingTo("120");
        assertThat(trip.payments()).extracting(ClaimPayment::patientControlNumber).containsExactly("CLM0REF");

        RoundTrip alone = roundTrip(List.of(rejected));
        assertThat(alone.responses().ack277ca()).isNotNull();
        assertThat(alone.responses().era835()).isNull();
    }

    @Test
    void acceptedClaimsGetA1AndThePayerClaimControlNumberTheEraUses() {
        Claim claim = Claims.withMember(Claims.renderingDiffers(), "CLM-OK", "PAID_9");
        RoundTrip trip = roundTrip(List.of(claim));

        ClaimStatusReport status = trip.status(claim);
        assertThat(status.rejected()).isFalse();
        assertThat(status.statuses()).extracting(StatusInformation::categoryCode, StatusInformation::statusCode)
                .containsExactly(tuple("A1", "20"));
        assertThat(status.payerClaimControlNumber()).isNotBlank()
                .isEqualTo(trip.payment(claim).payerClaimControlNumber())
                .isEqualTo(SimulatedClearinghouse.payerClaimControlNumber("RTG0001", "CLM-OK"));
        assertThat(status.serviceFrom()).isEqualTo(Claims.DOS);
        assertThat(trip.ack277ca().claimAcknowledgements().get(0).created()).isEqualTo(LocalDate.of(2026, 11, 27));
    }

    @Test
    void the999AcknowledgesTheGroupAndSetThe837PCarried() {
        RoundTrip trip = roundTrip(List.of(Claims.oneLine()));

        FunctionalAcknowledgement ack = trip.ack999().functionalAcknowledgements().get(0);
        assertThat(ack.groupControlNumber()).isEqualTo(String.valueOf(trip.sent().groupControlNumber()));
        assertThat(ack.functionalIdentifierCode()).isEqualTo("HC");
        assertThat(ack.versionCode()).isEqualTo(X12_837P.VERSION);
        assertThat(ack.groupStatus()).isEqualTo(AckCode.ACCEPTED);
        assertThat(ack.transactionSets()).singleElement().satisfies(set -> {
            assertThat(set.controlNumber()).isEqualTo(String.format("%04d", trip.sent().transactionSetControlNumber()));
            assertThat(set.status()).isEqualTo(AckCode.ACCEPTED);
            assertThat(set.segmentErrors()).isEmpty();
        });
    }

    @Test
    void everyResponseComesFromTheClearinghouseToTheSubmitter() {
        RoundTrip trip = roundTrip(List.of(Claims.oneLine()));

        for (InboundInterchange response : List.of(trip.ack999(), trip.ack277ca(), trip.era835())) {
            assertThat(response.senderId()).isEqualTo(Claims.RECEIVER.id());
            assertThat(response.receiverId()).isEqualTo(Claims.SUBMITTER.id());
            assertThat(response.usageIndicator()).isEqualTo("T");
        }
        assertThat(List.of(trip.ack999().controlNumber(), trip.ack277ca().controlNumber(), trip.era835().controlNumber()))
                .doesNotHaveDuplicates();
    }

    @Test
    void aForcedRejectionOfTheBatchHasNo277CAAndNo835() {
        String x12 = write(List.of(Claims.combined(), Claims.oneLine()), new InMemoryControlNumbers());

        Responses responses = SimulatedClearinghouse.respond(x12, Claims.CLOCK, Options.rejecting999());

        assertThat(responses.ack277ca()).isNull();
        assertThat(responses.era835()).isNull();
        FunctionalAcknowledgement ack = X12Reader.read(responses.ack999()).functionalAcknowledgements().get(0);
        assertThat(ack.groupStatus()).isEqualTo(AckCode.REJECTED);
        assertThat(ack.transactionSetsAccepted()).isZero();
        FunctionalAcknowledgement.TransactionSetResponse set = ack.transactionSets().get(0);
        assertThat(set.status()).isEqualTo(AckCode.REJECTED);
        assertThat(set.errorCodes()).containsExactly("5");
        // CLM is the 19th segment of the set: ST, BHT, 1000A (2), 1000B, 2000A (6), 2000B (7)
        assertThat(set.segmentErrors()).singleElement().satisfies(e -> {
            assertThat(e.segmentId()).isEqualTo("CLM");
            assertThat(e.position()).isEqualTo(19);
            assertThat(e.loopId()).isEqualTo("2300");
            assertThat(e.contexts()).extracting(FunctionalAcknowledgement.Context::reference).containsExactly("CLM0042");
            assertThat(e.elements()).extracting(FunctionalAcknowledgement.ElementError::position).containsExactly("5:3");
        });
        assertThat(x12.split("~")[18 + 2]).startsWith("CLM*CLM0042*");
    }

    @ParameterizedTest
    @CsvSource({"REJECTED_1, REJECTED", "rejected1, REJECTED", "Denied_x, DENIED", "DENIEDX, DENIED",
            "partial_2, PARTIAL", "PARTIAL9, PARTIAL", "PAID_3, PAID", "XJH123456789, PAID", "'', PAID",
            "PAR, PAID", "_DENIED, PAID"})
    void theOutcomeIsTheMemberIdsPrefix(String memberId, Outcome outcome) {
        assertThat(Outcome.of(memberId)).isEqualTo(outcome);
    }

    @Test
    void theSameBatchAlwaysGetsTheSameResponsesAndAnotherBatchAnotherTrace() {
        List<Claim> claims = List.of(Claims.withMember(Claims.oneLine(), "A1", "PARTIAL_1"), Claims.twelveDiagnoses());
        ControlNumbers numbers = new InMemoryControlNumbers();
        String first = write(claims, numbers);
        String second = write(claims, numbers);

        assertThat(SimulatedClearinghouse.respond(first, Claims.CLOCK))
                .isEqualTo(SimulatedClearinghouse.respond(first, Claims.CLOCK));
        String trace1 = X12Reader.read(SimulatedClearinghouse.respond(first, Claims.CLOCK).era835()).remittances().get(0)
                .payment().traceNumber();
        String trace2 = X12Reader.read(SimulatedClearinghouse.respond(second, Claims.CLOCK).era835()).remittances()
                .get(0).payment().traceNumber();
        assertThat(trace1).isNotEqualTo(trace2);
    }

    @Test
    void eachBillingProviderIsPaidInItsOwnTransactionSet() {
        RoundTrip trip = roundTrip(Claims.severalPatients());

        assertThat(trip.era835().remittances()).extracting(r -> r.payee().id()).containsExactly("1234567893", "1678901236");
        assertThat(trip.era835().remittances()).extracting(r -> r.payment().traceNumber()).doesNotHaveDuplicates();
        assertThat(trip.payments()).hasSize(Claims.severalPatients().size());
        trip.era835().remittances().forEach(Balance::assertBalanced);
        for (Claim claim : Claims.severalPatients()) {
            assertLinesMatch(claim, trip.payment(claim));
        }
    }

    @Test
    void aClaimWhoseTotalIsNotTheSumOfItsLinesIsRejected() {
        String x12 = write(List.of(Claims.oneLine(), Claims.referring()), new InMemoryControlNumbers());
        String unbalanced = x12.replace("~CLM*CLM0001*120*", "~CLM*CLM0001*125*");
        assertThat(unbalanced).isNotEqualTo(x12);

        Responses responses = SimulatedClearinghouse.respond(unbalanced, Claims.CLOCK);

        ClaimStatusReport status = X12Reader.read(responses.ack277ca()).claimAcknowledgements().get(0).claims().get(0);
        assertThat(status.patientControlNumber()).isEqualTo("CLM0001");
        assertThat(status.statuses()).extracting(StatusInformation::categoryCode, StatusInformation::statusCode)
                .containsExactly(tuple("A7", "400"), tuple("A7", "178"));
        assertThat(X12Reader.read(responses.era835()).remittances().get(0).claims())
                .extracting(ClaimPayment::patientControlNumber).containsExactly("CLM0REF");
    }

    @Test
    void whatIsNotAnOne837PIsRefusedWithAParseError() {
        assertThatThrownBy(() -> SimulatedClearinghouse.respond(Fixtures.text("835-paid.x12"), Claims.CLOCK))
                .isInstanceOf(X12ParseException.class).hasMessageContaining("not an 837P");
        assertThatThrownBy(() -> SimulatedClearinghouse.respond("nonsense", Claims.CLOCK))
                .isInstanceOf(X12ParseException.class);
    }

    private static Adjustment adj(String group, String reason, String amount) {
        return new Adjustment(group, reason, d(amount), null);
    }
}
