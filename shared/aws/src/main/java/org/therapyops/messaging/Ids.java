package org.therapyops.messaging;

/** The check every queue message makes of its ids. */
final class Ids {

    private Ids() {
    }

    static void require(String id, String name) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("message names no " + name);
        }
    }
}
