package org.therapyops.billing.charges;

import org.therapyops.billing.Charge;

/**
 * A charge with its deterministic id ({@code <noteId>-<line>}, the note's first service line behind it), so
 * that a redelivered signing event writes the same charges again rather than new ones.
 */
public record CapturedCharge(String id, int line, Charge charge) {

    static String idFor(String noteId, int line) {
        return noteId + "-" + String.format("%02d", line);
    }
}
