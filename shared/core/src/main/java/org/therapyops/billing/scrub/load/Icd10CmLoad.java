package org.therapyops.billing.scrub.load;

import org.therapyops.billing.scrub.DatedReleases;
import org.therapyops.billing.scrub.IcdCodeSet;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Derives the scrubber's ICD-10-CM release file from the files CDC/NCHS publishes for a fiscal year, in the format
 * {@code derive_icd10cm.py} writes ({@code CODE<TAB>Y|N<TAB>description}, gzip'd, with a
 * {@code # version=… effectiveFrom=… effectiveTo=…} header), after checking them:
 * <ul>
 *   <li>the order file ({@code icd10cm-order-YYYY.txt}, fixed width: order number, code, 0/1 billable flag, short and
 *       long description) gives every code, header or billable, and its long description; its lines must parse, its
 *       order numbers rise, its codes be well formed and unique, each code's category be listed, a billable code have
 *       no subdivision and a header have one;</li>
 *   <li>the codes file ({@code icd10cm-codes-YYYY.txt}: billable codes and descriptions) is checked against it: the
 *       same billable codes, or the load is refused. Given alone, it yields the billable codes, and the headers are
 *       derived from their prefixes (a prefix ending in the placeholder X is left out, so those are unknown rather
 *       than headers);</li>
 *   <li>at least {@code minBillable} billable codes (a truncated download is refused).</li>
 * </ul>
 * The October release of fiscal year Y is in force from (Y-1)-10-01 to Y-09-30; an April update from Y-04-01 to Y-09-30.
 */
final class Icd10CmLoad {

    private static final Pattern CODE = Pattern.compile("[A-Z][0-9][0-9A-Z]{1,5}");
    private static final Pattern CODES_LINE = Pattern.compile("([A-Z][0-9][0-9A-Z]{1,5})\\s+(\\S.*)");
    private static final Pattern YEAR = Pattern.compile("(20\\d\\d)");
    static final String FOLDER = "icd10cm";

    record Row(String code, boolean billable, String description) {
    }

    /** What the load makes: the release's index entry, its rows and how it was checked. */
    record Derived(DatedReleases.IndexEntry entry, List<Row> rows, List<InputFile> sources, List<String> checks,
                   boolean headersFromOrderFile) {

        long billable() {
            return rows.stream().filter(Row::billable).count();
        }
    }

    record Options(Integer fiscalYear, boolean aprilUpdate, int minBillable) {
    }

    private Icd10CmLoad() {
    }

    static Derived derive(List<InputFile> files, Options options) throws LoadRefusedException {
        InputFile order = null;
        InputFile codes = null;
        List<String> ignored = new ArrayList<>();
        for (InputFile f : files) {
            String lower = f.name().toLowerCase(Locale.ROOT);
            if (lower.contains("addend")) {
                ignored.add(f.name());
            } else if (lower.contains("order")) {
                order = only(order, f, "order");
            } else if (lower.contains("code")) {
                codes = only(codes, f, "codes");
            } else {
                ignored.add(f.name());
            }
        }
        if (order == null && codes == null) {
            throw new LoadRefusedException("no CDC ICD-10-CM order file (icd10cm-order-YYYY.txt) or codes file "
                    + "(icd10cm-codes-YYYY.txt) among " + files.stream().map(InputFile::name).toList());
        }
        boolean april = options.aprilUpdate();
        Integer year = options.fiscalYear();
        for (InputFile f : new InputFile[] {order, codes}) {
            if (f == null) {
                continue;
            }
            april |= f.name().toLowerCase(Locale.ROOT).contains("april");
            Matcher m = YEAR.matcher(f.name());
            if (m.find()) {
                int named = Integer.parseInt(m.group(1));
                if (year != null && year != named) {
                    throw new LoadRefusedException(f.name() + " names " + named + ", not fiscal year " + year
                            + (options.fiscalYear() == null ? " (of the other file)" : " (--fiscal-year)"));
                }
                year = named;
            }
        }
        if (year == null) {
            throw new LoadRefusedException("no fiscal year in the file names: give --fiscal-year");
        }
        LocalDate from = april ? LocalDate.of(year, 4, 1) : LocalDate.of(year - 1, 10, 1);
        LocalDate to = LocalDate.of(year, 9, 30);
        String version = "FY" + year + (april ? "-04" : "");
        String file = String.format("icd10cm-%d-%02d.tsv.gz", from.getYear(), from.getMonthValue());

        List<String> checks = new ArrayList<>();
        List<Row> rows;
        Map<String, String> billableFromCodes = codes == null ? null : readCodesFile(codes);
        if (order != null) {
            rows = readOrderFile(order);
            checks.add("order file: " + rows.size() + " lines parsed; order numbers rising; codes well formed and unique; "
                    + "every code's category listed; billable codes have no subdivision, headers have one");
            if (billableFromCodes != null) {
                crossCheck(rows, billableFromCodes, codes, order, checks);
            }
        } else {
            rows = derivedFromCodes(billableFromCodes);
            checks.add("codes file only: " + billableFromCodes.size() + " billable codes; headers derived from their prefixes "
                    + "(prefixes ending in the placeholder X left out), without descriptions");
        }
        long billable = rows.stream().filter(Row::billable).count();
        if (billable < options.minBillable()) {
            throw new LoadRefusedException(billable + " billable codes, fewer than the " + options.minBillable()
                    + " expected of a release (a truncated download?); --min-billable lowers the bar");
        }
        if (!ignored.isEmpty()) {
            checks.add("not used: " + String.join(", ", ignored));
        }
        List<InputFile> sources = new ArrayList<>();
        if (order != null) {
            sources.add(order);
        }
        if (codes != null) {
            sources.add(codes);
        }
        String source = "CDC/NCHS ICD-10-CM " + version + " from " + sources.stream().map(InputFile::name).toList()
                .toString().replaceAll("[\\[\\]]", "") + " (PROVENANCE.md)";
        return new Derived(new DatedReleases.IndexEntry(file, version, from, to, source), rows, sources, checks, order != null);
    }

    private static InputFile only(InputFile seen, InputFile f, String kind) throws LoadRefusedException {
        if (seen != null) {
            throw new LoadRefusedException("two " + kind + " files: " + seen.name() + " and " + f.name());
        }
        return f;
    }

    /** CDC's order file, checked line by line and as a hierarchy. */
    static List<Row> readOrderFile(InputFile order) throws LoadRefusedException {
        List<String> errors = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        Map<String, Boolean> billable = new HashMap<>();
        List<String> lines = order.lines();
        int lastOrder = 0;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).stripTrailing();
            if (line.isEmpty()) {
                continue;
            }
            String at = order.name() + " line " + (n + 1) + ": ";
            if (line.length() < 78 || !line.substring(0, 5).chars().allMatch(Character::isDigit) || line.charAt(5) != ' '
                    || line.charAt(13) != ' ' || line.charAt(15) != ' ' || line.charAt(76) != ' ') {
                errors.add(at + "not an order file line (order number, code, 0/1 flag, short and long description in fixed columns)");
                continue;
            }
            int number = Integer.parseInt(line.substring(0, 5));
            String code = line.substring(6, 13).strip();
            char flag = line.charAt(14);
            String description = line.substring(77).strip();
            if (number <= lastOrder) {
                errors.add(at + "order number " + number + " does not follow " + lastOrder);
            }
            lastOrder = number;
            if (!CODE.matcher(code).matches()) {
                errors.add(at + "'" + code + "' is not an ICD-10-CM code");
                continue;
            }
            if (flag != '0' && flag != '1') {
                errors.add(at + "billable flag '" + flag + "' is neither 0 nor 1");
                continue;
            }
            if (description.isEmpty()) {
                errors.add(at + code + " has no description");
            }
            if (billable.put(code, flag == '1') != null) {
                errors.add(at + code + " listed twice");
                continue;
            }
            rows.add(new Row(code, flag == '1', description));
        }
        checkHierarchy(order.name(), billable, errors);
        if (!errors.isEmpty()) {
            throw new LoadRefusedException(errors);
        }
        return rows;
    }

    private static void checkHierarchy(String file, Map<String, Boolean> billable, List<String> errors) {
        Set<String> hasChild = new HashSet<>();
        for (String code : billable.keySet()) {
            if (!billable.containsKey(code.substring(0, 3))) {
                errors.add(file + ": " + code + "'s category " + code.substring(0, 3) + " is not listed");
            }
            for (int n = 3; n < code.length(); n++) {
                String prefix = code.substring(0, n);
                Boolean b = billable.get(prefix);
                if (b != null) {
                    hasChild.add(prefix);
                    if (b) {
                        errors.add(file + ": " + prefix + " is flagged billable but has the subdivision " + code);
                    }
                }
            }
        }
        billable.forEach((code, b) -> {
            if (!b && !hasChild.contains(code)) {
                errors.add(file + ": " + code + " is flagged a header but has no subdivision");
            }
        });
    }

    /** CDC's codes file: billable codes and their descriptions. */
    static Map<String, String> readCodesFile(InputFile codes) throws LoadRefusedException {
        List<String> errors = new ArrayList<>();
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines = codes.lines();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = CODES_LINE.matcher(line);
            if (!m.matches()) {
                errors.add(codes.name() + " line " + (n + 1) + ": not a code and its description");
            } else if (out.put(m.group(1), m.group(2).strip()) != null) {
                errors.add(codes.name() + " line " + (n + 1) + ": " + m.group(1) + " listed twice");
            }
        }
        if (!errors.isEmpty()) {
            throw new LoadRefusedException(errors);
        }
        return out;
    }

    private static void crossCheck(List<Row> rows, Map<String, String> codes, InputFile codesFile, InputFile order,
                                   List<String> checks) throws LoadRefusedException {
        Set<String> fromOrder = new TreeSet<>();
        Map<String, String> descriptions = new HashMap<>();
        for (Row r : rows) {
            if (r.billable()) {
                fromOrder.add(r.code());
                descriptions.put(r.code(), r.description());
            }
        }
        Set<String> onlyOrder = new TreeSet<>(fromOrder);
        onlyOrder.removeAll(codes.keySet());
        Set<String> onlyCodes = new TreeSet<>(codes.keySet());
        onlyCodes.removeAll(fromOrder);
        if (!onlyOrder.isEmpty() || !onlyCodes.isEmpty()) {
            List<String> reasons = new ArrayList<>();
            onlyOrder.stream().limit(10).forEach(c -> reasons.add(c + " is billable in " + order.name() + " but not in " + codesFile.name()));
            onlyCodes.stream().limit(10).forEach(c -> reasons.add(c + " is in " + codesFile.name() + " but not billable in " + order.name()));
            reasons.add(0, "the files disagree on the billable codes (" + onlyOrder.size() + " only in the order file, "
                    + onlyCodes.size() + " only in the codes file): are they of the same release?");
            throw new LoadRefusedException(reasons);
        }
        long differ = codes.entrySet().stream().filter(e -> !e.getValue().equals(descriptions.get(e.getKey()))).count();
        checks.add("codes file: the same " + codes.size() + " billable codes as the order file; " + differ
                + " descriptions differ (the order file's long descriptions are kept)");
    }

    /** Billable codes of the codes file, with the headers their prefixes make (placeholder-X prefixes left out). */
    static List<Row> derivedFromCodes(Map<String, String> billable) {
        Set<String> headers = new TreeSet<>();
        for (String code : billable.keySet()) {
            for (int n = 3; n < code.length(); n++) {
                String prefix = code.substring(0, n);
                if (n >= 4 && prefix.endsWith("X")) {
                    continue;
                }
                headers.add(prefix);
            }
        }
        List<Row> rows = new ArrayList<>();
        Set<String> all = new TreeSet<>(billable.keySet());
        all.addAll(headers);
        for (String code : all) {
            rows.add(billable.containsKey(code) ? new Row(code, true, billable.get(code)) : new Row(code, false, ""));
        }
        return rows;
    }

    /** The release file: gzip'd UTF-8, the same bytes for the same input (gzip header without time or name). */
    static byte[] write(Derived d) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 1 << 16)) {
            StringBuilder b = new StringBuilder();
            b.append("# ICD-10-CM ").append(d.entry().version()).append(", CDC/NCHS; public domain\n");
            b.append("# derived with bin/load-code-set from ").append(String.join(", ", d.sources().stream().map(InputFile::name).toList()))
                    .append(d.headersFromOrderFile() ? "" : " (headers derived from the billable codes' prefixes)")
                    .append("; see PROVENANCE.md\n");
            b.append("# version=").append(d.entry().version()).append("\teffectiveFrom=").append(d.entry().effectiveFrom())
                    .append("\teffectiveTo=").append(d.entry().effectiveTo()).append('\n');
            for (Row r : d.rows()) {
                b.append(r.code()).append('\t').append(r.billable() ? 'Y' : 'N').append('\t')
                        .append(r.description().replace('\t', ' ')).append('\n');
            }
            gz.write(b.toString().getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** What changed against the release before it (read from the folder), for the provenance record. */
    static List<String> changesAgainst(ReleaseFolder folder, Derived d) throws IOException {
        Optional<DatedReleases.IndexEntry> before = folder.before(d.entry().effectiveFrom());
        if (before.isEmpty()) {
            return List.of("no earlier release in the folder to compare with");
        }
        IcdCodeSet previous;
        Path file = folder.path().resolve(before.get().file());
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                new ByteArrayInputStream(Files.readAllBytes(file))), StandardCharsets.UTF_8))) {
            previous = IcdCodeSet.read(r, before.get());
        }
        List<String> added = new ArrayList<>();
        List<String> headerNow = new ArrayList<>();
        List<String> billableNow = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (Row r : d.rows()) {
            present.add(r.code());
            IcdCodeSet.Status was = previous.status(r.code());
            if (r.billable() && was == IcdCodeSet.Status.UNKNOWN) {
                added.add(r.code());
            } else if (!r.billable() && was == IcdCodeSet.Status.BILLABLE) {
                headerNow.add(r.code());
            } else if (r.billable() && was == IcdCodeSet.Status.HEADER) {
                billableNow.add(r.code());
            }
        }
        List<String> deleted = previous.billableCodes().stream().filter(c -> !present.contains(c)).sorted().toList();
        List<String> out = new ArrayList<>();
        out.add("against " + before.get().version() + ": " + added.size() + " billable codes added, " + deleted.size()
                + " billable codes deleted" + list(deleted) + ", " + headerNow.size() + " billable codes turned into headers"
                + list(headerNow) + ", " + billableNow.size() + " headers turned billable" + list(billableNow));
        return out;
    }

    private static String list(List<String> codes) {
        return codes.isEmpty() || codes.size() > 60 ? "" : " (" + String.join(", ", codes) + ")";
    }
}
