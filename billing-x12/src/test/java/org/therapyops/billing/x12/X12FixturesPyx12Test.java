package org.therapyops.billing.x12;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every hand-written inbound fixture, copied to target/x12/fixtures (pyx12 writes its 999 beside the file) and
 * judged by pyx12 with the map its GS01/GS08 select: zero errors. Broken copies prove each map can fail.
 */
class X12FixturesPyx12Test {

    @BeforeAll
    static void installPyx12() throws Exception {
        Pyx12.ensureInstalled();
        assertThat(Pyx12.version()).isEqualTo(Pyx12.VERSION);
    }

    static Stream<String> fixtures() {
        return Fixtures.names().stream();
    }

    /** The maps x12valid must load for a file, from its GS01s: the selection is part of what is tested. */
    static List<String> expectedMaps(String x12) {
        List<String> maps = new ArrayList<>();
        for (String gs01 : Pyx12.functionalIdentifiers(x12)) {
            String map = switch (gs01) {
                case "FA" -> "999.5010X231.A1.xml";
                case "HN" -> "277.5010.X214.xml";
                case "HP" -> "835.5010.X221.A1.xml";
                case "HC" -> "837.5010.X222.A1.xml";
                default -> throw new IllegalArgumentException("no map expected for GS01 " + gs01);
            };
            if (maps.isEmpty() || !maps.get(maps.size() - 1).equals(map)) {
                maps.add(map);
            }
        }
        return maps;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void pyx12AcceptsEveryFixtureWithZeroErrors(String name) throws Exception {
        String x12 = Fixtures.text(name);

        Pyx12.Verdict verdict = Pyx12.validate(Files.save("fixtures/" + name.replace(".x12", ""), x12));

        assertThat(verdict.maps()).as(verdict.output()).isEqualTo(expectedMaps(x12)).isNotEmpty();
        assertThat(verdict.errors()).as(verdict.output()).isEmpty();
        assertThat(verdict.statusOk()).as(verdict.output()).isTrue();
        assertThat(verdict.accepted()).as(verdict.output()).isTrue();
    }

    @Test
    void everyKindOfFixtureIsThere() {
        assertThat(Fixtures.names()).contains("999-accepted.x12", "999-accepted-with-errors.x12", "999-rejected.x12",
                "277ca-accepted.x12", "277ca-rejected.x12", "277ca-line-level.x12", "835-paid.x12", "835-partial.x12",
                "835-denied.x12", "835-reversal.x12", "835-provider-adjustment.x12", "835-two-sets.x12");
    }

    @Test
    void the999MapRejectsAnUnknownAcknowledgmentCode() throws Exception {
        String broken = Fixtures.text("999-accepted.x12").replace("IK5*A~", "IK5*Q~");

        Pyx12.Verdict verdict = Pyx12.validate(Files.save("fixtures/broken-999-ik501", broken));

        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.errors()).anySatisfy(e -> assertThat(e).contains("IK5*Q not found"));
    }

    @Test
    void the277MapRejectsAClaimWithoutItsServiceDate() throws Exception {
        String good = Fixtures.text("277ca-accepted.x12");
        String broken = good.replace("DTP*472*D8*20261120~\n", "").replace("SE*33*0001~", "SE*32*0001~");
        assertThat(broken).isNotEqualTo(good);

        Pyx12.Verdict verdict = Pyx12.validate(Files.save("fixtures/broken-277ca-no-dtp", broken));

        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.ack999()).contains("IK5*R");
    }

    @Test
    void the835MapRejectsAnUnknownClaimStatus() throws Exception {
        String broken = Fixtures.text("835-paid.x12").replace("CLP*CLM0001*1*", "CLP*CLM0001*9*");

        Pyx12.Verdict verdict = Pyx12.validate(Files.save("fixtures/broken-835-clp02", broken));

        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.errors()).anySatisfy(e -> assertThat(e).contains("CLP02"));
    }
}
