package org.therapyops.ports;

import org.therapyops.domain.alert.AuthorizationImage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Authorizations of every practice by end date, for the daily expiry scan (the one cross-practice read; ids only leave it). */
public interface ExpiringAuthorizations {

    List<Ending> endingOn(LocalDate endDate);

    /** Those ending from {@code first} to {@code last}, both included, in end-date order; one day at a time unless an adapter knows better. */
    default List<Ending> endingBetween(LocalDate first, LocalDate last) {
        List<Ending> result = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            result.addAll(endingOn(d));
        }
        return result;
    }

    /** An authorization and the practice it belongs to. */
    record Ending(String practiceId, AuthorizationImage authorization) {
    }
}
