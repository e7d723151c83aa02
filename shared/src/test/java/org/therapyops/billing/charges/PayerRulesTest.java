package org.therapyops.billing.charges;

import org.junit.jupiter.api.Test;
import org.therapyops.domain.AuthorizationRequirement;
import org.therapyops.domain.Payer;
import org.therapyops.domain.PayerType;
import org.therapyops.domain.Telehealth;
import org.therapyops.domain.UnitRounding;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayerRulesTest {

    @Test
    void medicareWantsAssistantModifiersAndKx() {
        PayerRules rules = PayerRules.of(payer(PayerType.MEDICARE, UnitRounding.CMS_8_MINUTE), Notes.KX);

        assertThat(rules.assistantModifiers()).isTrue();
        assertThat(rules.kxModifier()).isTrue();
        assertThat(rules.unitRounding()).isEqualTo(UnitRounding.CMS_8_MINUTE);
        assertThat(rules.telehealth()).isEqualTo(new Telehealth("10", "02", "95"));
    }

    @Test
    void otherPayersWantNeither() {
        PayerRules rules = PayerRules.of(payer(PayerType.COMMERCIAL, UnitRounding.PER_CODE), Notes.KX);

        assertThat(rules.assistantModifiers()).isFalse();
        assertThat(rules.kxModifier()).isFalse();
        assertThat(rules.unitRounding()).isEqualTo(UnitRounding.PER_CODE);
    }

    @Test
    void kxNeedsThresholds() {
        assertThatThrownBy(() -> PayerRules.of(payer(PayerType.MEDICARE, UnitRounding.CMS_8_MINUTE), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Payer payer(PayerType type, UnitRounding rounding) {
        return new Payer("p", "Payer", "P1", type, AuthorizationRequirement.NONE, Set.of(), rounding, 365,
                new Telehealth("10", "02", "95"), Instant.EPOCH, 1);
    }
}
