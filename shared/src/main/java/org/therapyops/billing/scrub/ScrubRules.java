package org.therapyops.billing.scrub;

import org.therapyops.billing.scrub.rules.AddressRule;
import org.therapyops.billing.scrub.rules.AmountPositiveRule;
import org.therapyops.billing.scrub.rules.AssistantModifierRule;
import org.therapyops.billing.scrub.rules.AssistantRenderingRule;
import org.therapyops.billing.scrub.rules.AuthorizationNumberRule;
import org.therapyops.billing.scrub.rules.AuthorizationUnitsRule;
import org.therapyops.billing.scrub.rules.AuthorizationWindowRule;
import org.therapyops.billing.scrub.rules.ClaimFrequencyRule;
import org.therapyops.billing.scrub.rules.CoverageActiveRule;
import org.therapyops.billing.scrub.rules.DiagnosisCountRule;
import org.therapyops.billing.scrub.rules.DiagnosisPointerRule;
import org.therapyops.billing.scrub.rules.DisciplineModifierRule;
import org.therapyops.billing.scrub.rules.DuplicateRule;
import org.therapyops.billing.scrub.rules.FeeScheduleRule;
import org.therapyops.billing.scrub.rules.Icd10BillableRule;
import org.therapyops.billing.scrub.rules.Icd10CodeSetInForceRule;
import org.therapyops.billing.scrub.rules.Icd10DateRule;
import org.therapyops.billing.scrub.rules.Icd10ValidRule;
import org.therapyops.billing.scrub.rules.KxModifierRule;
import org.therapyops.billing.scrub.rules.KxThresholdRule;
import org.therapyops.billing.scrub.rules.MbiFormatRule;
import org.therapyops.billing.scrub.rules.MemberIdRule;
import org.therapyops.billing.scrub.rules.MueRule;
import org.therapyops.billing.scrub.rules.NcciPtpRule;
import org.therapyops.billing.scrub.rules.NpiRule;
import org.therapyops.billing.scrub.rules.PatientBirthDateRule;
import org.therapyops.billing.scrub.rules.PatientNameRule;
import org.therapyops.billing.scrub.rules.PatientSexRule;
import org.therapyops.billing.scrub.rules.PlaceOfServiceRule;
import org.therapyops.billing.scrub.rules.ProcedureCodeFormatRule;
import org.therapyops.billing.scrub.rules.TaxIdRule;
import org.therapyops.billing.scrub.rules.TaxonomyRule;
import org.therapyops.billing.scrub.rules.TelehealthRule;
import org.therapyops.billing.scrub.rules.TimelyFilingRule;
import org.therapyops.billing.scrub.rules.UnitsMinutesRule;

import java.util.List;

/** Every rule the scrubber has, in the order findings are reported: providers, patient, diagnoses, lines, payer. */
public final class ScrubRules {

    private ScrubRules() {
    }

    public static List<ScrubRule> all() {
        return List.of(
                NpiRule.billing(), NpiRule.rendering(), NpiRule.referring(), new TaxIdRule(), new TaxonomyRule(),
                AddressRule.billing(), AddressRule.subscriber(),
                new MemberIdRule(), new MbiFormatRule(), new PatientNameRule(), new PatientBirthDateRule(), new PatientSexRule(),
                new DiagnosisCountRule(), new Icd10DateRule(), new Icd10ValidRule(), new Icd10BillableRule(),
                new Icd10CodeSetInForceRule(), new DiagnosisPointerRule(),
                new ProcedureCodeFormatRule(), new FeeScheduleRule(), new AmountPositiveRule(), new DisciplineModifierRule(),
                new KxModifierRule(), new KxThresholdRule(), new AssistantModifierRule(), new AssistantRenderingRule(), new NcciPtpRule(), new MueRule(),
                new UnitsMinutesRule(),
                new AuthorizationNumberRule(), new AuthorizationWindowRule(), new AuthorizationUnitsRule(),
                new TimelyFilingRule(), new DuplicateRule(), new PlaceOfServiceRule(), new TelehealthRule(),
                new CoverageActiveRule(), new ClaimFrequencyRule());
    }
}
