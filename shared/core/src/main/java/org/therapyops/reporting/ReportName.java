package org.therapyops.reporting;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.therapyops.reporting.Dimension.CARC;
import static org.therapyops.reporting.Dimension.DISCIPLINE;
import static org.therapyops.reporting.Dimension.KIND;
import static org.therapyops.reporting.Dimension.NONE;
import static org.therapyops.reporting.Dimension.PAYER;
import static org.therapyops.reporting.Dimension.PROVIDER;

/**
 * The reports ({@code GET /reports/<slug>}), each with the groupings it accepts (the first is its default) and what it
 * reads: day aggregates of the range, the open A/R, the work totals, the worklists.
 */
public enum ReportName {
    SUMMARY("summary", List.of(NONE), true, false),
    CLAIMS("claims", List.of(NONE, PAYER, PROVIDER), false, false),
    DENIALS("denials", List.of(CARC, PAYER, NONE), false, false),
    AR("ar", List.of(NONE, PAYER), true, false),
    COLLECTIONS("collections", List.of(NONE, PAYER), false, false),
    LAGS("lags", List.of(NONE, PAYER, PROVIDER), false, false),
    LEAKAGE("leakage", List.of(KIND), false, true),
    LEAKAGE_ITEMS("leakage-items", List.of(KIND), false, true),
    ATTENDANCE("attendance", List.of(NONE, PROVIDER), false, false),
    PRODUCTIVITY("productivity", List.of(PROVIDER, DISCIPLINE, NONE), false, false);

    private final String slug;
    private final List<Dimension> groupings;
    private final boolean readsAr;
    private final boolean readsWork;

    ReportName(String slug, List<Dimension> groupings, boolean readsAr, boolean readsWork) {
        this.slug = slug;
        this.groupings = groupings;
        this.readsAr = readsAr;
        this.readsWork = readsWork;
    }

    public String slug() {
        return slug;
    }

    public List<Dimension> groupings() {
        return groupings;
    }

    public Dimension defaultGrouping() {
        return groupings.get(0);
    }

    /** Whether the report is of today's balances and work only (A/R, leakage), whatever range it is asked for. */
    public boolean asOfToday() {
        return this == AR || this == LEAKAGE || this == LEAKAGE_ITEMS;
    }

    public boolean readsAr() {
        return readsAr;
    }

    public boolean readsWork() {
        return readsWork;
    }

    /** The kinds of aggregates it reads for a grouping, besides the A/R (none for the worklist reports). */
    public Set<Aggregate.Kind> dayKinds(Dimension groupBy) {
        if (this == LEAKAGE || this == LEAKAGE_ITEMS) {
            return Set.of();
        }
        Set<Aggregate.Kind> kinds = EnumSet.of(Aggregate.Kind.DAY_TOTAL);
        if (this == SUMMARY) {
            kinds.add(Aggregate.Kind.WORK); // the leakage counts, without reading the work items
        }
        switch (groupBy) {
            case PAYER -> kinds.add(Aggregate.Kind.DAY_PAYER);
            case PROVIDER, DISCIPLINE -> kinds.add(Aggregate.Kind.DAY_PROVIDER);
            case CARC -> kinds.add(Aggregate.Kind.DAY_CARC);
            default -> { }
        }
        return kinds;
    }

    public static Optional<ReportName> of(String slug) {
        return Arrays.stream(values()).filter(r -> r.slug.equals(slug)).findFirst();
    }

    public static List<String> slugs() {
        return Arrays.stream(values()).map(ReportName::slug).toList();
    }
}
