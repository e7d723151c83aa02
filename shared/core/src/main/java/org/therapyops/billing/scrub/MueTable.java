package org.therapyops.billing.scrub;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Medically unlikely edits: the most units of a code per line (adjudication indicator 1) or per day
 * (2 absolute, 3 appealable). Values from DOMAIN.md; the unconfirmed ones are marked in the data.
 */
public final class MueTable {

    /** Where the shipped tables lie, with their index (the values of DOMAIN.md, and any loaded quarters). */
    public static final String FOLDER = "billing/scrub/mue";

    /** One code's limit, with whether its value was confirmed against a primary source. */
    public record Limit(String code, int units, int indicator, boolean confirmed, String source) {
    }

    private final Map<String, Limit> limits = new HashMap<>();

    public MueTable(Iterable<Limit> limits) {
        limits.forEach(l -> this.limits.put(l.code(), l));
    }

    /** The shipped tables side by side ({@code billing/scrub/mue/releases.tsv} and {@code loaded/releases.tsv}). */
    public static DatedReleases<MueTable> shippedReleases() {
        return DatedReleases.shipped(FOLDER, (reader, entry) -> read(reader));
    }

    /** CSV: {@code code,units,indicator,confirmed,source}; '#' comments. */
    public static MueTable read(BufferedReader reader) throws IOException {
        java.util.List<Limit> out = new java.util.ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("code,")) {
                continue;
            }
            String[] c = line.split(",", 5);
            out.add(new Limit(c[0].strip(), Integer.parseInt(c[1].strip()), Integer.parseInt(c[2].strip()),
                    Boolean.parseBoolean(c[3].strip()), c.length > 4 ? c[4].strip() : ""));
        }
        return new MueTable(out);
    }

    /** Every limit, in no particular order. */
    public java.util.Collection<Limit> limits() {
        return java.util.List.copyOf(limits.values());
    }

    public Optional<Limit> limit(String code) {
        return Optional.ofNullable(limits.get(code));
    }
}
