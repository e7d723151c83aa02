package org.therapyops.billing.charges;

import org.therapyops.domain.Payer;
import org.therapyops.domain.PayerType;
import org.therapyops.domain.Telehealth;
import org.therapyops.domain.UnitRounding;

import java.util.Objects;

/**
 * What charge capture needs of a payer: its unit rounding, telehealth coding, whether it wants CQ/CO for
 * assistants and KX above the yearly threshold (Medicare's modifiers), and the KX thresholds it uses.
 */
public record PayerRules(String payerId, PayerType payerType, UnitRounding unitRounding, Telehealth telehealth,
                         boolean assistantModifiers, boolean kxModifier, KxThresholds kxThresholds) {

    public PayerRules {
        Objects.requireNonNull(unitRounding, "unitRounding");
        telehealth = telehealth == null ? Telehealth.defaults() : telehealth;
        if (kxModifier && kxThresholds == null) {
            throw new IllegalArgumentException("a payer that wants KX needs the thresholds");
        }
    }

    /** A payer's rules: CQ/CO and KX for Medicare payers only. */
    public static PayerRules of(Payer payer, KxThresholds kxThresholds) {
        boolean medicare = payer.payerType() == PayerType.MEDICARE;
        return new PayerRules(payer.id(), payer.payerType(), payer.unitRounding(), payer.telehealth(), medicare,
                medicare, kxThresholds);
    }
}
