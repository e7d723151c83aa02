package org.therapyops.billing.x12;

import java.util.Objects;

/**
 * Loop 1000A: who sends the interchange, as the receiver knows it. {@code practiceId} scopes the control
 * numbers; {@code id} is the submitter id the clearinghouse assigned (ETIN), also used as ISA06 and GS02.
 * A contact needs a phone or an email.
 */
public record Submitter(String practiceId, String name, String id, String contactName, String phone, String email) {

    public Submitter {
        Objects.requireNonNull(practiceId, "practiceId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(contactName, "contactName");
        if (blank(phone) && blank(email)) {
            throw new IllegalArgumentException("the submitter contact needs a phone or an email");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
