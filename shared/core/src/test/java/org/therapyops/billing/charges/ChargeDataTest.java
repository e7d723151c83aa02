package org.therapyops.billing.charges;

import org.junit.jupiter.api.Test;
import org.therapyops.domain.Discipline;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ChargeDataTest {

    private static final String HEADER = "code,kind,always_therapy,discipline,min_minutes,description\n";

    @Test
    void theShippedCatalogKnowsEveryKindOfCode() {
        CodeCatalog catalog = CodeCatalog.load();

        for (String code : List.of("97110", "97112", "97116", "97140", "97530", "97535", "97032", "97035", "97750")) {
            assertThat(catalog.find(code)).as(code).hasValueSatisfying(c -> {
                assertThat(c.kind()).isEqualTo(CodeKind.TIMED);
                assertThat(c.alwaysTherapy()).isTrue();
                assertThat(c.discipline()).as("any of GP/GO/GN").isNull();
            });
        }
        for (String code : List.of("97161", "97162", "97163", "97164", "97165", "97166", "97167", "97168", "92507",
                "97150")) {
            assertThat(catalog.find(code)).as(code).hasValueSatisfying(c -> {
                assertThat(c.kind()).isEqualTo(CodeKind.UNTIMED);
                assertThat(c.alwaysTherapy()).isTrue();
            });
        }
        assertThat(catalog.find("97161").orElseThrow().discipline()).isEqualTo(Discipline.PT);
        assertThat(catalog.find("97164").orElseThrow().discipline()).isEqualTo(Discipline.PT);
        assertThat(catalog.find("97165").orElseThrow().discipline()).isEqualTo(Discipline.OT);
        assertThat(catalog.find("97168").orElseThrow().discipline()).isEqualTo(Discipline.OT);
        assertThat(catalog.find("92507").orElseThrow().discipline()).isEqualTo(Discipline.SLP);
        assertThat(catalog.find("97150").orElseThrow().discipline()).as("group: any discipline").isNull();
        for (int code = 97151; code <= 97158; code++) {
            assertThat(catalog.find(String.valueOf(code))).hasValueSatisfying(c -> {
                assertThat(c.kind()).isEqualTo(CodeKind.ABA);
                assertThat(c.alwaysTherapy()).isFalse();
                assertThat(c.discipline()).isNull();
            });
        }
        assertThat(catalog.psychotherapyByMinutes()).extracting(CatalogCode::code, CatalogCode::minimumMinutes,
                        CatalogCode::alwaysTherapy)
                .containsExactly(tuple("90832", 16, false),
                        tuple("90834", 38, false),
                        tuple("90837", 53, false));
        assertThat(catalog.size()).isEqualTo(30);
        assertThat(catalog.codes()).hasSize(30).first().extracting(CatalogCode::code).isEqualTo("97110");
        assertThat(catalog.find("97999")).isEmpty();
    }

    @Test
    void theShippedThresholdsAreConfirmedAndStopAt2026() {
        KxThresholds kx = KxThresholds.load();

        assertThat(kx.forYear(2024)).get().extracting(KxThresholds.Threshold::amount, KxThresholds.Threshold::confirmed, KxThresholds.Threshold::origin)
                .containsExactly(new BigDecimal("2330.00"), true, KxThresholds.Origin.SHIPPED);
        assertThat(kx.forYear(2025)).get().extracting(KxThresholds.Threshold::amount, KxThresholds.Threshold::confirmed, KxThresholds.Threshold::origin)
                .containsExactly(new BigDecimal("2410.00"), true, KxThresholds.Origin.SHIPPED);
        assertThat(kx.forYear(2026)).get().extracting(KxThresholds.Threshold::amount, KxThresholds.Threshold::confirmed, KxThresholds.Threshold::origin)
                .containsExactly(new BigDecimal("2480.00"), true, KxThresholds.Origin.SHIPPED);
        assertThat(kx.forYear(2027)).isEmpty();
        assertThat(kx.forYear(2023)).isEmpty();
        assertThat(kx.forYear(2026).orElseThrow().reference()).contains("90 FR 49266");
    }

    @Test
    void aPracticesYearsGoOverTheShippedOnes() {
        KxThresholds practice = KxThresholds.of(List.of(KxThresholds.Threshold.practice(2027, new BigDecimal("2550.00"), "CY2027 rule"),
                KxThresholds.Threshold.practice(2026, new BigDecimal("2481.00"), "")));
        KxThresholds merged = KxThresholds.load().overriddenBy(practice);

        assertThat(merged.thresholds()).extracting(KxThresholds.Threshold::year).containsExactly(2024, 2025, 2026, 2027);
        assertThat(merged.forYear(2027).orElseThrow()).isEqualTo(new KxThresholds.Threshold(2027, new BigDecimal("2550.00"), true,
                KxThresholds.Origin.PRACTICE, "CY2027 rule"));
        assertThat(merged.forYear(2026).orElseThrow().amount()).isEqualByComparingTo("2481.00");
        assertThat(merged.forYear(2025).orElseThrow().origin()).isEqualTo(KxThresholds.Origin.SHIPPED);
        assertThat(KxThresholds.load().forYear(2027)).as("the defaults unchanged").isEmpty();
    }

    @Test
    void theSampleFeeScheduleHasAFeeForEveryCatalogCode() {
        FeeSchedule fees = FeeSchedule.loadSample();
        CodeCatalog catalog = CodeCatalog.load();

        for (String code : List.of("97110", "97112", "97116", "97140", "97530", "97535", "97032", "97035", "97750",
                "92507", "97150", "97153", "90832", "90834", "90837")) {
            assertThat(fees.feeFor(code, List.of())).as(code).isPresent();
            assertThat(catalog.find(code)).as(code).isPresent();
        }
    }

    @Test
    void badCatalogDataIsRefusedWithItsLine() {
        assertThatThrownBy(() -> CodeCatalog.parse(new StringReader(HEADER + "97110,TIMEDD,true,,,x\n")))
                .hasMessageContaining("line 2").hasMessageContaining("unknown kind 'TIMEDD'");
        assertThatThrownBy(() -> CodeCatalog.parse(new StringReader(HEADER + "97110,TIMED,yes,,,x\n")))
                .hasMessageContaining("line 2").hasMessageContaining("'yes'");
        assertThatThrownBy(() -> CodeCatalog.parse(new StringReader(HEADER + "90832,PSYCHOTHERAPY,false,,,x\n")))
                .hasMessageContaining("line 2").hasMessageContaining("minimum minutes");
        assertThatThrownBy(() -> CodeCatalog.parse(new StringReader(HEADER + "97110,TIMED,true,,,a\n97110,TIMED,true,,,b\n")))
                .hasMessageContaining("line 3").hasMessageContaining("97110 listed twice (first on line 2)");
        assertThatThrownBy(() -> CodeCatalog.parse(new StringReader(HEADER + "92507,UNTIMED,true,SPEECH,,x\n")))
                .hasMessageContaining("line 2").hasMessageContaining("unknown discipline 'SPEECH'");
        assertThatThrownBy(() -> CodeCatalog.parse(new StringReader(HEADER + "97153,ABA,false,ABA,,x\n")))
                .hasMessageContaining("line 2").hasMessageContaining("always-therapy");
        assertThatThrownBy(() -> CodeCatalog.parse(new StringReader(HEADER + "97110,TIMED,true,BH,,x\n")))
                .hasMessageContaining("line 2").hasMessageContaining("no GP/GO/GN");
        assertThatThrownBy(() -> CodeCatalog.parse(new StringReader(HEADER + "97110,TIMED,true,,x\n")))
                .as("a row missing a column").hasMessageContaining("line 2").hasMessageContaining("expected 6 fields");
        assertThatThrownBy(() -> CodeCatalog.parse(new StringReader(
                "code,kind,always_therapy,min_minutes,description\n97110,TIMED,true,,x\n")))
                .as("a header missing a column").hasMessageContaining("line 1").hasMessageContaining("discipline");
    }

    @Test
    void badFeeAndThresholdDataIsRefusedWithItsLine() {
        assertThatThrownBy(() -> FeeSchedule.parse(new StringReader("code,modifier,amount\n97110,,0\n")))
                .hasMessageContaining("above zero");
        assertThatThrownBy(() -> FeeSchedule.parse(new StringReader("code,modifier,amount\n97110,,abc\n")))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> KxThresholds.parse(new StringReader("year,amount,confirmed\n2025,2410,maybe\n")))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> KxThresholds.parse(new StringReader("year,amount\n2025,2410\n")))
                .hasMessageContaining("header");
    }

    @Test
    void commentsAndCommasInTheLastColumnAreRead() {
        CodeCatalog catalog = CodeCatalog.parse(new StringReader(
                "# comment\n\n" + HEADER + "97032,TIMED,true,,,stim, attended\n"));

        assertThat(catalog.find("97032")).hasValueSatisfying(c -> assertThat(c.description()).isEqualTo("stim, attended"));
    }
}
