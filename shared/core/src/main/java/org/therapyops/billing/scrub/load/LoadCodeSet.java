package org.therapyops.billing.scrub.load;

import org.therapyops.billing.charges.CatalogCode;
import org.therapyops.billing.charges.CodeCatalog;
import org.therapyops.billing.scrub.DatedReleases;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code bin/load-code-set}: checks the code-set files an operator downloaded (CDC's ICD-10-CM files, CMS's quarterly
 * NCCI PTP and MUE practitioner files), derives the scrubber's release file from them and installs it beside the
 * releases already there, listed with its window in the folder's {@code releases.tsv} and described in its
 * {@code PROVENANCE.md}, so that the next build ships it. Writes nothing when it refuses.
 */
public final class LoadCodeSet {

    static final String USAGE = """
            usage: bin/load-code-set icd10cm [--fiscal-year YYYY] [--april-update] [--min-billable N] [--replace] [--dry-run] FILE...
                   bin/load-code-set ncci-ptp --quarter YYYYQn [--version N.N] [--all-codes] [--min-edits N] [--replace] [--dry-run] FILE...
                   bin/load-code-set mue --quarter YYYYQn [--version N.N] [--all-codes] [--min-edits N] [--replace] [--dry-run] FILE...
                   bin/load-code-set list
              FILE: a file as downloaded (.txt, .csv, or the .zip it came in).
              icd10cm: CDC's icd10cm-order-YYYY.txt (enough), and/or icd10cm-codes-YYYY.txt (checked against it);
                       FY YYYY is in force YYYY-1-10-01 to YYYY-09-30, an April update from YYYY-04-01.
              ncci-ptp: CMS's practitioner PTP files (ccipra-v...-f1.txt ... f4); mue: CMS's practitioner MUE table.
                        In force from the quarter's first day until a later quarter is loaded; kept under loaded/ (AMA licence).
              --into DIR: the scrubber's data folder (bin/load-code-set gives shared/core/src/main/resources/billing/scrub).""";

    /** The fewest billable codes a release may have (FY2026: 74,719); --min-billable changes it. */
    static final int MIN_BILLABLE = 70_000;
    /** The fewest edits a quarter's practitioner PTP files hold, all four files together (a sanity bar). */
    static final int MIN_PTP_EDITS = 100_000;
    /** The fewest codes a quarter's practitioner MUE table holds (a sanity bar). */
    static final int MIN_MUE_CODES = 1_000;

    private final PrintStream out;
    private final LocalDate today;

    LoadCodeSet(PrintStream out, LocalDate today) {
        this.out = out;
        this.today = today;
    }

    public static void main(String[] args) {
        LoadCodeSet load = new LoadCodeSet(System.out, LocalDate.now());
        try {
            load.run(args);
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (LoadRefusedException e) {
            System.err.println("refused, nothing written:");
            e.getMessage().lines().forEach(l -> System.err.println("  " + l));
            System.exit(1);
        } catch (IOException e) {
            System.err.println("failed: " + e);
            System.exit(1);
        }
    }

    /** Bad arguments. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    void run(String[] args) throws UsageException, LoadRefusedException, IOException {
        if (args.length == 0) {
            throw new UsageException("what to load?");
        }
        List<Path> files = new ArrayList<>();
        Path into = null;
        Integer fiscalYear = null;
        boolean april = false;
        boolean replace = false;
        boolean dryRun = false;
        boolean allCodes = false;
        String quarter = null;
        String version = null;
        Integer minimum = null;
        String kind = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--into" -> into = Path.of(value(args, ++i, a));
                case "--fiscal-year" -> fiscalYear = number(value(args, ++i, a), a);
                case "--april-update" -> april = true;
                case "--replace" -> replace = true;
                case "--dry-run" -> dryRun = true;
                case "--all-codes" -> allCodes = true;
                case "--quarter" -> quarter = value(args, ++i, a);
                case "--version" -> version = value(args, ++i, a);
                case "--min-billable", "--min-edits" -> minimum = number(value(args, ++i, a), a);
                default -> {
                    if (a.startsWith("--")) {
                        throw new UsageException("unknown option " + a);
                    } else if (kind == null) {
                        kind = a;
                    } else {
                        files.add(Path.of(a));
                    }
                }
            }
        }
        if (into == null) {
            throw new UsageException("--into DIR is needed (bin/load-code-set gives it)");
        }
        if ("list".equals(kind)) {
            list(into);
            return;
        }
        if (kind == null) {
            throw new UsageException("what to load: icd10cm, ncci-ptp, mue, or list?");
        }
        if (files.isEmpty()) {
            throw new UsageException("no file given");
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new UsageException("no such file: " + f);
            }
        }
        List<InputFile> inputs = InputFile.read(files);
        switch (kind) {
            case "icd10cm" -> icd10cm(inputs, into, new Icd10CmLoad.Options(fiscalYear, april,
                    minimum == null ? MIN_BILLABLE : minimum), replace, dryRun);
            case "ncci-ptp" -> quarter(CmsQuarterLoad.Kind.PTP, inputs, into, new CmsQuarterLoad.Options(quarter, version,
                    allCodes ? null : catalogCodes(), minimum == null ? MIN_PTP_EDITS : minimum), replace, dryRun);
            case "mue" -> quarter(CmsQuarterLoad.Kind.MUE, inputs, into, new CmsQuarterLoad.Options(quarter, version,
                    allCodes ? null : catalogCodes(), minimum == null ? MIN_MUE_CODES : minimum), replace, dryRun);
            default -> throw new UsageException("unknown code set '" + kind + "': icd10cm, ncci-ptp, mue or list");
        }
    }

    private void icd10cm(List<InputFile> inputs, Path into, Icd10CmLoad.Options options, boolean replace, boolean dryRun)
            throws LoadRefusedException, IOException {
        ReleaseFolder folder = ReleaseFolder.open(into.resolve(Icd10CmLoad.FOLDER), List.of("# ICD-10-CM releases side by side."));
        Icd10CmLoad.Derived d = Icd10CmLoad.derive(inputs, options);
        folder.checkRoom(d.entry(), replace);
        byte[] content = Icd10CmLoad.write(d);
        List<String> changes = Icd10CmLoad.changesAgainst(folder, d);
        out.println("ICD-10-CM " + d.entry().version() + ": " + d.rows().size() + " codes, " + d.billable() + " billable, in force "
                + d.entry().effectiveFrom() + " to " + d.entry().effectiveTo());
        d.checks().forEach(c -> out.println("  checked: " + c));
        changes.forEach(c -> out.println("  " + c));
        if (dryRun) {
            out.println("dry run: nothing written");
            return;
        }
        String section = "## " + d.entry().version() + ": `" + d.entry().file() + "`, loaded " + today + " with bin/load-code-set\n\n"
                + "| what | value |\n| --- | --- |\n"
                + "| classification | ICD-10-CM " + d.entry().version() + (d.entry().version().endsWith("-04") ? " (April update)" : " (October release)")
                + ", CDC/NCHS with CMS; a US government work, public domain |\n"
                + "| in force | " + d.entry().effectiveFrom() + " to " + d.entry().effectiveTo() + " |\n"
                + "| obtained from | the operator's download: " + d.sources().stream().map(InputFile::describe).collect(Collectors.joining("; ")) + " |\n"
                + "| derived | " + (d.headersFromOrderFile()
                        ? "every line of the order file: code (without dot), billable = its flag 1, description = its long description"
                        : "the codes file's billable codes with their descriptions; headers derived from their prefixes, without descriptions")
                + "; " + d.rows().size() + " codes, " + d.billable() + " billable |\n"
                + "| checks | " + String.join("; ", d.checks()) + " |\n"
                + "| changes | " + String.join("; ", changes) + " |\n"
                + "| derived file sha256 | `" + InputFile.sha256(content) + "` |\n";
        folder.install(d.entry(), content);
        folder.recordProvenance("ICD-10-CM code set: provenance", d.entry().version(), section);
        out.println("installed " + folder.path().resolve(d.entry().file()) + " (listed in releases.tsv, described in PROVENANCE.md);"
                + " the next build ships it");
    }

    private void quarter(CmsQuarterLoad.Kind kind, List<InputFile> inputs, Path into, CmsQuarterLoad.Options options,
                         boolean replace, boolean dryRun) throws LoadRefusedException, IOException {
        ReleaseFolder folder = ReleaseFolder.open(into.resolve(kind.folder).resolve("loaded"), List.of(
                "# " + kind.title + " tables loaded from CMS's quarterly files with bin/load-code-set. Derived from files under",
                "# the AMA licence the operator accepted: this folder is ignored by git; keep it out of a public repository."));
        CmsQuarterLoad.Derived d = CmsQuarterLoad.derive(kind, inputs, options, today);
        folder.checkRoom(d.entry(), replace);
        out.println(kind.title + " " + d.entry().version() + ": in force from " + d.entry().effectiveFrom()
                + " until a later quarter is loaded; " + d.kept() + " of " + d.read() + " kept");
        d.checks().forEach(c -> out.println("  checked: " + c));
        if (dryRun) {
            out.println("dry run: nothing written");
            return;
        }
        byte[] content = CmsQuarterLoad.bytes(d);
        String section = "## " + d.entry().version() + ": `" + d.entry().file() + "`, loaded " + today + " with bin/load-code-set\n\n"
                + "| what | value |\n| --- | --- |\n"
                + "| table | CMS " + kind.title + ", " + d.entry().version() + " |\n"
                + "| in force | from " + d.entry().effectiveFrom() + " until a later quarter is loaded |\n"
                + "| obtained from | the operator's download: " + d.sources().stream().map(InputFile::describe).collect(Collectors.joining("; ")) + " |\n"
                + "| licence | CPT codes and descriptions are AMA's, under the licence accepted on download: not for redistribution |\n"
                + "| checks | " + String.join("; ", d.checks()) + " |\n"
                + "| derived file sha256 | `" + InputFile.sha256(content) + "` |\n";
        folder.install(d.entry(), content);
        folder.recordProvenance(kind.title + ": loaded tables", d.entry().version(), section);
        out.println("installed " + folder.path().resolve(d.entry().file()) + " (listed in loaded/releases.tsv); the next build ships it");
    }

    private void list(Path into) throws IOException {
        for (String f : new String[] {Icd10CmLoad.FOLDER, "ncci", "ncci/loaded", "mue", "mue/loaded"}) {
            Path folder = into.resolve(f);
            if (!Files.exists(folder.resolve(DatedReleases.INDEX))) {
                continue;
            }
            out.println(f + ":");
            for (DatedReleases.IndexEntry e : ReleaseFolder.open(folder, List.of()).entries()) {
                out.println("  " + e.version() + "\t" + (e.effectiveTo() == null ? "from " + e.effectiveFrom()
                        : e.effectiveFrom() + " to " + e.effectiveTo()) + "\t" + e.file());
            }
        }
    }

    private static Set<String> catalogCodes() {
        return CodeCatalog.load().codes().stream().map(CatalogCode::code).collect(Collectors.toUnmodifiableSet());
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String value, String option) throws UsageException {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number, not " + value);
        }
    }
}
