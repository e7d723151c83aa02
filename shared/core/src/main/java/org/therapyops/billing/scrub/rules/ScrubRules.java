package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Scrubber;

import java.util.List;

/** Every rule the scrubber has, in the order findings are reported: providers, patient, diagnoses, lines, payer. */
public final class ScrubRules {

    private ScrubRules() {
    }

    /** A scrubber with every rule of {@link #all()}. */
    public static Scrubber scrubber() {
        return new Scrubber(all());
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
