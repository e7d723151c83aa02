package org.therapyops.billing.x12;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.therapyops.billing.acknowledgement.ClaimAcknowledgementReport;
import org.therapyops.billing.acknowledgement.ClaimAcknowledgementReport.ClaimStatusReport;
import org.therapyops.billing.acknowledgement.ClaimAcknowledgementReport.LineStatus;
import org.therapyops.billing.acknowledgement.ClaimAcknowledgementReport.StatusInformation;
import org.therapyops.billing.acknowledgement.FunctionalAcknowledgement;
import org.therapyops.billing.acknowledgement.FunctionalAcknowledgement.AckCode;
import org.therapyops.billing.acknowledgement.FunctionalAcknowledgement.Context;
import org.therapyops.billing.acknowledgement.FunctionalAcknowledgement.ElementError;
import org.therapyops.billing.acknowledgement.FunctionalAcknowledgement.SegmentError;
import org.therapyops.billing.acknowledgement.FunctionalAcknowledgement.TransactionSetResponse;
import org.therapyops.billing.remittance.Remittance;
import org.therapyops.billing.remittance.Remittance.Adjustment;
import org.therapyops.billing.remittance.Remittance.ClaimPayment;
import org.therapyops.billing.remittance.Remittance.Party;
import org.therapyops.billing.remittance.Remittance.Payment;
import org.therapyops.billing.remittance.Remittance.ProviderAdjustment;
import org.therapyops.billing.remittance.Remittance.ServicePayment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each hand-written fixture read back into exactly the records it holds. */
class X12ReaderTest {

    private static final LocalDate NOV_20 = LocalDate.of(2026, 11, 20);
    private static final LocalDate NOV_27 = LocalDate.of(2026, 11, 27);
    private static final Party PAYER = new Party("EXAMPLE HEALTH PLAN", "2U", "87726");
    private static final Party RIVERSIDE = new Party("RIVERSIDE THERAPY GROUP", "XX", "1234567893");

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static Adjustment cas(String group, String reason, String amount) {
        return new Adjustment(group, reason, d(amount), null);
    }

    private static ServicePayment svc(String code, List<String> modifiers, String charge, String paid, int units,
                                      String lineItemControlNumber, String allowed, List<Adjustment> adjustments,
                                      List<String> remarks) {
        return new ServicePayment("HC", code, modifiers, d(charge), d(paid), BigDecimal.valueOf(units),
                lineItemControlNumber, allowed == null ? null : d(allowed), NOV_20, adjustments, remarks);
    }

    private static Payment ach(String amount, LocalDate date, String trace) {
        return new Payment("I", d(amount), "C", "ACH", date, trace, "1512345678");
    }

    static Stream<String> fixtures() {
        return Fixtures.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyFixtureIsReadWithItsEnvelope(String name) {
        InboundInterchange read = X12Reader.read(Fixtures.text(name));

        assertThat(read.senderId()).isEqualTo("CLEARHOUSE01");
        assertThat(read.receiverId()).isEqualTo("RTG0001");
        assertThat(read.controlNumber()).matches("\\d{9}");
        assertThat(read.functionalAcknowledgements().size() + read.claimAcknowledgements().size()
                + read.remittances().size()).isPositive();
        read.remittances().forEach(Balance::assertBalanced);
    }

    @Test
    void anAccepted999() {
        InboundInterchange read = X12Reader.read(Fixtures.text("999-accepted.x12"));

        assertThat(read).isEqualTo(new InboundInterchange("CLEARHOUSE01", "RTG0001", "000000101",
                LocalDateTime.of(2026, 11, 27, 14, 10), "T",
                List.of(new FunctionalAcknowledgement("1", "HC", "005010X222A1",
                        List.of(new TransactionSetResponse("837", "0001", "005010X222A1", AckCode.ACCEPTED, List.of(),
                                List.of())),
                        AckCode.ACCEPTED, 1, 1, 1, List.of())),
                List.of(), List.of()));
        assertThat(read.production()).isFalse();
    }

    @Test
    void a999AcceptedWithErrors() {
        FunctionalAcknowledgement ack = X12Reader.read(Fixtures.text("999-accepted-with-errors.x12"))
                .functionalAcknowledgements().get(0);

        assertThat(ack.groupStatus()).isEqualTo(AckCode.ACCEPTED_WITH_ERRORS);
        assertThat(ack.groupStatus().rejected()).isFalse();
        assertThat(ack.transactionSets()).containsExactly(new TransactionSetResponse("837", "0002", "005010X222A1",
                AckCode.ACCEPTED_WITH_ERRORS, List.of(),
                List.of(new SegmentError("PER", 4, "1000", "8",
                        List.of(new ElementError("4", "364", "6", "5550102"))))));
    }

    @Test
    void aRejected999WithItsSegmentAndElementErrorsAndTheirContexts() {
        FunctionalAcknowledgement ack = X12Reader.read(Fixtures.text("999-rejected.x12"))
                .functionalAcknowledgements().get(0);

        Context claim = new Context("CLM01", "CLM0042", null, null, null, null);
        assertThat(ack).isEqualTo(new FunctionalAcknowledgement("3", "HC", "005010X222A1",
                List.of(new TransactionSetResponse("837", "0003", "005010X222A1", AckCode.REJECTED, List.of("5"), List.of(
                        new SegmentError("CLM", 21, "2300", "8",
                                List.of(new ElementError("5:3", "1325", "7", "9")), List.of(claim)),
                        new SegmentError("SV1", 29, "2400", "8",
                                List.of(new ElementError("3", "355", "7", "XX"),
                                        new ElementError("4", "380", "6", null, List.of(
                                                new Context("SITUATIONAL TRIGGER", null, "SV1", 29, "2400", "1:2")))),
                                List.of(claim, new Context("SITUATIONAL TRIGGER", null, "CLM", 21, "2300", "5:1")))))),
                AckCode.REJECTED, 1, 1, 0, List.of()));
        assertThat(ack.groupStatus().rejected()).isTrue();
    }

    @Test
    void aPartiallyAccepted999() {
        InboundInterchange read = X12Reader.read(Fixtures.text("999-partially-accepted.x12"));
        FunctionalAcknowledgement ack = read.functionalAcknowledgements().get(0);

        assertThat(read.production()).isTrue();
        assertThat(ack.groupStatus()).isEqualTo(AckCode.PARTIALLY_ACCEPTED);
        assertThat(ack.transactionSets()).extracting(TransactionSetResponse::controlNumber, TransactionSetResponse::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("0004", AckCode.ACCEPTED),
                        org.assertj.core.groups.Tuple.tuple("0005", AckCode.REJECTED));
        assertThat(ack.transactionSets().get(1).segmentErrors()).extracting(SegmentError::segmentId)
                .containsExactly("NM1", "HI");
        assertThat(ack.transactionSetsIncluded()).isEqualTo(2);
        assertThat(ack.transactionSetsAccepted()).isEqualTo(1);
    }

    @Test
    void anAccepted277CA() {
        ClaimAcknowledgementReport report = X12Reader.read(Fixtures.text("277ca-accepted.x12")).claimAcknowledgements()
                .get(0);

        assertThat(report).isEqualTo(new ClaimAcknowledgementReport("277CA2026112701", NOV_27, List.of(
                new ClaimStatusReport("CLM0042", "2026331000042", "CH0000000042",
                        List.of(new StatusInformation("A1", "20", "PR", NOV_27, "WQ", null)), d("175.5"), NOV_20,
                        LocalDate.of(2026, 11, 21), List.of()),
                new ClaimStatusReport("CLM0001", "2026331000001", null,
                        List.of(new StatusInformation("A2", "20", "PR", NOV_27, "WQ", null)), d("220"), NOV_20, null,
                        List.of()))));
        assertThat(report.claims()).noneMatch(ClaimStatusReport::rejected);
    }

    @Test
    void aRejected277CAKeepsEveryStatusOfTheClaimInOrder() {
        ClaimAcknowledgementReport report = X12Reader.read(Fixtures.text("277ca-rejected.x12")).claimAcknowledgements()
                .get(0);

        String text = "SUBSCRIBER ID NOT ON FILE";
        assertThat(report.claims().get(0)).isEqualTo(new ClaimStatusReport("CLM0REF", null, "CH0000000107", List.of(
                new StatusInformation("A7", "164", "IL", NOV_27, "U", text),
                new StatusInformation("A7", "21", "IL", NOV_27, "U", text),
                new StatusInformation("A8", "562", "85", NOV_27, "U", text),
                new StatusInformation("A7", "33", "IL", NOV_27, "U", null)), d("150"), NOV_20, null, List.of()));
        assertThat(report.claims()).extracting(ClaimStatusReport::patientControlNumber, ClaimStatusReport::rejected)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CLM0REF", true),
                        org.assertj.core.groups.Tuple.tuple("CLM0AUTH", false));
    }

    @Test
    void a277CAWithLineLevelStatuses() {
        ClaimStatusReport claim = X12Reader.read(Fixtures.text("277ca-line-level.x12")).claimAcknowledgements().get(0)
                .claims().get(0);
        LocalDate nov28 = LocalDate.of(2026, 11, 28);

        assertThat(claim.rejected()).isTrue();
        assertThat(claim.serviceFrom()).isEqualTo(LocalDate.of(2026, 11, 19));
        assertThat(claim.serviceTo()).isEqualTo(NOV_20);
        assertThat(claim.lines()).containsExactly(
                new LineStatus("97110", List.of("GP"), d("180"), "CLM0RND-1",
                        List.of(new StatusInformation("A1", "20", null, nov28, "U", null)), NOV_20),
                new LineStatus("97140", List.of("GP"), d("60"), "CLM0RND-2",
                        List.of(new StatusInformation("A3", "454", null, nov28, "U", null),
                                new StatusInformation("A3", "145", "82", nov28, "U", null)),
                        LocalDate.of(2026, 11, 19)));
    }

    @Test
    void an835PaidInFull() {
        Remittance era = X12Reader.read(Fixtures.text("835-paid.x12")).remittances().get(0);

        assertThat(era).isEqualTo(new Remittance(ach("220", LocalDate.of(2026, 12, 4), "EFT20261204000301"), PAYER,
                RIVERSIDE, List.of(new ClaimPayment("CLM0001", "1", d("220"), d("220"), d("0"), "12", "2026331000001",
                "1", List.of(), List.of(), List.of(
                        svc("97110", List.of("GP"), "120", "120", 2, "CLM0001-1", "120", List.of(), List.of()),
                        svc("97140", List.of("GP", "59"), "100", "100", 1, "CLM0001-2", "100", List.of(), List.of())))),
                List.of()));
    }

    @Test
    void an835PaidInPartWithPatientResponsibilityAndContractualAdjustments() {
        ClaimPayment claim = X12Reader.read(Fixtures.text("835-partial.x12")).remittances().get(0).claims().get(0);

        assertThat(claim.statusCode()).isEqualTo("1");
        assertThat(claim.charge()).isEqualTo(d("323.25"));
        assertThat(claim.paid()).isEqualTo(d("121.6"));
        assertThat(claim.patientResponsibility()).isEqualTo(d("82.6"));
        assertThat(claim.remarks()).containsExactly("MA01");
        assertThat(claim.services()).containsExactly(
                svc("97110", List.of("GP"), "120", "76.8", 2, "CLM0012-1", "96",
                        List.of(cas("CO", "45", "24"), cas("PR", "2", "19.2")), List.of()),
                svc("97140", List.of("GP", "59"), "65.25", "0", 1, "CLM0012-2", "52.2",
                        List.of(cas("CO", "45", "13.05"), cas("PR", "1", "52.2")), List.of()),
                svc("97530", List.of("GP"), "70", "44.8", 1, "CLM0012-3", "56",
                        List.of(cas("CO", "45", "10"), cas("CO", "253", "1"), cas("CO", "59", "1"), cas("CO", "131", "1"),
                                cas("CO", "94", "0.5"), cas("CO", "237", "0.5"),
                                new Adjustment("PR", "2", d("11.2"), BigDecimal.ONE)), List.of()),
                svc("97112", List.of("GP", "KX"), "68", "0", 1, "CLM0012-4", "0", List.of(cas("CO", "97", "68")),
                        List.of("M15")));
        assertThat(Balance.patientResponsibility(claim)).isEqualByComparingTo(claim.patientResponsibility());
    }

    @Test
    void aDenied835() {
        Remittance era = X12Reader.read(Fixtures.text("835-denied.x12")).remittances().get(0);

        assertThat(era.payment()).isEqualTo(new Payment("H", d("0"), "C", "NON", LocalDate.of(2026, 12, 4),
                "EFT20261204000303", "1512345678"));
        ClaimPayment claim = era.claims().get(0);
        assertThat(claim.statusCode()).isEqualTo("4");
        assertThat(claim.paid()).isZero();
        assertThat(claim.remarks()).containsExactly("MA01", "N54");
        assertThat(claim.services()).allSatisfy(s -> {
            assertThat(s.adjustments()).containsExactly(cas("CO", "197", s.charge().toPlainString()));
            assertThat(s.remarks()).containsExactly("N54");
        });
    }

    @Test
    void aReversalWithNegativeAmountsThenTheCorrectedPaymentOfTheSameClaim() {
        Remittance era = X12Reader.read(Fixtures.text("835-reversal.x12")).remittances().get(0);

        assertThat(era.payment().amount()).isEqualTo(d("16"));
        assertThat(era.claims()).extracting(ClaimPayment::patientControlNumber).containsExactly("CLM0001", "CLM0001");
        ClaimPayment reversal = era.claims().get(0);
        ClaimPayment corrected = era.claims().get(1);
        assertThat(reversal).isEqualTo(new ClaimPayment("CLM0001", "22", d("-120"), d("-80"), d("-20"), "12",
                "2026331000001", "1", List.of(), List.of(), List.of(svc("97110", List.of("GP"), "-120", "-80", 2,
                "CLM0001-1", "-100", List.of(cas("CO", "45", "-20"), cas("PR", "2", "-20")), List.of()))));
        assertThat(corrected.statusCode()).isEqualTo("1");
        assertThat(corrected.payerClaimControlNumber()).isEqualTo("2026345000001");
        assertThat(corrected.services().get(0).adjustments()).containsExactly(cas("PR", "2", "24"));
        assertThat(reversal.paid().add(corrected.paid())).isEqualTo(era.payment().amount());
    }

    @Test
    void providerLevelAdjustmentsAndAClaimLevelAdjustment() {
        Remittance era = X12Reader.read(Fixtures.text("835-provider-adjustment.x12")).remittances().get(0);

        LocalDate fiscal = LocalDate.of(2026, 12, 31);
        assertThat(era.providerAdjustments()).containsExactly(
                new ProviderAdjustment("1234567893", fiscal, "WO", "2026331000001", d("20")),
                new ProviderAdjustment("1234567893", fiscal, "L6", "INTEREST", d("-2.35")),
                new ProviderAdjustment("1234567893", fiscal, "FB", "OVP20260915", d("5")),
                new ProviderAdjustment("1234567893", fiscal, "72", "ADV20261101", d("-1.5")),
                new ProviderAdjustment("1234567893", fiscal, "CS", "RECOUP1", d("1")),
                new ProviderAdjustment("1234567893", fiscal, "J1", "NONREIMB", d("0.85")));
        ClaimPayment claim = era.claims().get(0);
        assertThat(claim.adjustments()).containsExactly(cas("PR", "1", "10"));
        assertThat(claim.services().get(0).paid()).isEqualTo(d("122.5"));
        assertThat(claim.paid()).isEqualTo(d("112.5"));
        assertThat(era.payment().amount()).isEqualTo(d("264.5"));
    }

    @Test
    void anEraWithTwoTransactionSetsAndItsOwnDelimiters() {
        String text = Fixtures.text("835-two-sets.x12");
        assertThat(text).startsWith("ISA|00|").contains("SVC|HC>97110>GP|");

        InboundInterchange read = X12Reader.read(text);

        assertThat(read.controlNumber()).isEqualTo("000000306");
        assertThat(read.production()).isTrue();
        assertThat(read.remittances()).extracting(Remittance::payee).containsExactly(RIVERSIDE,
                new Party("LAKESIDE SPEECH CLINIC", "XX", "1678901236"));
        assertThat(read.remittances()).extracting(r -> r.payment().traceNumber())
                .containsExactly("EFT20261218000306", "EFT20261218000307");
        assertThat(read.remittances().get(0).claims().get(0).services()).extracting(ServicePayment::modifiers)
                .containsExactly(List.of("GP"), List.of("GP", "59"));
        assertThat(read.remittances().get(1).claims().get(0).services().get(0).adjustments())
                .containsExactly(cas("CO", "45", "19"));
    }

    @Test
    void oneInterchangeWithA999GroupAndA277CAGroup() {
        InboundInterchange read = X12Reader.read(Fixtures.text("mixed-999-and-277ca.x12"));

        assertThat(read.functionalAcknowledgements()).extracting(FunctionalAcknowledgement::groupControlNumber)
                .containsExactly("7");
        assertThat(read.claimAcknowledgements()).hasSize(1);
        assertThat(read.claimAcknowledgements().get(0).claims()).extracting(ClaimStatusReport::patientControlNumber,
                ClaimStatusReport::payerClaimControlNumber)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CLM0SLP", "2026332000095"));
    }

    @Test
    void severalProviderAdjustmentSegments() {
        // Two PLB segments are valid X12 (PLB repeats), but pyx12 4.0.0 counts each as a new footer loop and
        // reports "Loop FOOTER exceeded max count", so this shape lives here rather than among the fixtures.
        String fixture = Fixtures.text("835-provider-adjustment.x12");
        String text = fixture.replace("~\nSE*33*0001~", "~\nPLB*1234567893*20261231*IR:2026*3.5~\nSE*34*0001~")
                .replace("BPR*I*264.5*", "BPR*I*261*");
        assertThat(text).contains("*IR:2026*", "BPR*I*261*");

        Remittance era = X12Reader.read(text).remittances().get(0);

        assertThat(era.providerAdjustments()).hasSize(7).last()
                .isEqualTo(new ProviderAdjustment("1234567893", LocalDate.of(2026, 12, 31), "IR", "2026", d("3.5")));
        Balance.assertBalanced(era);
    }
}
