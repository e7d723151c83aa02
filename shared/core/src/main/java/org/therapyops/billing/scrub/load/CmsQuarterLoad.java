package org.therapyops.billing.scrub.load;

import org.therapyops.billing.scrub.DatedReleases;
import org.therapyops.billing.scrub.MueTable;
import org.therapyops.billing.scrub.NcciEdits;
import org.therapyops.billing.scrub.PtpEdit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives a quarter's NCCI PTP or MUE table in the scrubber's CSV format from the practitioner files CMS posts each
 * quarter (behind an AMA licence click-through: the result stays in the operator's build, under {@code loaded/}):
 * <ul>
 *   <li>PTP: CMS's tab-delimited practitioner edit files ({@code ccipra-v…-f1.txt} … {@code f4}), read as
 *       {@link NcciEdits#readCmsFile} reads them; a line starting with two codes must have all seven columns, valid
 *       dates and a modifier indicator of 0, 1 or 9;</li>
 *   <li>MUE: CMS's practitioner services table (comma- or tab-separated: HCPCS/CPT code, MUE value, MUE adjudication
 *       indicator such as "3 Date of Service Edit: Clinical", rationale); a line starting with a code must have a whole
 *       number of units and an indicator 1–3, and no code twice.</li>
 * </ul>
 * Only the edits whose codes are all in {@code codes} are kept (by default the charge-capture code catalog: the codes
 * a claim can carry). Outpatient hospital and DME files are refused: the scrubber bills practitioner services.
 */
final class CmsQuarterLoad {

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})[Qq]([1-4])");
    private static final Pattern CMS_VERSION = Pattern.compile("[vV](\\d{2,3})(\\d)[rR]\\d");
    private static final Pattern MUE_EFFECTIVE = Pattern.compile("(\\d{2})-(\\d{2})-(\\d{4})");
    private static final Pattern HCPCS = Pattern.compile("[0-9A-Z]{5}");

    enum Kind {
        PTP("ncci", "ptp", "NCCI PTP practitioner edits"),
        MUE("mue", "mue", "MUE practitioner services table");

        final String folder;
        final String prefix;
        final String title;

        Kind(String folder, String prefix, String title) {
            this.folder = folder;
            this.prefix = prefix;
            this.title = title;
        }
    }

    record Options(String quarter, String version, Set<String> codes, int minEdits) {
    }

    /** The table made: its index entry, the CSV, what was kept of how much, and how it was checked. */
    record Derived(DatedReleases.IndexEntry entry, String csv, int read, int kept, List<InputFile> sources, List<String> checks) {
    }

    private CmsQuarterLoad() {
    }

    static LocalDate quarterStart(String quarter) throws LoadRefusedException {
        Matcher m = QUARTER.matcher(quarter == null ? "" : quarter);
        if (!m.matches()) {
            throw new LoadRefusedException("--quarter must be a calendar quarter such as 2027Q1, not " + quarter);
        }
        return LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1);
    }

    static Derived derive(Kind kind, List<InputFile> files, Options options, LocalDate today) throws LoadRefusedException {
        LocalDate from = quarterStart(options.quarter());
        String quarter = from.getYear() + "Q" + ((from.getMonthValue() - 1) / 3 + 1);
        if (files.isEmpty()) {
            throw new LoadRefusedException("no file given");
        }
        String version = options.version();
        for (InputFile f : files) {
            String lower = f.name().toLowerCase(Locale.ROOT) + " " + f.download().getFileName().toString().toLowerCase(Locale.ROOT);
            if (lower.contains("outpatient") || lower.contains("ccioph") || lower.contains("dme") || lower.contains("facility")) {
                throw new LoadRefusedException(f.name() + " is not a practitioner file: the scrubber checks practitioner claims");
            }
            Matcher v = CMS_VERSION.matcher(f.name());
            if (v.find()) {
                String named = v.group(1) + "." + v.group(2);
                if (version != null && !version.equals(named)) {
                    throw new LoadRefusedException(f.name() + " is version " + named + ", not " + version);
                }
                version = named;
            }
            Matcher eff = MUE_EFFECTIVE.matcher(f.name());
            if (kind == Kind.MUE && eff.find()) {
                LocalDate named = LocalDate.of(Integer.parseInt(eff.group(3)), Integer.parseInt(eff.group(1)), Integer.parseInt(eff.group(2)));
                if (!named.equals(from)) {
                    throw new LoadRefusedException(f.name() + " takes effect on " + named + ", not on " + from + " (" + quarter + ")");
                }
            }
        }
        String versionName = version == null ? quarter : "v" + version;
        String label = version == null ? quarter : versionName + " (" + quarter + ")";
        List<String> checks = new ArrayList<>();
        String csv;
        int read;
        int kept;
        String header = "# " + kind.title + ", CMS " + label + ", in force from " + from + ", loaded " + today
                + " with bin/load-code-set from " + String.join(", ", files.stream().map(InputFile::name).toList()) + ".\n"
                + "# Derived from CMS's files (CPT codes and descriptions are AMA's, under the licence the operator accepted):\n"
                + "# keep it in your deployment, not in a public repository. "
                + (options.codes() == null ? "Every code kept." : "Only edits of the code catalog's codes kept.") + "\n";
        if (kind == Kind.PTP) {
            List<PtpEdit> all = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (InputFile f : files) {
                all.addAll(readPtp(f, errors));
            }
            if (!errors.isEmpty()) {
                throw new LoadRefusedException(errors);
            }
            read = all.size();
            List<PtpEdit> keep = all.stream().filter(e -> options.codes() == null
                    || options.codes().contains(e.column1()) && options.codes().contains(e.column2()))
                    .sorted(Comparator.comparing(PtpEdit::column1).thenComparing(PtpEdit::column2).thenComparing(PtpEdit::effective))
                    .toList();
            kept = keep.size();
            StringBuilder b = new StringBuilder(header).append("column1,column2,effective,deletion,modifierIndicator,rationale,note\n");
            for (PtpEdit e : keep) {
                b.append(e.column1()).append(',').append(e.column2()).append(',').append(e.effective()).append(',')
                        .append(e.deletion() == null ? "" : e.deletion().toString()).append(',').append(e.modifierIndicator())
                        .append(',').append(e.rationale().replace(',', ';')).append(",CMS ").append(versionName).append('\n');
            }
            csv = b.toString();
            checks.add(read + " edits read; every line starting with two codes had seven columns, valid dates and indicator 0, 1 or 9");
        } else {
            List<MueTable.Limit> all = readMue(files, label);
            read = all.size();
            List<MueTable.Limit> keep = all.stream().filter(l -> options.codes() == null || options.codes().contains(l.code()))
                    .sorted(Comparator.comparing(MueTable.Limit::code)).toList();
            kept = keep.size();
            StringBuilder b = new StringBuilder(header).append("code,units,indicator,confirmed,source\n");
            for (MueTable.Limit l : keep) {
                b.append(l.code()).append(',').append(l.units()).append(',').append(l.indicator()).append(",true,")
                        .append(l.source()).append('\n');
            }
            csv = b.toString();
            checks.add(read + " codes read; every line starting with a code had whole units and an indicator 1-3, no code twice");
        }
        if (read < options.minEdits()) {
            throw new LoadRefusedException(read + " " + (kind == Kind.PTP ? "edits" : "codes") + " read, fewer than the "
                    + options.minEdits() + " expected of CMS's practitioner file (a truncated or wrong download?); --min-edits lowers the bar");
        }
        if (kept == 0) {
            throw new LoadRefusedException("none of the " + read + " " + (kind == Kind.PTP ? "edits" : "codes")
                    + " concerns the code catalog's codes: is it the practitioner file?");
        }
        checks.add(kept + " kept (" + (options.codes() == null ? "every code" : "the code catalog's codes") + ")");
        // Round trip: the table must read back as the scrubber reads it.
        try {
            if (kind == Kind.PTP) {
                NcciEdits.readTable(new BufferedReader(new StringReader(csv)));
            } else {
                MueTable.read(new BufferedReader(new StringReader(csv)));
            }
        } catch (IOException | RuntimeException e) {
            throw new LoadRefusedException("the derived table does not read back: " + e.getMessage());
        }
        String file = kind.prefix + "-" + quarter.toLowerCase(Locale.ROOT) + ".csv";
        String source = "CMS " + kind.title + " " + label + "; " + kept + " of " + read + " kept";
        return new Derived(new DatedReleases.IndexEntry(file, versionName, from, null, source), csv, read, kept, files, checks);
    }

    private static List<PtpEdit> readPtp(InputFile f, List<String> errors) {
        List<String> lines = f.lines();
        StringBuilder rows = new StringBuilder();
        for (int n = 0; n < lines.size(); n++) {
            String[] c = lines.get(n).split("\t", -1);
            if (c.length < 2 || !HCPCS.matcher(c[0].strip()).matches() || !HCPCS.matcher(c[1].strip()).matches()) {
                continue; // copyright notice, headings
            }
            String at = f.name() + " line " + (n + 1) + ": ";
            if (c.length < 6) {
                errors.add(at + "an edit needs column 1, column 2, prior-1996 flag, effective and deletion dates and the modifier indicator");
                continue;
            }
            String indicator = c[5].strip();
            if (!indicator.equals("0") && !indicator.equals("1") && !indicator.equals("9")) {
                errors.add(at + "modifier indicator '" + indicator + "' is not 0, 1 or 9");
                continue;
            }
            try {
                LocalDate.parse(c[3].strip(), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
                String deletion = c[4].strip();
                if (!deletion.isEmpty() && !deletion.equals("*")) {
                    LocalDate.parse(deletion, java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
                }
            } catch (DateTimeParseException e) {
                errors.add(at + "dates must be yyyyMMdd (deletion '*' for none)");
                continue;
            }
            rows.append(lines.get(n)).append('\n');
        }
        try {
            return NcciEdits.readCmsFile(new BufferedReader(new StringReader(rows.toString()))).edits();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<MueTable.Limit> readMue(List<InputFile> files, String source) throws LoadRefusedException {
        List<String> errors = new ArrayList<>();
        Map<String, MueTable.Limit> byCode = new HashMap<>();
        for (InputFile f : files) {
            List<String> lines = f.lines();
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n);
                List<String> c = line.indexOf('\t') >= 0 ? List.of(line.split("\t", -1)) : csvFields(line);
                if (c.isEmpty() || !HCPCS.matcher(c.get(0).strip()).matches()) {
                    continue; // copyright notice, headings
                }
                String at = f.name() + " line " + (n + 1) + ": ";
                if (c.size() < 3) {
                    errors.add(at + "a row needs the code, the MUE value and the adjudication indicator");
                    continue;
                }
                String code = c.get(0).strip();
                int units;
                try {
                    units = Integer.parseInt(c.get(1).strip());
                } catch (NumberFormatException e) {
                    errors.add(at + "MUE value '" + c.get(1).strip() + "' is not a whole number");
                    continue;
                }
                String mai = c.get(2).strip();
                if (units < 0 || mai.isEmpty() || mai.charAt(0) < '1' || mai.charAt(0) > '3'
                        || mai.length() > 1 && Character.isDigit(mai.charAt(1))) {
                    errors.add(at + "adjudication indicator '" + mai + "' is not 1, 2 or 3");
                    continue;
                }
                if (byCode.put(code, new MueTable.Limit(code, units, mai.charAt(0) - '0', true, "CMS practitioner MUE " + source)) != null) {
                    errors.add(at + code + " listed twice");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new LoadRefusedException(errors);
        }
        return new ArrayList<>(byCode.values());
    }

    /** One CSV line's fields (double quotes, doubled inside). */
    static List<String> csvFields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        out.add(field.toString());
        return out;
    }

    static byte[] bytes(Derived d) {
        return d.csv().getBytes(StandardCharsets.UTF_8);
    }
}
