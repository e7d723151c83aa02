package org.therapyops.billing.charges;

/** How a procedure code turns minutes into units. */
public enum CodeKind {
    /** 15-minute units by the payer's rounding (CMS 8-minute rule over the day, or per code). */
    TIMED,
    /** One unit per session whatever the minutes (evaluations, 92507, group 97150). */
    UNTIMED,
    /** Adaptive behavior codes: 15-minute units counted per code, whatever the payer's rounding. */
    ABA,
    /** One psychotherapy code per session, chosen by the session's minutes; never added together. */
    PSYCHOTHERAPY
}
