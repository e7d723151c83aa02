package org.therapyops.billing.scrub;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One release of ICD-10-CM: which codes exist and which are billable (leaves, not category headers), in force
 * over a date window. Reads either the scrubber's derived TSV ({@code CODE<TAB>Y|N<TAB>description}, with a
 * {@code # version=… effectiveFrom=… effectiveTo=…} header) or CDC's {@code icd10cm-order} file (order number,
 * code, 0/1 billable flag, descriptions, fixed width), so a newer release can replace the shipped one as is.
 */
public final class IcdCodeSet {

    /** ICD-10-CM replaced ICD-9-CM for dates of service on and after this day. */
    public static final LocalDate ICD10_START = LocalDate.of(2015, 10, 1);

    /** Where the releases the scrubber ships lie, with their index: see billing/scrub/icd10cm/PROVENANCE.md. */
    public static final String FOLDER = "billing/scrub/icd10cm";

    private static final Pattern ORDER_LINE = Pattern.compile("^\\d{5} (\\S{3,7})\\s+([01]) .*");
    private static final Pattern HEADER = Pattern.compile("(\\w+)=(\\S+)");

    /** What the code set says about a code. */
    public enum Status { BILLABLE, HEADER, UNKNOWN }

    private final String version;
    private final LocalDate effectiveFrom;
    private final LocalDate effectiveTo;
    private final Map<String, Boolean> billable;

    public IcdCodeSet(String version, LocalDate effectiveFrom, LocalDate effectiveTo, Map<String, Boolean> billable) {
        this.version = version;
        this.effectiveFrom = effectiveFrom;
        this.effectiveTo = effectiveTo;
        this.billable = Map.copyOf(billable);
    }

    /** The shipped releases side by side ({@code billing/scrub/icd10cm/releases.tsv}), each read on first use. */
    public static DatedReleases<IcdCodeSet> shippedReleases() {
        return DatedReleases.shipped(FOLDER, IcdCodeSet::read);
    }

    /** Reads a release the index lists, refusing a file whose header names another version or window. */
    public static IcdCodeSet read(BufferedReader reader, DatedReleases.IndexEntry entry) throws IOException {
        IcdCodeSet codes = read(reader, entry.version(), entry.effectiveFrom(), entry.effectiveTo());
        if (!codes.version.equals(entry.version()) || !codes.effectiveFrom.equals(entry.effectiveFrom())
                || !java.util.Objects.equals(codes.effectiveTo, entry.effectiveTo())) {
            throw new IOException(entry.file() + " holds " + codes.version + " in force " + codes.effectiveFrom + " to "
                    + codes.effectiveTo + ", but the index lists " + entry.version() + " " + entry.effectiveFrom() + " to "
                    + entry.effectiveTo());
        }
        return codes;
    }

    /**
     * Reads a code set in either format; version and window come from the file's header when it has one,
     * else from the arguments (for CDC's order file, which carries none).
     */
    public static IcdCodeSet read(BufferedReader reader, String version, LocalDate effectiveFrom, LocalDate effectiveTo)
            throws IOException {
        Map<String, Boolean> codes = new HashMap<>(120_000);
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("#")) {
                Matcher m = HEADER.matcher(line);
                while (m.find()) {
                    switch (m.group(1)) {
                        case "version" -> version = m.group(2);
                        case "effectiveFrom" -> effectiveFrom = LocalDate.parse(m.group(2));
                        case "effectiveTo" -> effectiveTo = LocalDate.parse(m.group(2));
                        default -> { }
                    }
                }
                continue;
            }
            Matcher order = ORDER_LINE.matcher(line);
            if (order.matches()) {
                codes.put(order.group(1), "1".equals(order.group(2)));
                continue;
            }
            String[] cols = line.split("\t", 3);
            if (cols.length >= 2) {
                codes.put(normalize(cols[0]), "Y".equals(cols[1].strip()));
            }
        }
        if (version == null || effectiveFrom == null) {
            throw new IOException("ICD-10-CM code set without a version and effectiveFrom");
        }
        return new IcdCodeSet(version, effectiveFrom, effectiveTo, codes);
    }

    /** The code without its dot, upper case: how claims (HI segment) and the code set write it. */
    public static String normalize(String code) {
        return code == null ? "" : code.strip().replace(".", "").toUpperCase(Locale.ROOT);
    }

    public Status status(String code) {
        Boolean b = billable.get(normalize(code));
        return b == null ? Status.UNKNOWN : b ? Status.BILLABLE : Status.HEADER;
    }

    /** Whether this release is the one in force on the date (an open end means until replaced). */
    public boolean inForceOn(LocalDate date) {
        return !date.isBefore(effectiveFrom) && (effectiveTo == null || !date.isAfter(effectiveTo));
    }

    public String version() {
        return version;
    }

    public LocalDate effectiveFrom() {
        return effectiveFrom;
    }

    public LocalDate effectiveTo() {
        return effectiveTo;
    }

    /** The billable codes, without dots. */
    public java.util.Set<String> billableCodes() {
        return billable.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public int size() {
        return billable.size();
    }
}
