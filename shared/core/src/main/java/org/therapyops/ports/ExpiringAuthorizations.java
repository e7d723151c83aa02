package org.therapyops.ports;

import org.therapyops.domain.alert.AuthorizationImage;

import java.time.LocalDate;
import java.util.List;

/** Authorizations of every practice by end date, for the daily expiry scan (the one cross-practice read; ids only leave it). */
public interface ExpiringAuthorizations {

    /** Those ending from {@code first} to {@code last}, both included, in end-date order (none when first is after last). */
    List<Ending> endingBetween(LocalDate first, LocalDate last);

    /** An authorization and the practice it belongs to. */
    record Ending(String practiceId, AuthorizationImage authorization) {
    }
}
