package org.therapyops.api;

import java.util.UUID;

/** Server-generated identifiers: random, so they reveal nothing and cannot be guessed across practices. */
final class Ids {

    private Ids() {
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }
}
