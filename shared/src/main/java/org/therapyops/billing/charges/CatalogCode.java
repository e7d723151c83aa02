package org.therapyops.billing.charges;

/**
 * One procedure code as charge capture knows it: its kind, whether it is an "always therapy" code (takes
 * GP/GO/GN), and for psychotherapy the fewest minutes that bill it.
 */
public record CatalogCode(String code, CodeKind kind, boolean alwaysTherapy, int minimumMinutes, String description) {

    public CatalogCode {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("a catalog code needs a code");
        }
        if (kind == CodeKind.PSYCHOTHERAPY && minimumMinutes <= 0) {
            throw new IllegalArgumentException(code + ": a psychotherapy code needs its minimum minutes");
        }
    }
}
