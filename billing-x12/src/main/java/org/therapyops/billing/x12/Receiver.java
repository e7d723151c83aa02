package org.therapyops.billing.x12;

import java.util.Objects;

/**
 * Loop 1000B: the clearinghouse or payer that receives the interchange; {@code id} is its ETIN, also used as
 * ISA08 and GS03. {@code production} sets ISA15 to P, otherwise T (test).
 */
public record Receiver(String name, String id, boolean production) {

    public Receiver {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
    }
}
