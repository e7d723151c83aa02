package org.therapyops.domain;

import java.util.regex.Pattern;

/**
 * A payer's own rules, each optional: a setting left null is not set, and the payer type's profile decides it.
 * Which services need prior authorization; how timed minutes round to units; how many days after the date of
 * service claims are taken; the telehealth places of service (patient at home, elsewhere) and whether a telehealth
 * modifier (95 audio-video, 93 audio-only) is required.
 */
public record PayerRuleSettings(PriorAuthorization authorization, UnitRounding unitRounding, Integer timelyFilingDays,
                                String telehealthPlaceOfServiceHome, String telehealthPlaceOfServiceOther,
                                Boolean telehealthModifierRequired) {

    /** The longest filing limit accepted (two years). */
    public static final int MAX_TIMELY_FILING_DAYS = 730;
    /** Nothing set: the profile decides every rule. */
    public static final PayerRuleSettings NONE = new PayerRuleSettings(null, null, null, null, null, null);

    private static final Pattern PLACE_OF_SERVICE = Pattern.compile("[0-9]{2}");

    public PayerRuleSettings {
        if (timelyFilingDays != null && (timelyFilingDays < 1 || timelyFilingDays > MAX_TIMELY_FILING_DAYS)) {
            throw new InvalidPayerRulesException("timelyFilingDays", "must be 1 to " + MAX_TIMELY_FILING_DAYS);
        }
        requirePlace("telehealth.placeOfServiceHome", telehealthPlaceOfServiceHome);
        requirePlace("telehealth.placeOfServiceOther", telehealthPlaceOfServiceOther);
    }

    private static void requirePlace(String field, String value) {
        if (value != null && !PLACE_OF_SERVICE.matcher(value).matches()) {
            throw new InvalidPayerRulesException(field, "must be a 2-digit place of service code");
        }
    }

    /** Whether the payer set nothing of its own. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    public PayerRuleSettings withAuthorization(PriorAuthorization value) {
        return new PayerRuleSettings(value, unitRounding, timelyFilingDays, telehealthPlaceOfServiceHome,
                telehealthPlaceOfServiceOther, telehealthModifierRequired);
    }

    public PayerRuleSettings withUnitRounding(UnitRounding value) {
        return new PayerRuleSettings(authorization, value, timelyFilingDays, telehealthPlaceOfServiceHome,
                telehealthPlaceOfServiceOther, telehealthModifierRequired);
    }

    public PayerRuleSettings withTimelyFilingDays(Integer value) {
        return new PayerRuleSettings(authorization, unitRounding, value, telehealthPlaceOfServiceHome,
                telehealthPlaceOfServiceOther, telehealthModifierRequired);
    }

    public PayerRuleSettings withTelehealthPlaceOfServiceHome(String value) {
        return new PayerRuleSettings(authorization, unitRounding, timelyFilingDays, value, telehealthPlaceOfServiceOther,
                telehealthModifierRequired);
    }

    public PayerRuleSettings withTelehealthPlaceOfServiceOther(String value) {
        return new PayerRuleSettings(authorization, unitRounding, timelyFilingDays, telehealthPlaceOfServiceHome, value,
                telehealthModifierRequired);
    }

    public PayerRuleSettings withTelehealthModifierRequired(Boolean value) {
        return new PayerRuleSettings(authorization, unitRounding, timelyFilingDays, telehealthPlaceOfServiceHome,
                telehealthPlaceOfServiceOther, value);
    }
}
