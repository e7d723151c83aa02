package org.therapyops.billing.charges;

import org.therapyops.domain.Discipline;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The procedure codes charge capture can bill, read from data ({@code billing/charges/code-catalog.csv}); the
 * claim scrubber's therapy code facts derive from it too.
 */
public final class CodeCatalog {

    /** The catalog shipped on the classpath. */
    public static final String RESOURCE = "/billing/charges/code-catalog.csv";

    private final Map<String, CatalogCode> codes;
    private final List<CatalogCode> psychotherapyByMinutes;

    private CodeCatalog(Map<String, CatalogCode> codes) {
        this.codes = Collections.unmodifiableMap(new LinkedHashMap<>(codes));
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

    /** A catalog in the CSV format: code,kind,always_therapy,discipline,min_minutes,description. */
    public static CodeCatalog parse(Reader csv) {
        List<CatalogCode> codes = new ArrayList<>();
        Map<String, Integer> lineOf = new HashMap<>();
        for (Csv.Row row : Csv.read(csv, List.of("code", "kind", "always_therapy", "discipline", "min_minutes",
                "description"))) {
            CatalogCode code;
            try {
                String discipline = row.get("discipline");
                String min = row.get("min_minutes");
                code = new CatalogCode(row.get("code"), parseEnum(CodeKind.class, "kind", row.get("kind")),
                        parseBoolean(row.get("always_therapy")),
                        discipline.isEmpty() ? null : parseEnum(Discipline.class, "discipline", discipline),
                        min.isEmpty() ? 0 : Integer.parseInt(min), row.get("description"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("code catalog line " + row.line() + ": " + e.getMessage(), e);
            }
            Integer first = lineOf.putIfAbsent(code.code(), row.line());
            if (first != null) {
                throw new IllegalArgumentException("code catalog line " + row.line() + ": code " + code.code()
                        + " listed twice (first on line " + first + ")");
            }
            codes.add(code);
        }
        return of(codes);
    }

    public Optional<CatalogCode> find(String code) {
        return Optional.ofNullable(codes.get(code));
    }

    /** Every code, in the order of the data. */
    public List<CatalogCode> codes() {
        return List.copyOf(codes.values());
    }

    /** Psychotherapy codes, fewest minutes first. */
    public List<CatalogCode> psychotherapyByMinutes() {
        return psychotherapyByMinutes;
    }

    public int size() {
        return codes.size();
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String what, String text) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(text)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + text + "', expected one of "
                + Arrays.toString(type.getEnumConstants()));
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
