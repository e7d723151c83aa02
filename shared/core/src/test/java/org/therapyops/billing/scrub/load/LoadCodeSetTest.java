package org.therapyops.billing.scrub.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.therapyops.billing.scrub.CodeSets;
import org.therapyops.billing.scrub.DatedReleases;
import org.therapyops.billing.scrub.IcdCodeSet;
import org.therapyops.billing.scrub.MueTable;
import org.therapyops.billing.scrub.NcciEdits;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code bin/load-code-set} on small synthetic files in the layouts CDC and CMS publish (test resources
 * {@code synthetic-code-sets/}, made up, not ICD-10-CM, NCCI or MUE data): what it installs, beside what, with which
 * window and provenance; how the scrubber's readers then pick it by date of service; what it refuses, writing nothing.
 */
class LoadCodeSetTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    private static final String ORDER = "synthetic-icd10cm-order-2027.txt";
    private static final String CODES = "synthetic-icd10cm-codes-2027.txt";
    private static final String PTP = "synthetic-ccipra-v330r0-f1.txt";
    private static final String MUE = "synthetic-MCR_MUE_PractitionerServices_Eff_01-01-2027.csv";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    // ---- ICD-10-CM

    @Test
    void loadsTheOrderFileBesideTheEarlierReleaseWithItsWindowAndProvenance() throws Exception {
        Path into = seeded();

        run(into, "icd10cm", "--min-billable", "1", fixture(ORDER).toString());

        assertThat(printed()).contains("ICD-10-CM FY2027: 22 codes, 9 billable, in force 2026-10-01 to 2027-09-30")
                .contains("installed").contains("against FY2026-04: 5 billable codes added, 1 billable codes deleted (R29990), "
                        + "1 billable codes turned into headers (R2999), 0 headers turned billable");
        assertThat(ReleaseFolder.open(into.resolve("icd10cm"), List.of()).entries())
                .extracting(DatedReleases.IndexEntry::version, DatedReleases.IndexEntry::effectiveFrom, DatedReleases.IndexEntry::effectiveTo,
                        DatedReleases.IndexEntry::file)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("FY2026-04", d("2026-04-01"), d("2026-09-30"), "icd10cm-2026-04.tsv.gz"),
                        org.assertj.core.groups.Tuple.tuple("FY2027", d("2026-10-01"), d("2027-09-30"), "icd10cm-2026-10.tsv.gz"));

        // The scrubber's reader picks it by date of service; the older release still answers for older dates.
        DatedReleases<IcdCodeSet> releases = icdReleases(into);
        IcdCodeSet fy2027 = releases.inForceOn(d("2026-12-03")).orElseThrow().data();
        assertThat(fy2027.version()).isEqualTo("FY2027");
        assertThat(fy2027.status("M54.51")).isEqualTo(IcdCodeSet.Status.BILLABLE);
        assertThat(fy2027.status("M54.5")).isEqualTo(IcdCodeSet.Status.HEADER);
        assertThat(fy2027.status("R29.99")).isEqualTo(IcdCodeSet.Status.HEADER);
        assertThat(fy2027.status("R29.990")).isEqualTo(IcdCodeSet.Status.UNKNOWN);
        assertThat(fy2027.status("S72.001A")).isEqualTo(IcdCodeSet.Status.BILLABLE);
        assertThat(fy2027.status("Z66")).isEqualTo(IcdCodeSet.Status.BILLABLE);
        assertThat(releases.inForceOn(d("2026-06-15")).orElseThrow().data().status("R29.990")).isEqualTo(IcdCodeSet.Status.BILLABLE);
        assertThat(new CodeSets(releases, CodeSets.shipped().ptpEdits(), CodeSets.shipped().mue(), CodeSets.shipped().therapyCodes(),
                Set.of()).icd10cmInForceOn(d("2026-12-03"))).isPresent();

        String provenance = Files.readString(into.resolve("icd10cm/PROVENANCE.md"));
        String written = InputFile.sha256(Files.readAllBytes(into.resolve("icd10cm/icd10cm-2026-10.tsv.gz")));
        assertThat(provenance).contains("## FY2027: `icd10cm-2026-10.tsv.gz`, loaded 2026-12-06 with bin/load-code-set")
                .contains("| in force | 2026-10-01 to 2027-09-30 |")
                .contains(ORDER + " (sha256 " + InputFile.sha256(Files.readAllBytes(fixture(ORDER))) + ")")
                .contains("billable = its flag 1, description = its long description; 22 codes, 9 billable")
                .contains("| derived file sha256 | `" + written + "` |");
    }

    @Test
    void derivesTheSameBytesFromTheSameFiles() throws Exception {
        Path a = seeded();
        Path b = Files.createDirectories(dir.resolve("again"));
        Files.createDirectories(b.resolve("icd10cm"));
        run(a, "icd10cm", "--min-billable", "1", fixture(ORDER).toString());
        run(b, "icd10cm", "--min-billable", "1", fixture(ORDER).toString());
        assertThat(Files.readAllBytes(b.resolve("icd10cm/icd10cm-2026-10.tsv.gz")))
                .isEqualTo(Files.readAllBytes(a.resolve("icd10cm/icd10cm-2026-10.tsv.gz")));
    }

    @Test
    void checksTheCodesFileAgainstTheOrderFileAndRefusesOneOfAnotherRelease() throws Exception {
        Path into = seeded();
        run(into, "icd10cm", "--min-billable", "1", fixture(ORDER).toString(), fixture(CODES).toString());
        assertThat(printed()).contains("codes file: the same 9 billable codes as the order file; 0 descriptions differ");

        Path other = seeded("other");
        Path codes = write("icd10cm-codes-2027.txt", Files.readString(fixture(CODES)) + "R29990  Synthetic code of another release\r\n");
        assertRefused(other, "the files disagree on the billable codes (0 only in the order file, 1 only in the codes file)",
                "icd10cm", "--min-billable", "1", fixture(ORDER).toString(), codes.toString());
    }

    @Test
    void derivesTheHeadersFromTheCodesFileAloneAsTheOrderFileHasThem() throws Exception {
        Path fromOrder = seeded();
        Path fromCodes = seeded("codes-only");
        run(fromOrder, "icd10cm", "--min-billable", "1", fixture(ORDER).toString());
        run(fromCodes, "icd10cm", "--min-billable", "1", fixture(CODES).toString());
        IcdCodeSet a = icdReleases(fromOrder).inForceOn(d("2026-12-03")).orElseThrow().data();
        IcdCodeSet b = icdReleases(fromCodes).inForceOn(d("2026-12-03")).orElseThrow().data();
        for (String code : List.of("A00", "A000", "M54", "M545", "M5450", "R299", "R2999", "S72001", "S72001A", "T360X1", "T360X1A", "Z66")) {
            assertThat(b.status(code)).as(code).isEqualTo(a.status(code));
        }
        assertThat(b.size()).isEqualTo(a.size());
        assertThat(Files.readString(fromCodes.resolve("icd10cm/PROVENANCE.md"))).contains("headers derived from their prefixes");
    }

    /** On the shipped FY2026 release (real data): the codes-file rule recovers every header but the placeholder ones. */
    @Test
    void theCodesFileRuleRecoversEveryHeaderOfFy2026ButThosePaddedWithThePlaceholderX() {
        IcdCodeSet fy2026 = CodeSets.shipped().icd10cmFor(d("2026-06-15"));
        Map<String, String> billable = new HashMap<>();
        fy2026.billableCodes().forEach(c -> billable.put(c, ""));
        List<Icd10CmLoad.Row> derived = Icd10CmLoad.derivedFromCodes(billable);

        List<String> notHeaders = derived.stream().filter(r -> !r.billable())
                .filter(r -> fy2026.status(r.code()) != IcdCodeSet.Status.HEADER).map(Icd10CmLoad.Row::code).toList();
        assertThat(notHeaders).as("every derived header is a header of FY2026").isEmpty();
        Set<String> derivedCodes = derived.stream().map(Icd10CmLoad.Row::code).collect(Collectors.toSet());
        long missed = fy2026.size() - derivedCodes.size();
        assertThat(missed).as("FY2026 headers the rule leaves out (all end in the placeholder X)").isEqualTo(246);
        assertThat(derived.stream().filter(Icd10CmLoad.Row::billable).count()).isEqualTo(fy2026.billableCodes().size());
    }

    static Stream<Object[]> brokenOrderFiles() {
        return Stream.of(
                broken("a line out of the fixed columns", f -> f.replace("00002 A000    1", "00002 A000   1"), "line 2: not an order file line"),
                broken("a flag neither 0 nor 1", f -> f.replace("00003 A001    1", "00003 A001    2"), "billable flag '2'"),
                broken("a code listed twice", f -> f.replace("00003 A001 ", "00003 A000 "), "A000 listed twice"),
                broken("order numbers out of order", f -> f.replace("00003 A001", "00001 A001"), "order number 1 does not follow 2"),
                broken("a billable code with a subdivision", f -> f.replace("00005 M545    0", "00005 M545    1"),
                        "M545 is flagged billable but has the subdivision"),
                broken("a header without subdivision", f -> f.replace("00003 A001    1", "00003 A001    0"),
                        "A001 is flagged a header but has no subdivision"),
                broken("a code whose category is missing", f -> f.lines().filter(l -> !l.startsWith("00001 ")).collect(Collectors.joining("\r\n")),
                        "A000's category A00 is not listed"),
                broken("not a code", f -> f.replace(" Z66     1", " 6Z6     1"), "'6Z6' is not an ICD-10-CM code"));
    }

    private static Object[] broken(String what, UnaryOperator<String> change, String reason) {
        return new Object[] {what, change, reason};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenOrderFiles")
    void refusesABrokenOrderFileWritingNothing(String what, UnaryOperator<String> change, String reason) throws Exception {
        Path into = seeded();
        Path file = write("icd10cm-order-2027.txt", change.apply(Files.readString(fixture(ORDER))));
        assertRefused(into, reason, "icd10cm", "--min-billable", "1", file.toString());
    }

    @Test
    void refusesAReleaseWithFewerBillableCodesThanARealOne() throws Exception {
        assertRefused(seeded(), "9 billable codes, fewer than the 70000 expected", "icd10cm", fixture(ORDER).toString());
    }

    @Test
    void refusesAFileNamingAnotherFiscalYearAndAReleaseLoadedAlreadyUnlessReplaced() throws Exception {
        Path into = seeded();
        assertRefused(into, "names 2027, not fiscal year 2026 (--fiscal-year)", "icd10cm", "--fiscal-year", "2026", "--min-billable", "1",
                fixture(ORDER).toString());
        run(into, "icd10cm", "--min-billable", "1", fixture(ORDER).toString());
        assertRefused(into, "lists FY2027 (icd10cm-2026-10.tsv.gz, from 2026-10-01) already: give --replace", "icd10cm",
                "--min-billable", "1", fixture(ORDER).toString());
        run(into, "icd10cm", "--replace", "--min-billable", "1", fixture(ORDER).toString());
        assertThat(ReleaseFolder.open(into.resolve("icd10cm"), List.of()).entries()).hasSize(2);
        assertThat(Files.readString(into.resolve("icd10cm/PROVENANCE.md"))).as("the replaced load's section replaced")
                .containsOnlyOnce("# ICD-10-CM code set: provenance").containsOnlyOnce("## FY2027:");
    }

    @Test
    void anAprilUpdateReplacesTheOctoberReleaseFromAprilFirst() throws Exception {
        Path into = seeded();
        run(into, "icd10cm", "--min-billable", "1", fixture(ORDER).toString());
        Path april = write("icd10cm-order-April-2027.txt", Files.readString(fixture(ORDER))
                .replace("00007 M5451   1", "00007 M5459   1"));
        run(into, "icd10cm", "--min-billable", "1", april.toString());

        DatedReleases<IcdCodeSet> releases = icdReleases(into);
        assertThat(releases.inForceOn(d("2027-03-31")).orElseThrow().version()).isEqualTo("FY2027");
        IcdCodeSet update = releases.inForceOn(d("2027-04-01")).orElseThrow().data();
        assertThat(update.version()).isEqualTo("FY2027-04");
        assertThat(update.effectiveTo()).isEqualTo(d("2027-09-30"));
        assertThat(update.status("M54.59")).isEqualTo(IcdCodeSet.Status.BILLABLE);
        assertThat(releases.inForceOn(d("2027-10-01"))).isEmpty();
        assertThat(printed()).contains("against FY2027: 1 billable codes added, 1 billable codes deleted (M5451)");
    }

    @Test
    void readsTheFilesOutOfTheZipTheyCameInAndADryRunWritesNothing() throws Exception {
        Path zip = dir.resolve("icd10cm-code-descriptions-2027.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : List.of(ORDER, CODES)) {
                z.putNextEntry(new ZipEntry("icd10cm-code-descriptions-2027/" + name));
                z.write(Files.readAllBytes(fixture(name)));
                z.closeEntry();
            }
        }
        Path into = seeded();
        run(into, "icd10cm", "--dry-run", "--min-billable", "1", zip.toString());
        assertThat(printed()).contains("dry run: nothing written").contains("codes file: the same 9 billable codes");
        assertThat(ReleaseFolder.open(into.resolve("icd10cm"), List.of()).entries()).hasSize(1);

        run(into, "icd10cm", "--min-billable", "1", zip.toString());
        assertThat(Files.readString(into.resolve("icd10cm/PROVENANCE.md"))).contains(" in icd10cm-code-descriptions-2027.zip (sha256 "
                + InputFile.sha256(Files.readAllBytes(zip)) + ")");
    }

    // ---- NCCI PTP and MUE

    @Test
    void loadsAQuarterOfPtpEditsUnderLoadedAndThatQuarterIsPickedFromItsFirstDay() throws Exception {
        Path into = seeded();
        run(into, "ncci-ptp", "--quarter", "2027Q1", "--min-edits", "1", fixture(PTP).toString());

        assertThat(printed()).contains("NCCI PTP practitioner edits v33.0: in force from 2027-01-01 until a later quarter is loaded; 5 of 7 kept");
        assertThat(ReleaseFolder.open(into.resolve("ncci/loaded"), List.of()).entries()).singleElement()
                .satisfies(e -> {
                    assertThat(e.file()).isEqualTo("ptp-2027q1.csv");
                    assertThat(e.effectiveFrom()).isEqualTo(d("2027-01-01"));
                    assertThat(e.effectiveTo()).isNull();
                });
        DatedReleases<NcciEdits> ptp = DatedReleases.read(DatedReleases.Source.folder(into), "ncci", (r, e) -> NcciEdits.readTable(r));
        assertThat(ptp.inForceOn(d("2027-02-01")).orElseThrow().version()).isEqualTo("v33.0");
        NcciEdits q1 = ptp.forDate(d("2027-02-01")).data();
        assertThat(q1.edit("97530", "97116", d("2027-02-01")).orElseThrow().modifierIndicator()).isZero();
        assertThat(q1.edit("99213", "97110", d("2027-02-01"))).as("a code outside the catalog").isEmpty();
        assertThat(q1.edit("97112", "97750", d("2027-02-01"))).as("deleted 2023").isEmpty();
        assertThat(ptp.forDate(d("2026-12-01")).version()).as("before the quarter: the shipped table").isEqualTo("DOMAIN.md");
        assertThat(ptp.forDate(d("2026-12-01")).data().edit("97530", "97116", d("2026-12-01"))).isEmpty();
        assertThat(Files.readString(into.resolve("ncci/loaded/PROVENANCE.md"))).contains("AMA's").contains("not for redistribution")
                .contains(PTP + " (sha256 ");
        assertThat(Files.readString(into.resolve("ncci/loaded/ptp-2027q1.csv"))).startsWith("# NCCI PTP practitioner edits, CMS v33.0 (2027Q1), in force from 2027-01-01");
    }

    @Test
    void loadsAQuarterOfMuesAndThatQuarterIsPickedFromItsFirstDay() throws Exception {
        Path into = seeded();
        run(into, "mue", "--quarter", "2027Q1", "--min-edits", "1", fixture(MUE).toString());

        DatedReleases<MueTable> mue = DatedReleases.read(DatedReleases.Source.folder(into), "mue", (r, e) -> MueTable.read(r));
        MueTable q1 = mue.forDate(d("2027-01-05")).data();
        assertThat(q1.limit("97110").orElseThrow()).isEqualTo(new MueTable.Limit("97110", 8, 3, true, "CMS practitioner MUE 2027Q1"));
        assertThat(q1.limit("97140").orElseThrow().indicator()).isEqualTo(1);
        assertThat(q1.limit("99213")).as("a code outside the catalog").isEmpty();
        assertThat(mue.forDate(d("2026-12-31")).data().limit("97110")).as("the shipped table has none").isEmpty();
    }

    @Test
    void refusesWhatIsNotAQuartersPractitionerFile() throws Exception {
        Path into = seeded();
        assertRefused(into, "fewer than the 100000 expected", "ncci-ptp", "--quarter", "2027Q1", fixture(PTP).toString());
        assertRefused(into, "--quarter must be a calendar quarter such as 2027Q1, not 2027-01", "ncci-ptp", "--quarter", "2027-01",
                "--min-edits", "1", fixture(PTP).toString());
        assertRefused(into, "is version 33.0, not 32.3", "ncci-ptp", "--quarter", "2027Q1", "--version", "32.3", "--min-edits", "1",
                fixture(PTP).toString());
        Path hospital = write("ccioph-v330r0-f1.txt", Files.readString(fixture(PTP)));
        assertRefused(into, "is not a practitioner file", "ncci-ptp", "--quarter", "2027Q1", "--min-edits", "1", hospital.toString());
        Path badIndicator = write("ccipra-v330r0-f2.txt", Files.readString(fixture(PTP)).replace("20270101\t*\t0", "20270101\t*\t2"));
        assertRefused(into, "modifier indicator '2' is not 0, 1 or 9", "ncci-ptp", "--quarter", "2027Q1", "--min-edits", "1",
                badIndicator.toString());
        assertRefused(into, "takes effect on 2027-01-01, not on 2027-04-01 (2027Q2)", "mue", "--quarter", "2027Q2", "--min-edits", "1",
                fixture(MUE).toString());
        Path badUnits = write("mue-2027q1.csv", Files.readString(fixture(MUE)).replace("\"97110\",\"8\"", "\"97110\",\"eight\""));
        assertRefused(into, "MUE value 'eight' is not a whole number", "mue", "--quarter", "2027Q1", "--min-edits", "1", badUnits.toString());
        assertThat(Files.exists(into.resolve("ncci/loaded"))).isFalse();
        assertThat(Files.exists(into.resolve("mue/loaded"))).isFalse();
    }

    @Test
    void listsTheReleasesAndTheirWindows() throws Exception {
        Path into = seeded();
        run(into, "ncci-ptp", "--quarter", "2027Q1", "--min-edits", "1", fixture(PTP).toString());
        printed.reset();
        run(into, "list");
        assertThat(printed()).contains("icd10cm:\n  FY2026-04\t2026-04-01 to 2026-09-30\ticd10cm-2026-04.tsv.gz")
                .contains("ncci/loaded:\n  v33.0\tfrom 2027-01-01\tptp-2027q1.csv");
    }

    // ---- helpers

    /** A scrubber data folder: a synthetic earlier ICD-10-CM release, and the shipped NCCI and MUE baselines. */
    private Path seeded(String... name) throws IOException, URISyntaxException {
        Path into = Files.createDirectories(dir.resolve(name.length == 0 ? "scrub" : name[0]));
        Path icd = Files.createDirectories(into.resolve("icd10cm"));
        String earlier = "# SYNTHETIC TEST DATA, not ICD-10-CM\n# version=FY2026-04\teffectiveFrom=2026-04-01\teffectiveTo=2026-09-30\n"
                + "A00\tN\tx\nA000\tY\tx\nA001\tY\tx\nM54\tN\tx\nM545\tN\tx\nM5450\tY\tx\nR29\tN\tx\nR299\tN\tx\nR2999\tY\tx\n"
                + "R29990\tY\tx\nZ66\tY\tx\n";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(earlier.getBytes(StandardCharsets.UTF_8));
        }
        Files.write(icd.resolve("icd10cm-2026-04.tsv.gz"), gz.toByteArray());
        Files.writeString(icd.resolve("releases.tsv"), "# synthetic test index\nfile\tversion\teffectiveFrom\teffectiveTo\tsource\n"
                + "icd10cm-2026-04.tsv.gz\tFY2026-04\t2026-04-01\t2026-09-30\tsynthetic\n");
        for (String[] f : new String[][] {{"ncci", "ptp-therapy.csv"}, {"mue", "mue-therapy.csv"}}) {
            Path folder = Files.createDirectories(into.resolve(f[0]));
            for (String file : List.of("releases.tsv", f[1])) {
                Files.copy(resource("/billing/scrub/" + f[0] + "/" + file), folder.resolve(file));
            }
        }
        return into;
    }

    private static DatedReleases<IcdCodeSet> icdReleases(Path into) {
        return DatedReleases.read(DatedReleases.Source.folder(into), "icd10cm", IcdCodeSet::read);
    }

    private void run(Path into, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--into", into.toString()));
        all.addAll(Arrays.asList(args));
        new LoadCodeSet(new PrintStream(printed, true, StandardCharsets.UTF_8), TODAY).run(all.toArray(String[]::new));
    }

    private void assertRefused(Path into, String reason, String... args) throws Exception {
        Map<Path, byte[]> before = snapshot(into);
        assertThatThrownBy(() -> run(into, args)).isInstanceOf(LoadRefusedException.class).hasMessageContaining(reason);
        assertThat(snapshot(into)).as("nothing written").containsOnlyKeys(before.keySet());
        Map<Path, byte[]> after = snapshot(into);
        before.forEach((p, bytes) -> assertThat(after.get(p)).as(p.toString()).isEqualTo(bytes));
    }

    private static Map<Path, byte[]> snapshot(Path into) throws IOException {
        Map<Path, byte[]> out = new HashMap<>();
        try (Stream<Path> files = Files.walk(into)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(into.relativize(p), Files.readAllBytes(p));
            }
        }
        return out;
    }

    private Path write(String name, String content) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("downloads-" + System.nanoTime()));
        return Files.writeString(folder.resolve(name), content);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static Path fixture(String name) throws URISyntaxException {
        return resource("/synthetic-code-sets/" + name);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(LoadCodeSetTest.class.getResource(name).toURI());
    }

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }
}
