package org.therapyops.domain;

/** Where an appointment stands; changed only by conditional writes on the current state. */
public enum AppointmentStatus {
    /** Booked by staff, waiting for the authorization check. */
    REQUESTED,
    /** Coverage and authorization are valid; units are reserved against the authorization. */
    SCHEDULED,
    /** The authorization check refused it; the reasons say why. */
    NEEDS_AUTH
}
