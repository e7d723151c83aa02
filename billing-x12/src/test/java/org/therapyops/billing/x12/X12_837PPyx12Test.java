package org.therapyops.billing.x12;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.therapyops.billing.Claim;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every claim shape the writer supports, written to target/x12 and judged by pyx12's 837P (X222A1) map:
 * zero errors. Deliberately broken files prove the check is able to fail.
 */
class X12_837PPyx12Test {

    /** What each file must contain, so that a shape really is the shape it is named after. */
    private static final Map<String, List<String>> MARKERS = Map.ofEntries(
            Map.entry("one-line", List.of("~LX*1~", "SV1*HC:97110:GP*120*UN*2***1~", "~DTP*472*D8*20261120~REF*6R*CLM0001-1~")),
            Map.entry("fifty-lines", List.of("~LX*50~", "~DTP*472*D8*20261101~", "~REF*6R*CLM0050-50~")),
            Map.entry("twelve-diagnoses", List.of("HI*ABK:M5450*ABF:M25561*ABF:M25562*ABF:M6281*ABF:R262*ABF:R2689"
                    + "*ABF:M79604*ABF:M79605*ABF:G8929*ABF:Z96651*ABF:M1711*ABF:M1712~", "***9:10:11:12~", "***12:1~")),
            Map.entry("referring", List.of("~NM1*DN*1*OKAFOR*JAMES****XX*1890123452~")),
            Map.entry("rendering-differs",
                    List.of("~NM1*82*1*NGUYEN*ALICE****XX*1456789019~PRV*PE*PXC*225100000X~")),
            Map.entry("replacement", List.of("*11:B:7*", "~REF*F8*PAYERICN0001~")),
            Map.entry("void", List.of("*11:B:8*", "~REF*F8*PAYERICN0001~")),
            Map.entry("prior-authorization", List.of("~REF*G1*AUTH-2026-0042~")),
            Map.entry("telehealth", List.of("*10:B:1*", "SV1*HC:97110:GP:95*120*UN*2***1~",
                    "SV1*HC:97535:GP:93*55*UN*1*02**1~")),
            Map.entry("combined", List.of("REF*G1*AUTH-7~REF*F8*PAYERICN0099~", "NM1*DN*1*", "NM1*82*1*", "*UN*1*10**2~")),
            Map.entry("several-patients", List.of("~HL*1**20*1~", "~HL*2*1*22*0~", "~HL*3*1*22*0~", "~HL*5**20*1~",
                    "~NM1*85*2*LAKESIDE SPEECH CLINIC*****XX*1678901236~")));

    @BeforeAll
    static void installPyx12() throws Exception {
        Pyx12.ensureInstalled();
        assertThat(Pyx12.version()).isEqualTo(Pyx12.VERSION);
    }

    static Stream<String> shapes() {
        return Claims.shapes().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void pyx12AcceptsEveryShapeWithZeroErrors(String shape) throws Exception {
        List<Claim> claims = Claims.shapes().get(shape);
        String x12 = Files.write(claims);
        assertThat(x12).contains(MARKERS.get(shape));
        assertThat(x12.split("~CLM\\*", -1)).hasSize(claims.size() + 1);

        Pyx12.Verdict verdict = Pyx12.validate(Files.save(shape, x12));

        assertThat(verdict.errors()).as(verdict.output()).isEmpty();
        assertThat(verdict.statusOk()).as(verdict.output()).isTrue();
        assertThat(verdict.ack999()).contains("AK2*837*0001*005010X222A1", "IK5*A", "AK9*A*1*1*1");
        assertThat(verdict.maps()).containsExactly("837.5010.X222.A1.xml");
        assertThat(verdict.accepted()).isTrue();
    }

    @Test
    void everyShapeIsCovered() {
        assertThat(MARKERS.keySet()).containsExactlyInAnyOrderElementsOf(Claims.shapes().keySet());
    }

    @Test
    void aWrongSegmentCountIsReported() throws Exception {
        String good = Files.write(List.of(Claims.oneLine()));
        String broken = good.replace("~SE*25*0001~", "~SE*24*0001~");
        assertThat(broken).isNotEqualTo(good);

        Pyx12.Verdict verdict = Pyx12.validate(Files.save("broken-se-count", broken));

        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.statusOk()).isFalse();
        assertThat(verdict.errors()).anySatisfy(e -> assertThat(e).contains("SE count of 24"));
        assertThat(verdict.ack999()).contains("IK5*R");
    }

    @Test
    void aMissingBillingProviderNameIsReported() throws Exception {
        String good = Files.write(List.of(Claims.oneLine()));
        String broken = good.replace("NM1*85*2*RIVERSIDE THERAPY GROUP*****XX*1234567893~", "")
                .replace("~SE*25*0001~", "~SE*24*0001~");
        assertThat(broken).doesNotContain("NM1*85");

        Pyx12.Verdict verdict = Pyx12.validate(Files.save("broken-no-nm1-85", broken));

        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.errors()).anySatisfy(e -> assertThat(e).contains("(2010AA) missing"));
    }

    @Test
    void aBadCodeValueIsReported() throws Exception {
        String broken = Files.write(List.of(Claims.oneLine())).replace("*120*UN*2*", "*120*XX*2*");

        Pyx12.Verdict verdict = Pyx12.validate(Files.save("broken-sv103", broken));

        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.errors()).anySatisfy(e -> assertThat(e).contains("SV103"));
    }

    @Test
    void theCheckFailsOnAnyOfPyx12sSignals() {
        Path f = Path.of("x");
        String ok999 = "IK5*A~AK9*A*1*1*1~";
        List<String> maps = List.of("837.5010.X222.A1.xml");
        assertThat(new Pyx12.Verdict(f, true, List.of(), ok999, maps, true, "").accepted()).isTrue();
        assertThat(new Pyx12.Verdict(f, false, List.of(), ok999, maps, true, "").accepted()).isFalse();
        assertThat(new Pyx12.Verdict(f, true, List.of("x ERROR y"), ok999, maps, true, "").accepted()).isFalse();
        assertThat(new Pyx12.Verdict(f, true, List.of(), "IK5*R~AK9*R*1*1*0~", maps, true, "").accepted()).isFalse();
        assertThat(new Pyx12.Verdict(f, true, List.of(), "", maps, true, "").accepted()).isFalse();
        // no 999 beside a 999 or an 835: the status line and the log decide, and a rejecting 999 still fails
        assertThat(new Pyx12.Verdict(f, true, List.of(), "", maps, false, "").accepted()).isTrue();
        assertThat(new Pyx12.Verdict(f, true, List.of(), "IK5*R~AK9*R*1*1*0~", maps, false, "").accepted()).isFalse();
        assertThat(new Pyx12.Verdict(f, false, List.of(), "", maps, false, "").accepted()).isFalse();
    }
}
