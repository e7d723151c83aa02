package org.therapyops.billing.x12;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Input no one should send: the reader must end quickly with an {@link X12ParseException} that names the segment
 * and never quotes data (names, member ids, amounts are PHI).
 */
class X12ReaderHostileInputTest {

    /** Values in the fixtures that must never appear in a message. */
    private static final List<String> PHI = List.of("DOE", "JANE", "XJH123456789", "ROE", "RICHARD", "1EG4TE5MK73",
            "M00987", "SUBSCRIBER ID", "SECRET");
    private static final Duration QUICKLY = Duration.ofSeconds(10);

    /** {@code text} with {@code from} replaced, which must occur: a no-op edit would test nothing. */
    private static String edit(String text, String from, String to) {
        assertThat(text).contains(from);
        return text.replace(from, to);
    }

    private static X12ParseException refused(String text) {
        Throwable thrown = assertTimeoutPreemptively(QUICKLY, () -> catchThrowable(() -> X12Reader.read(text)));
        assertThat(thrown).isInstanceOf(X12ParseException.class);
        assertThat(thrown.getMessage()).isNotBlank();
        for (String phi : PHI) {
            assertThat(thrown.getMessage()).doesNotContain(phi);
        }
        return (X12ParseException) thrown;
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n\r\t"})
    void emptyInput(String text) {
        assertThat(refused(text)).hasMessage("the input is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello, this is not X12", "{\"claims\": []}", "<x12/>", "ISA", "ISA*00*",
            "UNA:+.? 'UNB+UNOA:3+SENDER+RECEIVER+261127:1405+1'", "STX=ANA:1+5000000000000:SENDER'",
            "GS*HP*A*B*20261204*0900*1*X*005010X221A1~"})
    void notAnInterchange(String text) {
        refused(text);
    }

    @Test
    void truncatedAtEveryPoint() {
        String text = Fixtures.text("835-partial.x12");
        for (int end = 0; end < text.length() - 1; end += 3) {
            String cut = text.substring(0, end);
            if (cut.isBlank()) {
                continue;
            }
            refused(cut);
        }
    }

    @Test
    void missingIea() {
        String text = Fixtures.text("835-paid.x12");
        X12ParseException e = refused(text.substring(0, text.indexOf("IEA*")));
        assertThat(e.getMessage()).contains("ends before the interchange is complete");
    }

    @Test
    void wrongCountsAndControlNumbersInTheTrailers() {
        String text = Fixtures.text("835-paid.x12");
        assertThat(refused(edit(text, "SE*26*0001~", "SE*25*0001~")))
                .hasMessage("SE01: the count does not match the actual count (segment SE at position 28)");
        assertThat(refused(edit(text, "SE*26*0001~", "SE*26*0002~")).segmentTag()).isEqualTo("SE");
        assertThat(refused(edit(text, "GE*1*301~", "GE*2*301~")).getMessage()).startsWith("GE01: the count");
        assertThat(refused(edit(text, "GE*1*301~", "GE*1*302~")).segmentTag()).isEqualTo("GE");
        assertThat(refused(edit(text, "IEA*1*000000301~", "IEA*3*000000301~")).getMessage()).startsWith("IEA01");
        assertThat(refused(edit(text, "IEA*1*000000301~", "IEA*1*000000309~")).getMessage())
                .startsWith("IEA02: the control number does not match");
    }

    @Test
    void binaryJunk() {
        Random random = new Random(835);
        String header = Fixtures.text("835-paid.x12").substring(0, 106);
        for (int i = 0; i < 50; i++) {
            byte[] junk = new byte[1 + random.nextInt(4096)];
            random.nextBytes(junk);
            String text = new String(junk, StandardCharsets.ISO_8859_1);
            refused(text);
            refused("ISA" + text);
            refused(header + text);
        }
    }

    @Test
    void fiveMegabytesOfOneElement() {
        String text = Fixtures.text("835-paid.x12");
        String huge = "A".repeat(5 << 20);
        X12ParseException e = refused(text.replace("CLP*CLM0001*", "CLP*" + huge + "*"));
        assertThat(e.getMessage()).hasSizeLessThan(200);
        refused(text.replace("~\nLX*1~", "~\nLX*1~" + huge));
    }

    @Test
    void fiveMegabytesOfEmptyElementsOrOfSegments() {
        String text = Fixtures.text("835-paid.x12");
        refused(text.replace("~\nLX*1~", "~\nLX*1" + "*".repeat(5 << 20) + "~"));
        refused(text.replace("~\nLX*1~", "~\nLX*1~" + "ZZZ*1~".repeat((5 << 20) / 6)));
        refused(text.replace("~\nLX*1~", "~\nLX*1~" + "~".repeat(5 << 20)));
    }

    @Test
    void aFiveMegabyteEraIsRead() {
        String text = Fixtures.text("835-paid.x12");
        int claim = text.indexOf("CLP*");
        int end = text.indexOf("SE*");
        String claimLoop = text.substring(claim, end);
        int copies = (5 << 20) / claimLoop.length() + 1;
        long segmentsPerClaim = claimLoop.chars().filter(c -> c == '~').count();
        String big = (text.substring(0, claim) + claimLoop.repeat(copies)
                + "SE*" + (26 + (copies - 1) * segmentsPerClaim) + "*0001~\nGE*1*301~\nIEA*1*000000301~\n")
                .replace("BPR*I*220*", "BPR*I*" + 220 * copies + "*");
        assertThat(big.length()).isGreaterThan(5 << 20);

        InboundInterchange read = assertTimeoutPreemptively(QUICKLY, () -> X12Reader.read(big));

        assertThat(read.remittances().get(0).claims()).hasSize(copies);
        Balance.assertBalanced(read.remittances().get(0));
    }

    @Test
    void unsupportedTransactionSetsAreRefusedNotSkipped() {
        String ack997 = Fixtures.text("999-accepted.x12").replace("ST*999*0001*005010X231A1~", "ST*997*0001~")
                .replace("*X*005010X231A1~", "*X*005010~").replace("AK1*HC*1*005010X222A1~", "AK1*HC*1~")
                .replace("AK2*837*0001*005010X222A1~", "AK2*837*0001~").replace("IK5*A~", "AK5*A~");
        assertThat(ack997).contains("ST*997*0001~", "AK5*A~");
        assertThat(refused(ack997)).hasMessageContaining("transaction set 997 is not supported")
                .extracting(X12ParseException::segmentTag).isEqualTo("ST");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        X12_837P.write(List.of(Claims.oneLine()), Claims.SUBMITTER, Claims.RECEIVER, new InMemoryControlNumbers(), out,
                Claims.CLOCK, X12_837P.COMMERCIAL);
        assertThat(refused(out.toString(StandardCharsets.US_ASCII)))
                .hasMessage("transaction set 837 is not supported (999, 277CA and 835 are) (segment ST at position 3)");

        String claimStatus = Fixtures.text("277ca-accepted.x12").replace("005010X214", "005010X212");
        assertThat(refused(claimStatus)).hasMessageContaining("unsupported implementation guide");
        String oldVersion = Fixtures.text("835-paid.x12").replace("*^*00501*", "*U*00401*");
        refused(oldVersion);
        String wrongGroup = Fixtures.text("835-paid.x12").replace("GS*HP*", "GS*HN*");
        assertThat(refused(wrongGroup)).hasMessageContaining("GS01 is not HP");
    }

    @Test
    void twoInterchangesInOneText() {
        String text = Fixtures.text("999-accepted.x12");
        assertThat(refused(text + text)).hasMessageContaining("more than one interchange");
    }

    @Test
    void badValuesAreNamedNeverQuoted() {
        String text = Fixtures.text("835-paid.x12");
        String patient = "NM1*QC*1*DOE*JANE****MI*XJH123456789~";
        assertThat(refused(edit(text, "CLP*CLM0001*1*220*", "CLP*CLM0001*1*SECRET220*")))
                .hasMessage("CLP03 is not a decimal number (segment CLP at position 17)");
        assertThat(refused(edit(text, "CLP*CLM0001*1*220*", "CLP*CLM0001*1*1E5*")).getMessage()).startsWith("CLP03");
        assertThat(refused(edit(text, "DTM*472*20261120~\nREF*6R*CLM0001-1", "DTM*472*20261320~\nREF*6R*CLM0001-1")))
                .hasMessage("DTM02 is not a CCYYMMDD date (segment DTM at position 21)");
        assertThat(refused(edit(text, "CLP*CLM0001*1*220*220*", "CLP*CLM0001*1**220*")))
                .hasMessageStartingWith("CLP03 is missing");
        assertThat(refused(edit(text, patient, "CAS*CO*45*SECRET~")))
                .hasMessageStartingWith("CAS03 is not a decimal number");
        assertThat(refused(edit(edit(text, "~\nLX*1~", "~\nCAS*CO*45*10~\nLX*1~"), "SE*26*", "SE*27*")))
                .hasMessage("segment not expected here in an 835 (segment CAS at position 16)");
        assertThat(refused(edit(edit(text, "~\nLX*1~\nCLP", "~\nSVC*HC:97110*10*10~\nLX*1~\nCLP"), "SE*26*", "SE*27*")))
                .hasMessage("SVC outside a claim payment (CLP) (segment SVC at position 16)");
        assertThat(refused(edit(text, patient, "CLM*DOE*100~")))
                .hasMessage("segment not expected here in an 835 (segment CLM at position 18)");
        assertThat(refused(edit(Fixtures.text("999-rejected.x12"), "IK5*R*5~", "IK5*Z*5~")))
                .hasMessageStartingWith("IK501 is not an acknowledgment code");
        assertThat(refused(edit(Fixtures.text("277ca-accepted.x12"), "DTP*472*D8*20261120~", "DTP*472*RD8*20261120~")))
                .hasMessageStartingWith("DTP03 is not a CCYYMMDD-CCYYMMDD range");
        assertThat(refused(edit(Fixtures.text("277ca-accepted.x12"), "STC*A2:20:PR*20261127*WQ*220~",
                "REF*1K*X~"))).hasMessageStartingWith("the claim has no STC");
    }

    static Stream<String> fixtures() {
        return Fixtures.names().stream();
    }

    /** Random damage to every fixture: the reader either reads it or refuses it, quickly and with our exception. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void randomDamageIsReadOrRefusedNothingElse(String name) {
        String text = Fixtures.text(name);
        Random random = new Random(name.hashCode());
        String alphabet = "*~:^|>\n ABCXYZ0123456789-.ISAGSTEN";
        for (int i = 0; i < 300; i++) {
            StringBuilder b = new StringBuilder(text);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && b.length() > 0; e++) {
                int at = random.nextInt(b.length());
                switch (random.nextInt(3)) {
                    case 0 -> b.deleteCharAt(at);
                    case 1 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String damaged = b.toString();
            Throwable thrown = assertTimeoutPreemptively(QUICKLY, () -> catchThrowable(() -> X12Reader.read(damaged)));
            if (thrown != null) {
                assertThat(thrown).as(damaged).isInstanceOf(X12ParseException.class);
                for (String phi : PHI) {
                    assertThat(thrown.getMessage()).doesNotContain(phi);
                }
            }
        }
    }

    @Test
    void anExceptionNamesOnlyAPlausibleTag() {
        assertThat(new X12ParseException("bad", "CLP", 4)).hasMessage("bad (segment CLP at position 4)");
        assertThat(new X12ParseException("bad", "Doe", 4)).hasMessage("bad (segment at position 4)")
                .extracting(X12ParseException::segmentTag).isNull();
        assertThat(new X12ParseException("bad")).hasMessage("bad");
        assertThatThrownBy(() -> X12Reader.read("ISA*00")).isInstanceOf(X12ParseException.class);
    }
}
