package org.therapyops.billing.scrub;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Releases side by side, picked by date of service: ICD-10-CM's fiscal years (October 1 to September 30) with an April
 * update replacing the October release from April 1, quarters that stay in use until the next, and the shipped indexes.
 * The releases built here are synthetic (a code or two each), not ICD-10-CM data.
 */
class DatedReleasesTest {

    private static final DatedReleases.Release<String> FY2027 = release("FY2027", "2026-10-01", "2027-09-30");
    private static final DatedReleases.Release<String> FY2027_APRIL = release("FY2027-04", "2027-04-01", "2027-09-30");
    private static final DatedReleases.Release<String> FY2026_APRIL = release("FY2026-04", "2026-04-01", "2026-09-30");

    private static DatedReleases.Release<String> release(String version, String from, String to) {
        return DatedReleases.Release.of(version, LocalDate.parse(from), to == null ? null : LocalDate.parse(to), "synthetic", version);
    }

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    @Test
    void picksTheReleaseInForceOnEachDateOfServiceWithTheAprilUpdateReplacingOctobersFromAprilFirst() {
        DatedReleases<String> icd = DatedReleases.of(List.of(FY2027_APRIL, FY2026_APRIL, FY2027));

        assertThat(icd.releases()).extracting(DatedReleases.Release::version).containsExactly("FY2026-04", "FY2027", "FY2027-04");
        assertThat(icd.inForceOn(d("2026-09-30"))).hasValue(FY2026_APRIL);
        assertThat(icd.inForceOn(d("2026-10-01"))).hasValue(FY2027);
        assertThat(icd.inForceOn(d("2027-03-31"))).hasValue(FY2027);
        assertThat(icd.inForceOn(d("2027-04-01"))).hasValue(FY2027_APRIL);
        assertThat(icd.inForceOn(d("2027-09-30"))).hasValue(FY2027_APRIL);
        assertThat(icd.inForceOn(d("2027-10-01"))).as("FY2028 not loaded").isEmpty();
        assertThat(icd.inForceOn(d("2026-03-31"))).as("before every release").isEmpty();
    }

    @Test
    void aDateNoReleaseCoversIsCheckedAgainstTheNearest() {
        DatedReleases<String> icd = DatedReleases.of(List.of(FY2026_APRIL, FY2027));

        assertThat(icd.forDate(d("2027-12-01"))).as("the last before it").isEqualTo(FY2027);
        assertThat(icd.forDate(d("2025-12-01"))).as("the first of all").isEqualTo(FY2026_APRIL);
        assertThat(icd.forDate(d("2026-12-01"))).isEqualTo(FY2027);
    }

    @Test
    void aReleaseWithoutAnEndStaysInUseUntilALaterOneTakesEffect() {
        DatedReleases<String> ptp = DatedReleases.of(List.of(release("DOMAIN.md", "2000-01-01", null),
                release("v33.0", "2027-01-01", null), release("v33.1", "2027-04-01", null)));

        assertThat(ptp.inForceOn(d("2026-12-31")).orElseThrow().version()).isEqualTo("DOMAIN.md");
        assertThat(ptp.inForceOn(d("2027-01-01")).orElseThrow().version()).isEqualTo("v33.0");
        assertThat(ptp.inForceOn(d("2027-04-01")).orElseThrow().version()).isEqualTo("v33.1");
        assertThat(ptp.inForceOn(d("2028-06-01")).orElseThrow().version()).as("until the next is loaded").isEqualTo("v33.1");
    }

    @Test
    void refusesTwoReleasesTakingEffectTheSameDayAndAWindowEndingBeforeItStarts() {
        assertThatThrownBy(() -> DatedReleases.of(List.of(FY2027, release("FY2027-again", "2026-10-01", "2027-09-30"))))
                .hasMessageContaining("both take effect on 2026-10-01");
        assertThatThrownBy(() -> release("backwards", "2027-10-01", "2027-09-30")).hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> DatedReleases.of(List.<DatedReleases.Release<String>>of())).hasMessageContaining("no release");
    }

    @Test
    void readsAReleaseOnFirstUseOnly() {
        AtomicInteger reads = new AtomicInteger();
        DatedReleases.Release<String> lazy = new DatedReleases.Release<>("FY2027", d("2026-10-01"), d("2027-09-30"), "",
                () -> "read " + reads.incrementAndGet());
        DatedReleases<String> releases = DatedReleases.of(List.of(FY2026_APRIL, lazy));

        assertThat(releases.forDate(d("2026-06-01")).data()).isEqualTo("FY2026-04");
        assertThat(reads).hasValue(0);
        assertThat(releases.forDate(d("2026-12-01")).data()).isEqualTo("read 1");
        assertThat(releases.forDate(d("2027-01-01")).data()).isEqualTo("read 1");
        assertThat(reads).hasValue(1);
    }

    @Test
    void shipsIcd10CmFy2026AprilWithItsWindowFromTheIndex() {
        DatedReleases<IcdCodeSet> icd = CodeSets.shipped().icd10cm();
        DatedReleases.Release<IcdCodeSet> fy2026 = icd.releases().stream().filter(r -> r.version().equals("FY2026-04")).findFirst().orElseThrow();
        assertThat(fy2026.effectiveFrom()).isEqualTo(d("2026-04-01"));
        assertThat(fy2026.effectiveTo()).isEqualTo(d("2026-09-30"));
        assertThat(fy2026.data().version()).as("the file's header agrees with the index").isEqualTo("FY2026-04");
        for (DatedReleases.Release<IcdCodeSet> r : icd.releases()) {
            assertThat(r.data().effectiveFrom()).as(r.version()).isEqualTo(r.effectiveFrom());
            assertThat(r.data().effectiveTo()).as(r.version()).isEqualTo(r.effectiveTo());
        }
    }

    @Test
    void shipsTheDomainMdTablesOfNcciAndMueAsTheBaseline() {
        CodeSets sets = CodeSets.shipped();
        assertThat(sets.ptpEdits().releases().get(0).version()).isEqualTo("DOMAIN.md");
        assertThat(sets.mue().releases().get(0).version()).isEqualTo("DOMAIN.md");
        assertThat(sets.ptpEditsFor(d("2026-12-01")).edit("97161", "97140", d("2026-12-01"))).isPresent();
        assertThat(sets.mueFor(d("2026-12-01")).limit("97153").orElseThrow().units()).isEqualTo(32);
    }

    @Test
    void refusesAFileWhoseHeaderNamesAnotherReleaseThanItsIndexLine() {
        String file = "# version=FY2027\teffectiveFrom=2026-10-01\teffectiveTo=2027-09-30\nM5450\tY\tsynthetic\n";
        DatedReleases.IndexEntry wrong = new DatedReleases.IndexEntry("icd10cm-2027-04.tsv.gz", "FY2027-04", d("2027-04-01"),
                d("2027-09-30"), "");
        assertThatThrownBy(() -> IcdCodeSet.read(new BufferedReader(new StringReader(file)), wrong))
                .hasMessageContaining("holds FY2027").hasMessageContaining("index lists FY2027-04");
        DatedReleases.IndexEntry right = new DatedReleases.IndexEntry("icd10cm-2026-10.tsv.gz", "FY2027", d("2026-10-01"),
                d("2027-09-30"), "");
        assertThat(new IcdCodeSet("x", d("2026-10-01"), null, Map.of()).size()).isZero();
        assertThat(catchRead(file, right).status("M54.50")).isEqualTo(IcdCodeSet.Status.BILLABLE);
    }

    private static IcdCodeSet catchRead(String file, DatedReleases.IndexEntry entry) {
        try {
            return IcdCodeSet.read(new BufferedReader(new StringReader(file)), entry);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void indexLinesRoundTrip() {
        DatedReleases.IndexEntry e = DatedReleases.IndexEntry.parse("ptp-2027q1.csv\tv33.0\t2027-01-01\t\tCMS PTP v33.0", "test");
        assertThat(e.effectiveTo()).isNull();
        assertThat(DatedReleases.IndexEntry.parse(e.line(), "again")).isEqualTo(e);
        assertThatThrownBy(() -> DatedReleases.IndexEntry.parse("a\tb", "here")).hasMessageContaining("here");
        assertThatThrownBy(() -> DatedReleases.IndexEntry.parse("a\tb\t2027-13-01\t", "there")).hasMessageContaining("there");
    }
}
