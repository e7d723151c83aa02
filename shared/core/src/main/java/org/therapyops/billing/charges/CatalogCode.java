package org.therapyops.billing.charges;

import org.therapyops.domain.Discipline;

import java.util.Set;

/**
 * One procedure code as charge capture knows it: its kind, whether it is an "always therapy" code (takes
 * GP/GO/GN) and, when it belongs to one discipline, which (null: any), and for psychotherapy the fewest minutes
 * that bill it.
 */
public record CatalogCode(String code, CodeKind kind, boolean alwaysTherapy, Discipline discipline, int minimumMinutes,
                          String description) {

    /** The disciplines with a therapy modifier (GP, GO, GN). */
    private static final Set<Discipline> THERAPY_DISCIPLINES = Set.of(Discipline.PT, Discipline.OT, Discipline.SLP);

    public CatalogCode {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("a catalog code needs a code");
        }
        if (kind == CodeKind.PSYCHOTHERAPY && minimumMinutes <= 0) {
            throw new IllegalArgumentException(code + ": a psychotherapy code needs its minimum minutes");
        }
        if (discipline != null && !alwaysTherapy) {
            throw new IllegalArgumentException(code + ": only an always-therapy code has a discipline");
        }
        if (discipline != null && !THERAPY_DISCIPLINES.contains(discipline)) {
            throw new IllegalArgumentException(code + ": discipline " + discipline + " has no GP/GO/GN modifier");
        }
    }
}
