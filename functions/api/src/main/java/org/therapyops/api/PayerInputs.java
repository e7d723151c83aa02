package org.therapyops.api;

import org.therapyops.api.model.PayerInput;
import org.therapyops.api.model.TelehealthInput;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.domain.InvalidPayerRulesException;
import org.therapyops.domain.PayerRuleSettings;
import org.therapyops.domain.PriorAuthorization;
import org.therapyops.payer.service.PayerService;

import java.util.LinkedHashSet;
import java.util.List;

/** Translates a payer's body into the core's change: what is absent stays unset (the profile decides it). */
final class PayerInputs {

    private PayerInputs() {
    }

    /** @throws ApiProblemException (422) naming the field of a setting the core refuses; nothing has been written */
    static PayerService.PayerChange change(PayerInput input) {
        List<String> codes = input.authorizationCodes() == null ? List.of() : input.authorizationCodes();
        ServiceCodes.requireKnown("authorizationCodes", codes);
        try {
            if (input.authorizationRequired() == null && !codes.isEmpty()) {
                throw new InvalidPayerRulesException("authorizationCodes", "must be empty unless authorizationRequired is LISTED");
            }
            PriorAuthorization authorization = input.authorizationRequired() == null ? null
                    : new PriorAuthorization(input.authorizationRequired(), new LinkedHashSet<>(codes));
            TelehealthInput t = input.telehealth();
            PayerRuleSettings settings = new PayerRuleSettings(authorization, input.unitRounding(), input.timelyFilingDays(),
                    t == null ? null : t.placeOfServiceHome(), t == null ? null : t.placeOfServiceOther(), modifierRequired(t));
            return new PayerService.PayerChange(input.name(), input.payerId(), input.payerType(), settings,
                    input.rulesEffectiveFrom());
        } catch (InvalidPayerRulesException e) {
            throw ApiProblemException.invalid(e.field(), e.problem());
        }
    }

    /** {@code modifierRequired}, or the older {@code modifier} (95 or 93: one is required); absent when neither is given. */
    private static Boolean modifierRequired(TelehealthInput t) {
        if (t == null) {
            return null;
        }
        if (t.modifier() != null && Boolean.FALSE.equals(t.modifierRequired())) {
            throw new InvalidPayerRulesException("telehealth.modifier", "names a modifier while modifierRequired is false");
        }
        return t.modifierRequired() != null ? t.modifierRequired() : t.modifier() != null ? Boolean.TRUE : null;
    }
}
