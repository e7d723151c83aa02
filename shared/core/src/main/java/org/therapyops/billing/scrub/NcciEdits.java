package org.therapyops.billing.scrub;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * NCCI procedure-to-procedure edits, looked up by code pair. Loads the scrubber's own table (CSV with a header)
 * or CMS's published practitioner PTP file (tab-delimited text: Column 1, Column 2, "*=in existence prior to
 * 1996", Effective Date, Deletion Date ("*" = none), Modifier 0/1/9, PTP Edit Rationale; dates yyyyMMdd; the
 * file opens with copyright and header lines, which are skipped).
 */
public final class NcciEdits {

    /** Where the shipped tables lie, with their index (the therapy pairs of DOMAIN.md, and any loaded quarters). */
    public static final String FOLDER = "billing/scrub/ncci";

    private static final DateTimeFormatter CMS_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern CODE = Pattern.compile("[0-9A-Z]{5}");

    private final Map<String, List<PtpEdit>> byPair = new HashMap<>();

    public NcciEdits(List<PtpEdit> edits) {
        for (PtpEdit e : edits) {
            byPair.computeIfAbsent(e.column1() + "|" + e.column2(), k -> new ArrayList<>()).add(e);
        }
    }

    /** The shipped tables side by side ({@code billing/scrub/ncci/releases.tsv} and {@code loaded/releases.tsv}). */
    public static DatedReleases<NcciEdits> shippedReleases() {
        return DatedReleases.shipped(FOLDER, (reader, entry) -> readTable(reader));
    }

    /** The scrubber's table: {@code column1,column2,effective,deletion,modifierIndicator,rationale,note}, ISO dates. */
    public static NcciEdits readTable(BufferedReader reader) throws IOException {
        List<PtpEdit> edits = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("column1")) {
                continue;
            }
            String[] c = line.split(",", -1);
            edits.add(new PtpEdit(c[0].strip(), c[1].strip(), LocalDate.parse(c[2].strip()),
                    c[3].isBlank() ? null : LocalDate.parse(c[3].strip()), Integer.parseInt(c[4].strip()), c[5].strip()));
        }
        return new NcciEdits(edits);
    }

    /** CMS's published PTP edit file (practitioner or hospital), as downloaded and unzipped. */
    public static NcciEdits readCmsFile(BufferedReader reader) throws IOException {
        List<PtpEdit> edits = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            String[] c = line.split("\t", -1);
            if (c.length < 6 || !CODE.matcher(c[0].strip()).matches() || !CODE.matcher(c[1].strip()).matches()) {
                continue; // copyright notice, column headings (which wrap over several lines), blank lines
            }
            String deletion = c[4].strip();
            edits.add(new PtpEdit(c[0].strip(), c[1].strip(), LocalDate.parse(c[3].strip(), CMS_DATE),
                    deletion.isEmpty() || deletion.equals("*") ? null : LocalDate.parse(deletion, CMS_DATE),
                    Integer.parseInt(c[5].strip()), c.length > 6 ? c[6].strip() : ""));
        }
        return new NcciEdits(edits);
    }

    /** The edit in force on the date with this column-1 and column-2 code, if any. */
    public java.util.Optional<PtpEdit> edit(String column1, String column2, LocalDate date) {
        return byPair.getOrDefault(column1 + "|" + column2, List.of()).stream().filter(e -> e.inForceOn(date)).findFirst();
    }

    /** Every edit, in no particular order. */
    public List<PtpEdit> edits() {
        return byPair.values().stream().flatMap(List::stream).toList();
    }

    public int size() {
        return byPair.values().stream().mapToInt(List::size).sum();
    }
}
