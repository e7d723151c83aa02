package org.therapyops.ports;

import org.therapyops.domain.alert.AuthorizationImage;

import java.time.LocalDate;
import java.util.List;

/** Authorizations of every practice by end date, for the daily expiry scan (the one cross-practice read; ids only leave it). */
public interface ExpiringAuthorizations {

    List<Ending> endingOn(LocalDate endDate);

    /** An authorization and the practice it belongs to. */
    record Ending(String practiceId, AuthorizationImage authorization) {
    }
}
