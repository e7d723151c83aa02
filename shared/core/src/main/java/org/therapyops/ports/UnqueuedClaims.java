package org.therapyops.ports;

import java.util.function.BiConsumer;

/**
 * SCRUB_PENDING claims of every practice that were never marked handed to the scrub queue (a correction saved whose
 * queueing then failed, a capture interrupted between its write and its send), for the scrub sweep.
 */
@FunctionalInterface
public interface UnqueuedClaims {

    /** Calls {@code each} with the practice and the id of every such claim. */
    void forEach(BiConsumer<String, String> each);
}
