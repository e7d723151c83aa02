package org.therapyops.domain;

/** How a payer turns timed minutes into 15-minute units (DOMAIN.md, From note to charge). */
public enum UnitRounding {
    /** CMS 8-minute rule: the day's timed minutes are added, then rounded. */
    CMS_8_MINUTE,
    /** Each code rounded on its own: 8 minutes or more is a unit, one more per further 15. */
    PER_CODE
}
