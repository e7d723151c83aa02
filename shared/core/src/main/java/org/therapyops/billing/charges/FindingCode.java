package org.therapyops.billing.charges;

/** Why charge capture did not bill something, or billed it with a caveat: a stable id and a severity. */
public enum FindingCode {
    /** The note has no service lines. */
    NOTE_WITHOUT_LINES("charge.note-without-lines", Severity.ERROR),
    /** The note has no diagnosis for the lines to point to. */
    NOTE_WITHOUT_DIAGNOSIS("charge.note-without-diagnosis", Severity.ERROR),
    /** A line's minutes are below zero. */
    MINUTES_NEGATIVE("charge.minutes-negative", Severity.ERROR),
    /** A line's or the note's minutes exceed what one session can hold. */
    MINUTES_ABSURD("charge.minutes-absurd", Severity.ERROR),
    /** The year-to-date therapy amounts given are for another year than the date of service. */
    YEAR_TO_DATE_MISMATCH("charge.year-to-date-mismatch", Severity.ERROR),
    /** The code is not in the code catalog. */
    UNKNOWN_CODE("charge.unknown-code", Severity.ERROR),
    /** CMS 8-minute rule: the day's timed minutes total under 8, so no timed unit is billed. */
    TIMED_TOTAL_UNDER_8("charge.timed-total-under-8", Severity.ERROR),
    /** Per-code rounding (or an ABA code): this code's minutes are under 8, so it bills no unit. */
    TIMED_UNDER_8("charge.timed-under-8", Severity.ERROR),
    /** CMS 8-minute rule: the day's units went to codes with more minutes; this code's minutes still counted. */
    TIMED_NO_UNIT_LEFT("charge.timed-no-unit-left", Severity.INFO),
    /** The psychotherapy session is shorter than the shortest code's minimum (16 minutes). */
    PSYCHOTHERAPY_TOO_SHORT("charge.psychotherapy-too-short", Severity.ERROR),
    /** The documented psychotherapy code was replaced by the one the session's minutes call for. */
    PSYCHOTHERAPY_CODE_BY_TIME("charge.psychotherapy-code-by-time", Severity.INFO),
    /** The practice's fee schedule has no fee for the code: charged at 0.00, which the scrubber does not let through. */
    NO_FEE("charge.no-fee", Severity.WARNING),
    /** An "always therapy" code on a note whose discipline has no therapy modifier (GP/GO/GN). */
    NO_DISCIPLINE_MODIFIER("charge.no-discipline-modifier", Severity.WARNING),
    /** A line's rendering provider is an assistant (PTA, COTA) with no supervisor on file: billed under the assistant. */
    ASSISTANT_WITHOUT_SUPERVISOR("charge.assistant-without-supervisor", Severity.WARNING),
    /** No profile of the payer's type is in force on the date of service, so the payer's rules are unknown. */
    NO_PAYER_RULES("charge.no-payer-rules", Severity.ERROR),
    /** No KX threshold is known for the year of service, so KX was not decided. */
    KX_THRESHOLD_UNKNOWN("charge.kx-threshold-unknown", Severity.WARNING),
    /** The year's KX threshold comes from secondary sources only. */
    KX_THRESHOLD_UNCONFIRMED("charge.kx-threshold-unconfirmed", Severity.INFO);

    /** ERROR: not billed (or, on the note, nothing billed); WARNING: billed, check it; INFO: billed as told. */
    public enum Severity { ERROR, WARNING, INFO }

    private final String id;
    private final Severity severity;

    FindingCode(String id, Severity severity) {
        this.id = id;
        this.severity = severity;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }
}
