package org.therapyops.billing.scrub;

import org.junit.jupiter.api.Test;
import org.therapyops.billing.charges.CodeCatalog;
import org.therapyops.domain.Discipline;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped code sets, and the loaders on the formats they accept (CMS's PTP file, CDC's order file). */
class CodeSetsTest {

    /** CMS's practitioner PTP edit file layout: a copyright preamble, wrapped column headings, tab-delimited rows, CRLF. */
    private static final String CMS_PTP_SAMPLE = """
            CPT codes, descriptions and other data only are copyright 2025 American Medical Association. All Rights Reserved.\r
            \r
            Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date *=no data\tModifier 0=not allowed 1=allowed 9=not applicable\tPTP Edit Rationale\r
            97161\t97140\t\t20200101\t*\t1\tMisuse of column two code with column one code\r
            97164\t97530\t\t20200101\t*\t1\tMisuse of column two code with column one code\r
            97161\t97530\t\t20200101\t20200101\t0\tMisuse of column two code with column one code\r
            97110\t97150\t*\t19960101\t*\t1\tMutually exclusive procedures\r
            97112\t97750\t\t20100101\t20230101\t9\tMisuse of column two code with column one code\r
            G0283\t97032\t\t20050101\t*\t0\tStandards of medical / surgical practice\r
            """;

    @Test
    void readsCmsPublishedPtpFile() throws Exception {
        NcciEdits edits = NcciEdits.readCmsFile(new BufferedReader(new StringReader(CMS_PTP_SAMPLE)));
        assertThat(edits.size()).isEqualTo(6);
        PtpEdit e = edits.edit("97161", "97140", LocalDate.of(2026, 6, 15)).orElseThrow();
        assertThat(e.modifierIndicator()).isEqualTo(1);
        assertThat(e.deletion()).isNull();
        assertThat(e.rationale()).isEqualTo("Misuse of column two code with column one code");
        assertThat(edits.edit("97140", "97161", LocalDate.of(2026, 6, 15))).as("column order matters").isEmpty();
        assertThat(edits.edit("97161", "97140", LocalDate.of(2019, 12, 31))).as("before its effective date").isEmpty();
        assertThat(edits.edit("97161", "97530", LocalDate.of(2020, 1, 1))).as("deleted on its first day").isEmpty();
        assertThat(edits.edit("97110", "97150", LocalDate.of(1996, 1, 1)).orElseThrow().effective()).isEqualTo(LocalDate.of(1996, 1, 1));
        assertThat(edits.edit("97112", "97750", LocalDate.of(2022, 12, 31)).orElseThrow().modifierIndicator()).isEqualTo(9);
        assertThat(edits.edit("97112", "97750", LocalDate.of(2023, 1, 1))).as("deleted").isEmpty();
        assertThat(edits.edit("G0283", "97032", LocalDate.of(2026, 1, 1)).orElseThrow().modifierIndicator()).isZero();
    }

    @Test
    void shipsTheTherapyPairsOfDomainMd() {
        LocalDate dos = LocalDate.of(2026, 6, 15);
        NcciEdits edits = CodeSets.shipped().ptpEditsFor(dos);
        for (String eval : new String[] {"97161", "97162", "97163"}) {
            assertThat(edits.edit(eval, "97140", dos).orElseThrow().modifierIndicator()).isEqualTo(1);
            assertThat(edits.edit(eval, "97530", dos)).as("withdrawn January 2020 edit").isEmpty();
        }
        assertThat(edits.edit("97164", "97530", dos)).isPresent();
        assertThat(edits.edit("97110", "97150", dos)).isPresent();
    }

    @Test
    void shipsTheMueTableWithUnconfirmedValuesMarked() {
        MueTable mue = CodeSets.shipped().mueFor(LocalDate.of(2026, 6, 15));
        assertThat(mue.limit("97153").orElseThrow()).satisfies(l -> {
            assertThat(l.units()).isEqualTo(32);
            assertThat(l.indicator()).isEqualTo(3);
            assertThat(l.confirmed()).isTrue();
        });
        assertThat(mue.limit("92507").orElseThrow().confirmed()).isFalse();
        assertThat(mue.limit("97110")).as("no current value found").isEmpty();
    }

    @Test
    void shipsIcd10CmFy2026WithBillableFlags() {
        IcdCodeSet icd = CodeSets.shipped().icd10cmFor(LocalDate.of(2026, 6, 15));
        assertThat(icd.version()).isEqualTo("FY2026-04");
        assertThat(icd.effectiveFrom()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(icd.size()).isGreaterThan(90_000);
        assertThat(icd.status("E11")).isEqualTo(IcdCodeSet.Status.HEADER);
        assertThat(icd.status("E11.9")).isEqualTo(IcdCodeSet.Status.BILLABLE);
        assertThat(icd.status("M54.5")).isEqualTo(IcdCodeSet.Status.HEADER);
        assertThat(icd.status("m54.50")).isEqualTo(IcdCodeSet.Status.BILLABLE);
        assertThat(icd.status("S72.001A")).isEqualTo(IcdCodeSet.Status.BILLABLE);
        assertThat(icd.status("F84.0")).isEqualTo(IcdCodeSet.Status.BILLABLE);
        assertThat(icd.status("XYZ")).isEqualTo(IcdCodeSet.Status.UNKNOWN);
        // Categories that also name a one-category block: kept (five are billable codes, the others headers).
        assertThat(icd.status("B20")).isEqualTo(IcdCodeSet.Status.BILLABLE);
        assertThat(icd.status("F99")).isEqualTo(IcdCodeSet.Status.BILLABLE);
        assertThat(icd.status("Z66")).isEqualTo(IcdCodeSet.Status.BILLABLE);
        assertThat(icd.status("C50")).isEqualTo(IcdCodeSet.Status.HEADER);
        assertThat(icd.status("Z68")).isEqualTo(IcdCodeSet.Status.HEADER);
        assertThat(icd.size()).isEqualTo(98_186);
        assertThat(icd.inForceOn(LocalDate.of(2026, 9, 30))).isTrue();
        assertThat(icd.inForceOn(LocalDate.of(2026, 10, 1))).isFalse();
    }

    @Test
    void readsCdcOrderFileAsIs() throws Exception {
        String order = """
                00001 A00     0 Cholera                                                      Cholera
                00002 A000    1 Cholera due to Vibrio cholerae 01, biovar cholerae           Cholera due to Vibrio cholerae 01, biovar cholerae
                12345 M5450   1 Low back pain, unspecified                                   Low back pain, unspecified
                """;
        IcdCodeSet icd = IcdCodeSet.read(new BufferedReader(new StringReader(order)), "FY2027", LocalDate.of(2026, 10, 1), null);
        assertThat(icd.status("A00")).isEqualTo(IcdCodeSet.Status.HEADER);
        assertThat(icd.status("A00.0")).isEqualTo(IcdCodeSet.Status.BILLABLE);
        assertThat(icd.status("M54.50")).isEqualTo(IcdCodeSet.Status.BILLABLE);
        assertThat(icd.inForceOn(LocalDate.of(2030, 1, 1))).isTrue();
    }

    @Test
    void therapyCodesAreTheShippedCatalogAsTheScrubberSeesIt() {
        TherapyCodes therapy = CodeSets.shipped().therapyCodes();
        for (String code : List.of("97110", "97112", "97116", "97140", "97530", "97535", "97032", "97035", "97750")) {
            assertThat(therapy.code(code)).as(code).hasValue(new TherapyCodes.Code(code, TherapyCodes.Timing.TIMED, true, null));
        }
        assertThat(therapy.code("97150")).hasValue(new TherapyCodes.Code("97150", TherapyCodes.Timing.UNTIMED, true, null));
        for (String code : List.of("97161", "97162", "97163", "97164")) {
            assertThat(therapy.code(code)).as(code).hasValue(new TherapyCodes.Code(code, TherapyCodes.Timing.UNTIMED, true, Discipline.PT));
        }
        for (String code : List.of("97165", "97166", "97167", "97168")) {
            assertThat(therapy.code(code)).as(code).hasValue(new TherapyCodes.Code(code, TherapyCodes.Timing.UNTIMED, true, Discipline.OT));
        }
        assertThat(therapy.code("92507")).hasValue(new TherapyCodes.Code("92507", TherapyCodes.Timing.UNTIMED, true, Discipline.SLP));
        for (int code = 97151; code <= 97158; code++) {
            String c = String.valueOf(code);
            assertThat(therapy.code(c)).as(c).hasValue(new TherapyCodes.Code(c, TherapyCodes.Timing.TIMED_PER_CODE, false, null));
        }
        for (String code : List.of("90832", "90834", "90837")) {
            assertThat(therapy.code(code)).as("psychotherapy is not a therapy code to the scrubber: " + code).isEmpty();
        }
        assertThat(therapy.code("97999")).isEmpty();
    }

    @Test
    void therapyCodesFollowTheCatalogTheyAreGiven() {
        CodeCatalog catalog = CodeCatalog.parse(new StringReader("""
                code,kind,always_therapy,discipline,min_minutes,description
                97110,UNTIMED,true,OT,,changed on purpose
                97153,TIMED,false,,,changed on purpose
                92507,ABA,true,SLP,,changed on purpose
                90837,PSYCHOTHERAPY,false,,53,psychotherapy
                """));
        TherapyCodes therapy = TherapyCodes.of(catalog);

        assertThat(therapy.code("97110")).hasValue(new TherapyCodes.Code("97110", TherapyCodes.Timing.UNTIMED, true, Discipline.OT));
        assertThat(therapy.code("97153")).hasValue(new TherapyCodes.Code("97153", TherapyCodes.Timing.TIMED, false, null));
        assertThat(therapy.code("92507")).hasValue(new TherapyCodes.Code("92507", TherapyCodes.Timing.TIMED_PER_CODE, true, Discipline.SLP));
        assertThat(therapy.code("90837")).isEmpty();
        assertThat(therapy.code("97161")).as("only what the catalog lists").isEmpty();
    }

    @Test
    void shipsPlacesOfServiceAndTherapyCodes() {
        CodeSets sets = CodeSets.shipped();
        assertThat(sets.placesOfService()).contains("02", "10", "11", "12", "99").doesNotContain("28", "00");
        assertThat(sets.therapyCodes().code("97110").orElseThrow().timing()).isEqualTo(TherapyCodes.Timing.TIMED);
        assertThat(sets.therapyCodes().code("97153").orElseThrow().timing()).isEqualTo(TherapyCodes.Timing.TIMED_PER_CODE);
        assertThat(sets.therapyCodes().code("97161").orElseThrow().alwaysTherapy()).isTrue();
    }
}
