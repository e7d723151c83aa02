package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.domain.AuthorizationRequirement;
import org.therapyops.domain.Payer;
import org.therapyops.domain.PayerRuleSettings;
import org.therapyops.domain.PayerRuleVersion;
import org.therapyops.domain.PayerType;
import org.therapyops.domain.UnitRounding;
import org.therapyops.payer.PayerRules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A payer as the API shows it: identity; its own settings in force on {@code rules.asOf} as it set them (null: not set,
 * the profile decides), so that the body can be sent back in a PUT; every version of its own settings; and
 * {@code rules}, the rules in force that day as booking, charge capture and the scrubber apply them, with the source of
 * each.
 */
@Serdeable
public record PayerView(String id, String name, String payerId, PayerType payerType,
                        @OrNull AuthorizationRequirement authorizationRequired, List<String> authorizationCodes,
                        @OrNull UnitRounding unitRounding, @OrNull Integer timelyFilingDays, TelehealthView telehealth,
                        @OrNull Integer rulesVersion, @OrNull LocalDate rulesEffectiveFrom,
                        List<RuleVersionView> ruleVersions, @OrNull PayerRulesView rules,
                        Instant createdAt, long version) {

    /** A payer's telehealth settings as it set them (each null when not set). */
    @Serdeable
    public record TelehealthView(@OrNull String placeOfServiceHome, @OrNull String placeOfServiceOther,
                                 @OrNull Boolean modifierRequired) {
    }

    /** One version of the payer's own settings: number, first date of service (null: from the start), who recorded it when. */
    @Serdeable
    public record RuleVersionView(int number, @OrNull LocalDate effectiveFrom, Instant recordedAt, @OrNull String recordedBy,
                                  @OrNull AuthorizationRequirement authorizationRequired, List<String> authorizationCodes,
                                  @OrNull UnitRounding unitRounding, @OrNull Integer timelyFilingDays,
                                  TelehealthView telehealth) {

        static RuleVersionView of(PayerRuleVersion v) {
            PayerRuleSettings s = v.settings();
            return new RuleVersionView(v.number(), v.effectiveFrom(), v.recordedAt(), v.recordedBy(),
                    s.authorization() == null ? null : s.authorization().required(), codes(s), s.unitRounding(),
                    s.timelyFilingDays(), PayerView.telehealth(s));
        }
    }

    /**
     * @param asOf     the date of service the view is of (today in the practice's time zone unless asked otherwise)
     * @param rules    the rules in force that day; null when no profile of the payer's type is in force then
     */
    public static PayerView of(Payer p, LocalDate asOf, @OrNull PayerRules rules) {
        PayerRuleVersion inForce = p.rulesInForce(asOf).orElse(null);
        PayerRuleSettings s = inForce == null ? PayerRuleSettings.NONE : inForce.settings();
        return new PayerView(p.id(), p.name(), p.payerId(), p.payerType(),
                s.authorization() == null ? null : s.authorization().required(), codes(s), s.unitRounding(),
                s.timelyFilingDays(), telehealth(s), inForce == null ? null : inForce.number(),
                inForce == null ? null : inForce.effectiveFrom(),
                p.ruleVersions().stream().map(RuleVersionView::of).toList(),
                rules == null ? null : PayerRulesView.of(rules), p.createdAt(), p.version());
    }

    private static List<String> codes(PayerRuleSettings s) {
        return s.authorization() == null ? List.of() : List.copyOf(s.authorization().sortedCodes());
    }

    private static TelehealthView telehealth(PayerRuleSettings s) {
        return new TelehealthView(s.telehealthPlaceOfServiceHome(), s.telehealthPlaceOfServiceOther(), s.telehealthModifierRequired());
    }
}
