package org.therapyops.billing;

import java.time.Instant;

/** Text added to a signed note by a clinician: the only way a signed note changes; it does not change charges. */
public record Addendum(String text, String author, Instant at) {
}
