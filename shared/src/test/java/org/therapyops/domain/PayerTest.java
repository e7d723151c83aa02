package org.therapyops.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PayerTest {

    @Test
    void whichCodesNeedAuthorizationIsData() {
        assertThat(payer(AuthorizationRequirement.ALL, Set.of()).requiresAuthorization("97110")).isTrue();
        assertThat(payer(AuthorizationRequirement.NONE, Set.of()).requiresAuthorization("97110")).isFalse();
        Payer listed = payer(AuthorizationRequirement.LISTED, Set.of("97530"));
        assertThat(listed.requiresAuthorization("97530")).isTrue();
        assertThat(listed.requiresAuthorization("97110")).isFalse();
    }

    @Test
    void aPayerWithoutRulesGetsTheDefaults() {
        Payer payer = new Payer("p", "Acme", "ACME1", Instant.EPOCH, 1);
        assertThat(payer.payerType()).isEqualTo(PayerType.OTHER);
        assertThat(payer.authorizationRequired()).isEqualTo(AuthorizationRequirement.ALL);
        assertThat(payer.telehealth()).isEqualTo(new Telehealth("10", "02", null));
    }

    private static Payer payer(AuthorizationRequirement requirement, Set<String> codes) {
        return new Payer("p", "Acme", "ACME1", PayerType.COMMERCIAL, requirement, codes, UnitRounding.PER_CODE, 90,
                Telehealth.defaults(), Instant.EPOCH, 1);
    }
}
