package org.therapyops.domain;

/** Where an appointment stands; changed only by conditional writes on the current state. */
public enum AppointmentStatus {
    /** Booked (or rescheduled) by staff, waiting for the authorization check. */
    REQUESTED,
    /** On the schedule: units reserved against an authorization, or accepted with warnings or an override. */
    SCHEDULED,
    /** The authorization check refused it; the reasons say why. */
    NEEDS_AUTH,
    /** The patient arrived. */
    CHECKED_IN,
    /** The session took place; its reserved units became rendered. */
    COMPLETED,
    /** Called off; its units and its slot were released. */
    CANCELLED,
    /** The patient did not come; its units and its slot were released. */
    NO_SHOW;

    /** Whether the appointment still occupies its provider's and patient's time. */
    public boolean holdsSlot() {
        return this != CANCELLED && this != NO_SHOW;
    }
}
