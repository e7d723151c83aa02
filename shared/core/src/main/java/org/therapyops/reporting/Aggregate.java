package org.therapyops.reporting;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One aggregate of a practice: a day's counters by one dimension (totals, payer, provider, CARC), the open A/R of
 * the claims of one date of service, the practice's open A/R in total, or its open work items counted by kind and day.
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
         * The practice's open work items (no day): counters {@code workCount|KIND@since} and {@code workAmount|KIND@since},
         * so that the due items of each kind are counted and summed without reading them.
         */
        WORK_TOTAL("W#TOTAL");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** The start of the sort key of this kind's aggregates. */
        public String prefix() {
            return prefix;
        }

        /** Whether its aggregates are one per day (else there is one, with no day). */
        public boolean dated() {
            return this != AR_TOTAL && this != WORK_TOTAL;
        }
    }

    public Aggregate {
        Objects.requireNonNull(kind, "kind");
        if (kind.dated() == (day == null)) {
            throw new IllegalArgumentException(kind + (day == null ? " needs a day" : " has no day"));
        }
    }

    public static Aggregate total() {
        return new Aggregate(Kind.AR_TOTAL, null);
    }

    /** The open work items counted by kind and day. */
    public static Aggregate work() {
        return new Aggregate(Kind.WORK_TOTAL, null);
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
        if (key.equals(Kind.WORK_TOTAL.prefix())) {
            return work();
        }
        for (Kind k : new Kind[] {Kind.AR_DAY, Kind.DAY_TOTAL, Kind.DAY_PAYER, Kind.DAY_PROVIDER, Kind.DAY_CARC}) {
            if (key.startsWith(k.prefix())) {
                return new Aggregate(k, LocalDate.parse(key.substring(k.prefix().length())));
            }
        }
        throw new IllegalArgumentException("not an aggregate key: " + key);
    }
}
