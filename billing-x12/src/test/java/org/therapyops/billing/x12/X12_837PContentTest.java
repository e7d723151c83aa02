package org.therapyops.billing.x12;

import org.junit.jupiter.api.Test;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.ports.ControlNumbers;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The segments written for one claim, exactly; the control numbers; the checks that refuse a claim. */
class X12_837PContentTest {

    private static List<String> segments(String x12) {
        assertThat(x12).endsWith("~");
        return List.of(x12.substring(0, x12.length() - 1).split("~"));
    }

    @Test
    void oneClaimIsWrittenSegmentBySegment() {
        Claim claim = Claims.combined();

        List<String> segments = segments(Files.write(List.of(claim)));

        assertThat(segments).containsExactly(
                "ISA*00*          *00*          *ZZ*RTG0001        *ZZ*CLEARHOUSE01   *261127*1405*^*00501*000000001*0*T*:",
                "GS*HC*RTG0001*CLEARHOUSE01*20261127*1405*1*X*005010X222A1",
                "ST*837*0001*005010X222A1",
                "BHT*0019*00*PRACTICE-1-1*20261127*1405*CH",
                "NM1*41*2*RIVERSIDE THERAPY GROUP*****46*RTG0001",
                "PER*IC*BILLING OFFICE*TE*5550102000*EM*BILLING@RIVERSIDE.EXAMPLE",
                "NM1*40*2*EXAMPLE CLEARINGHOUSE*****46*CLEARHOUSE01",
                "HL*1**20*1",
                "PRV*BI*PXC*261QR0400X",
                "NM1*85*2*RIVERSIDE THERAPY GROUP*****XX*1234567893",
                "N3*100 MAIN STREET*SUITE 200",
                "N4*SPRINGFIELD*IL*627011234",
                "REF*EI*123456789",
                "HL*2*1*22*0",
                "SBR*P*18*******CI",
                "NM1*IL*1*ROE*RICHARD****MI*1EG4TE5MK73",
                "N3*77 OAK AVENUE*APT 3",
                "N4*SPRINGFIELD*IL*62702",
                "DMG*D8*19500930*M",
                "NM1*PR*2*EXAMPLE HEALTH PLAN*****PI*87726",
                "CLM*CLM0042*175.5***11:B:7*Y*A*Y*Y",
                "REF*G1*AUTH-7",
                "REF*F8*PAYERICN0099",
                "HI*ABK:M1711*ABF:Z96651*ABF:R262",
                "NM1*DN*1*OKAFOR*JAMES****XX*1890123452",
                "NM1*82*1*NGUYEN*ALICE****XX*1456789019",
                "PRV*PE*PXC*225100000X",
                "LX*1",
                "SV1*HC:97110:GP:KX*120*UN*2***1:2:3",
                "DTP*472*D8*20261120",
                "REF*6R*CLM0042-1",
                "LX*2",
                "SV1*HC:97535:GP:95*55.5*UN*1*10**2",
                "DTP*472*D8*20261121",
                "REF*6R*CLM0042-2",
                "SE*34*0001",
                "GE*1*1",
                "IEA*1*000000001");
    }

    @Test
    void renderingProviderEqualToBillingIsNotRepeated() {
        String x12 = Files.write(List.of(Claims.oneLine()));
        assertThat(x12).doesNotContain("NM1*82", "PRV*PE", "NM1*DN", "REF*G1", "REF*F8");
    }

    @Test
    void aShortClaimIdIsItsOwnPatientControlNumberAndALongOneAStableTwentyCharacterHash() {
        assertThat(X12_837P.patientControlNumber("clm0042")).isEqualTo("CLM0042");
        String c01 = "6cc43ccc-39ed-3d45-81c6-85b5185244de-C01";
        String c02 = "6cc43ccc-39ed-3d45-81c6-85b5185244de-C02";
        // Cut to 38 or 20 characters, the two claims of one note would be indistinguishable at the payer.
        assertThat(X12_837P.patientControlNumber(c01)).hasSize(20).startsWith("T").matches("[A-Z2-7]{20}")
                .isEqualTo(X12_837P.patientControlNumber(c01)).isNotEqualTo(X12_837P.patientControlNumber(c02));
    }

    @Test
    void claimsOfOneNoteKeepDistinctPatientControlNumbersInTheFile() {
        Claim one = Claims.oneLine();
        String note = "6cc43ccc-39ed-3d45-81c6-85b5185244de";
        List<Claim> claims = List.of(withId(one, note + "-C01"), withId(one, note + "-C02"));

        String x12 = Files.write(claims);

        assertThat(x12).contains("~CLM*" + X12_837P.patientControlNumber(note + "-C01") + "*")
                .contains("~CLM*" + X12_837P.patientControlNumber(note + "-C02") + "*");
        assertThatThrownBy(() -> Files.write(List.of(one, one))).hasMessageContaining("listed twice");
    }

    private static Claim withId(Claim c, String id) {
        return c.toBuilder().id(id).build();
    }

    @Test
    void everyLineCarriesItsLineItemControlNumberAfterItsDates() {
        Claim claim = Claims.fiftyLines();
        String x12 = Files.write(List.of(claim));

        List<String> segments = segments(x12);
        for (int n = 1; n <= claim.lines().size(); n++) {
            int lx = segments.indexOf("LX*" + n);
            assertThat(segments.get(lx + 1)).startsWith("SV1*");
            assertThat(segments.get(lx + 2)).startsWith("DTP*472*");
            assertThat(segments.get(lx + 3)).isEqualTo("REF*6R*" + X12_837P.lineItemControlNumber(claim.id(), n))
                    .isEqualTo("REF*6R*CLM0050-" + n);
        }
        assertThat(x12.split("~REF\\*6R\\*", -1)).hasSize(claim.lines().size() + 1);
    }

    @Test
    void aLineItemControlNumberIsThePatientControlNumberAndTheLineNumber() {
        String longId = "6cc43ccc-39ed-3d45-81c6-85b5185244de-C01";
        assertThat(X12_837P.lineItemControlNumber("clm0042", 1)).isEqualTo("CLM0042-1");
        assertThat(X12_837P.lineItemControlNumber(longId, 50)).isEqualTo(X12_837P.patientControlNumber(longId) + "-50")
                .hasSize(23);
        assertThatThrownBy(() -> X12_837P.lineItemControlNumber("CLM1", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> X12_837P.lineItemControlNumber("CLM1", 51)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void delimitersInDataAreNeverWritten() {
        assertThat(X12_837P.text("O'Brien*Smith~ Jr:^ Ñ", 60)).isEqualTo("O'BRIEN SMITH JR");
        assertThat(X12_837P.text("A".repeat(70), 60)).hasSize(60);
        assertThat(X12_837P.amount(new BigDecimal("120.00"))).isEqualTo("120");
        assertThat(X12_837P.amount(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(X12_837P.amount(new BigDecimal("65.250"))).isEqualTo("65.25");
    }

    @Test
    void controlNumbersAreUniquePerPracticeAndKind() {
        ControlNumbers numbers = new InMemoryControlNumbers();
        Submitter other = new Submitter("practice-2", "Other Practice", "OTH0001", "Front Desk", null, "a@b.example");
        List<X12_837P.Interchange> written = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            written.add(X12_837P.write(List.of(Claims.oneLine()), Claims.SUBMITTER, Claims.RECEIVER, numbers,
                    new ByteArrayOutputStream(), Claims.CLOCK, X12_837P.COMMERCIAL));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        X12_837P.Interchange first = X12_837P.write(List.of(Claims.oneLine()), other, Claims.RECEIVER, numbers, out,
                Claims.CLOCK, X12_837P.COMMERCIAL);

        assertThat(written).extracting(X12_837P.Interchange::interchangeControlNumber).containsExactly(1L, 2L, 3L);
        assertThat(written).extracting(X12_837P.Interchange::groupControlNumber).containsExactly(1L, 2L, 3L);
        assertThat(written.get(2).isa13()).isEqualTo("000000003");
        assertThat(first.interchangeControlNumber()).isEqualTo(1L);
        assertThat(out.toString()).contains("*00501*000000001*0*T*:~", "~ST*837*0001*", "~SE*25*0001~");
        assertThat(first.transactionSegmentCount()).isEqualTo(25);
        assertThat(first.claimCount()).isEqualTo(1);
    }

    @Test
    void filingIndicatorComesFromTheCaller() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        X12_837P.write(List.of(Claims.oneLine()), Claims.SUBMITTER, Claims.RECEIVER, new InMemoryControlNumbers(), out,
                Claims.CLOCK, claim -> "MB");
        assertThat(out.toString()).contains("~SBR*P*18*******MB~");
    }

    @Test
    void claimsOutsideTheLimitsAreRefusedBeforeAnythingIsWritten() {
        Claim ok = Claims.oneLine();
        List<String> thirteen = new ArrayList<>(Claims.DX_12);
        thirteen.add("M62.81");
        List<Charge> fiftyOne = new ArrayList<>(Collections.nCopies(51, ok.lines().get(0)));
        Charge badPointer = Claims.line("97110", List.of("GP"), 1, "60", List.of(2));
        Charge fivePointers = Claims.line("97110", List.of("GP"), 1, "60", List.of(1, 1, 1, 1, 1));

        assertRefused(with(ok, thirteen, ok.lines(), ClaimFrequency.ORIGINAL, null), "needs 1 to 12 diagnoses");
        assertRefused(with(ok, ok.diagnoses(), fiftyOne, ClaimFrequency.ORIGINAL, null), "needs 1 to 50 lines");
        assertRefused(with(ok, ok.diagnoses(), List.of(badPointer), ClaimFrequency.ORIGINAL, null),
                "points to diagnosis 2 of 1");
        assertRefused(with(ok, ok.diagnoses(), List.of(fivePointers), ClaimFrequency.ORIGINAL, null),
                "1 to 4 diagnosis pointers");
        assertRefused(with(ok, ok.diagnoses(), ok.lines(), ClaimFrequency.VOID, null), "payer's control number of it");
        assertThatThrownBy(() -> X12_837P.write(List.of(), Claims.SUBMITTER, Claims.RECEIVER,
                new InMemoryControlNumbers(), new ByteArrayOutputStream())).isInstanceOf(IllegalArgumentException.class);
    }

    private static Claim with(Claim c, List<String> dx, List<Charge> lines, ClaimFrequency frequency, String original) {
        return c.toBuilder().frequency(frequency).originalClaimId(original).diagnoses(dx).lines(lines).originalReference(null).build();
    }

    private static void assertRefused(Claim claim, String message) {
        ControlNumbers numbers = new InMemoryControlNumbers();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> X12_837P.write(List.of(Claims.oneLine(), claim), Claims.SUBMITTER, Claims.RECEIVER,
                numbers, out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("claim " + claim.id()).hasMessageContaining(message)
                .hasMessageNotContaining(claim.subscriber().lastName());
        assertThat(out.size()).isZero();
        assertThat(numbers.next("practice-1", ControlNumbers.Kind.INTERCHANGE)).isEqualTo(1L);
    }
}
