package org.therapyops.domain;

/**
 * A payer's telehealth claim rules: the place of service for a patient at home and elsewhere, and the
 * modifier it requires (95 audio-video, 93 audio-only), or none.
 */
public record Telehealth(String placeOfServiceHome, String placeOfServiceOther, String modifier) {

    /** CMS's codes: 10 at home, 02 elsewhere, no modifier required. */
    public static Telehealth defaults() {
        return new Telehealth("10", "02", null);
    }
}
