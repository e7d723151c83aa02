package org.therapyops.reporting;

/**
 * The counters the aggregates keep, by name. A by-dimension counter is {@code metric|value} (a payer, provider or
 * CARC); a histogram's counter is {@code metric.bucket} (days of lag, hours of notice). Unknown dimension values
 * (a claim without a payer or provider) count under {@value #UNKNOWN}.
 */
public final class Metric {

    public static final String UNKNOWN = "unknown";

    // claims, on the day of their first scrub / first decision / first adjudication
    public static final String SCRUBBED = "scrubbed";
    public static final String CLEAN = "clean";
    public static final String DECIDED = "decided";
    public static final String ACCEPTED_FIRST = "acceptedFirst";
    public static final String ADJUDICATED = "adjudicated";
    public static final String ADJUDICATED_CHARGE = "adjudicatedCharge";
    public static final String RESOLVED_FIRST = "resolvedFirst";
    public static final String DENIED = "denied";
    public static final String DENIED_AMOUNT = "deniedAmount";
    /** By CARC: claims with an initial denial for the reason (each claim once per reason). */
    public static final String DENIED_CLAIMS = "deniedClaims";

    // services, on their date of service (original claims)
    public static final String CHARGES = "charges";
    public static final String UNITS = "units";

    // lags, histograms of days, on the day the lag ends
    public static final String LAG_CHARGE = "lagCharge";
    public static final String LAG_SUBMIT = "lagSubmit";
    public static final String LAG_PAY = "lagPay";

    // remittances, on the payment date
    public static final String PAYMENTS = "payments";
    public static final String CREDITS = "credits";
    public static final String CONTRACTUAL = "contractual";

    // sessions, on their date of service
    public static final String COMPLETED = "completed";
    public static final String NO_SHOW = "noShow";
    /** Histogram of cancellations by hours of notice (0 … {@code MAX_LATE_CANCEL_HOURS}, the last "that or more"). */
    public static final String CANCELLED = "cancelled";

    // open A/R, by payer ({@code ins|payerId}) and of all payers together ({@code ins})
    public static final String AR_INSURANCE = "ins";
    public static final String AR_PATIENT = "pat";

    // open work items, by kind and since (value KIND@since)
    public static final String WORK_COUNT = "workCount";
    public static final String WORK_AMOUNT = "workAmount";

    private Metric() {
    }

    public static String by(String metric, String value) {
        return metric + "|" + (value == null || value.isBlank() ? UNKNOWN : value);
    }

    public static String bucket(String metric, long bucket) {
        return metric + "." + bucket;
    }

    /** A counter's parts: metric, histogram bucket (or null), dimension value (or null). */
    public record Parsed(String metric, Long bucket, String value) {
    }

    /** The value of a work counter: the kind and the day the items are due since. */
    public static String workValue(WorkItem.Kind kind, java.time.LocalDate since) {
        return kind.name() + "@" + since;
    }

    public static Parsed parse(String counter) {
        int bar = counter.indexOf('|');
        String head = bar < 0 ? counter : counter.substring(0, bar);
        String value = bar < 0 ? null : counter.substring(bar + 1);
        int dot = head.indexOf('.');
        return dot < 0 ? new Parsed(head, null, value)
                : new Parsed(head.substring(0, dot), Long.parseLong(head.substring(dot + 1)), value);
    }
}
