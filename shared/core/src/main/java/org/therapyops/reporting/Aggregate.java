package org.therapyops.reporting;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One aggregate of a practice: a day's counters by one dimension (totals, payer, provider, CARC), the open A/R of
 * the claims of one date of service, the practice's open A/R in total, or its open work items counted by kind and day
 * (one aggregate a month).
 */
public record Aggregate(Kind kind, LocalDate day) {

    /** What an aggregate counts by; each counter of a by-dimension aggregate names its dimension's value. */
    public enum Kind {
        /** A day's totals: counter {@code metric} or {@code metric.bucket}. */
        DAY_TOTAL("T#"),
        /** A day by payer: counter {@code metric|payerId}. */
        DAY_PAYER("P#"),
        /** A day by provider: counter {@code metric|providerId}. */
        DAY_PROVIDER("V#"),
        /** A day's initial denials by CARC: counter {@code metric|carc}. */
        DAY_CARC("C#"),
        /**
         * The open A/R of one date of service by payer, counters {@code ins|payerId} and {@code pat|payerId}, and of all
         * payers together, {@code ins} and {@code pat}.
         */
        AR_DAY("AR#D#"),
        /** The practice's open A/R as AR_DAY counts it, whatever the date of service (no day). */
        AR_TOTAL("AR#TOTAL"),
        /**
         * The practice's open work items that became open in one month (its day is the month's first): counters
         * {@code workCount|KIND@since} and {@code workAmount|KIND@since}, so that the due items of each kind are counted
         * and summed without reading them. One item a month, so that a write, billed by the item's size, stays
         * bounded by a month's days however long the practice has worked (a single item for all of them grew with
         * every day some item stayed open).
         */
        WORK("W#");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** The start of the sort key of this kind's aggregates. */
        public String prefix() {
            return prefix;
        }

        /** Whether its aggregates carry a day (else there is one, with no day). */
        public boolean dated() {
            return this != AR_TOTAL;
        }

        /** Whether its aggregates are read whole, whatever a report's range: the open work, due by its own days. */
        public boolean readWhole() {
            return this == WORK;
        }

        /** Whether its counters fall back to zero and stay (the open A/R in total, the open work), for compaction. */
        public boolean compacted() {
            return this == AR_TOTAL || this == WORK;
        }
    }

    public Aggregate {
        Objects.requireNonNull(kind, "kind");
        if (kind.dated() == (day == null)) {
            throw new IllegalArgumentException(kind + (day == null ? " needs a day" : " has no day"));
        }
        if (kind == Kind.WORK && day.getDayOfMonth() != 1) {
            throw new IllegalArgumentException("WORK is kept by month: " + day + " is not a month's first day");
        }
    }

    public static Aggregate total() {
        return new Aggregate(Kind.AR_TOTAL, null);
    }

    /** The open work items counted by kind and day, of the month of {@code since}. */
    public static Aggregate work(LocalDate since) {
        return new Aggregate(Kind.WORK, since.withDayOfMonth(1));
    }

    /** Its sort key: the kind's prefix and the day (ISO), e.g. {@code T#2026-12-01}. */
    public String key() {
        return day == null ? kind.prefix() : kind.prefix() + day;
    }

    /** The aggregate a sort key names. */
    public static Aggregate ofKey(String key) {
        if (key.equals(Kind.AR_TOTAL.prefix())) {
            return total();
        }
        for (Kind k : new Kind[] {Kind.AR_DAY, Kind.DAY_TOTAL, Kind.DAY_PAYER, Kind.DAY_PROVIDER, Kind.DAY_CARC, Kind.WORK}) {
            if (key.startsWith(k.prefix())) {
                return new Aggregate(k, LocalDate.parse(key.substring(k.prefix().length())));
            }
        }
        throw new IllegalArgumentException("not an aggregate key: " + key);
    }
}
