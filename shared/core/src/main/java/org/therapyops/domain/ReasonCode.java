package org.therapyops.domain;

/** Machine-readable reasons an appointment cannot be scheduled against an authorization. */
public enum ReasonCode {
    /** No coverage of the patient is in force on the date of service. */
    NO_COVERAGE_ON_DATE,
    /** No authorization on an active coverage covers the service code. */
    NO_AUTHORIZATION_FOR_CODE,
    /** Authorizations cover the code, but none is valid on the date of service. */
    DATE_OUTSIDE_WINDOW,
    /** An authorization covers code and date, but has fewer units left than the session needs. */
    INSUFFICIENT_UNITS
}
