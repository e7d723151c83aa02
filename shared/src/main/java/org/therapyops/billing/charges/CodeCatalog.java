package org.therapyops.billing.charges;

import java.io.Reader;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The procedure codes charge capture can bill, read from data ({@code billing/charges/code-catalog.csv}). */
public final class CodeCatalog {

    /** The catalog shipped on the classpath. */
    public static final String RESOURCE = "/billing/charges/code-catalog.csv";

    private final Map<String, CatalogCode> codes;
    private final List<CatalogCode> psychotherapyByMinutes;

    private CodeCatalog(Map<String, CatalogCode> codes) {
        this.codes = Map.copyOf(codes);
        this.psychotherapyByMinutes = codes.values().stream()
                .filter(c -> c.kind() == CodeKind.PSYCHOTHERAPY)
                .sorted(Comparator.comparingInt(CatalogCode::minimumMinutes))
                .toList();
    }

    public static CodeCatalog of(List<CatalogCode> codes) {
        Map<String, CatalogCode> byCode = new LinkedHashMap<>();
        for (CatalogCode c : codes) {
            if (byCode.put(c.code(), c) != null) {
                throw new IllegalArgumentException("code " + c.code() + " listed twice");
            }
        }
        return new CodeCatalog(byCode);
    }

    /** The shipped catalog. */
    public static CodeCatalog load() {
        return parse(Csv.resource(RESOURCE));
    }

    /** A catalog in the CSV format: code,kind,always_therapy,min_minutes,description. */
    public static CodeCatalog parse(Reader csv) {
        return of(Csv.read(csv, List.of("code", "kind", "always_therapy", "min_minutes", "description")).stream()
                .map(row -> {
                    try {
                        String min = row.get("min_minutes");
                        return new CatalogCode(row.get("code"), CodeKind.valueOf(row.get("kind")),
                                parseBoolean(row.get("always_therapy")), min.isEmpty() ? 0 : Integer.parseInt(min),
                                row.get("description"));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("code catalog line " + row.line() + ": " + e.getMessage(), e);
                    }
                })
                .toList());
    }

    public Optional<CatalogCode> find(String code) {
        return Optional.ofNullable(codes.get(code));
    }

    /** Psychotherapy codes, fewest minutes first. */
    public List<CatalogCode> psychotherapyByMinutes() {
        return psychotherapyByMinutes;
    }

    public int size() {
        return codes.size();
    }

    static boolean parseBoolean(String text) {
        if (text.equals("true")) {
            return true;
        }
        if (text.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException("expected true or false, found '" + text + "'");
    }
}
