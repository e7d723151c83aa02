package org.therapyops.billing.scrub;

import java.util.Set;

/**
 * The reference data the rules check codes against: ICD-10-CM, NCCI PTP edits, MUEs, therapy code facts and
 * the valid places of service.
 */
public record CodeSets(IcdCodeSet icd10cm, NcciEdits ptpEdits, MueTable mue, TherapyCodes therapyCodes,
                       Set<String> placesOfService) {

    public static final String PLACES_OF_SERVICE = "billing/scrub/place-of-service.csv";

    public CodeSets {
        placesOfService = Set.copyOf(placesOfService);
    }

    /** Everything shipped under billing/scrub/. */
    public static CodeSets shipped() {
        Set<String> pos = Resources.lines(PLACES_OF_SERVICE).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("code,"))
                .map(l -> l.split(",", 2)[0].strip()).collect(java.util.stream.Collectors.toSet());
        return new CodeSets(IcdCodeSet.shipped(), NcciEdits.shipped(), MueTable.shipped(), TherapyCodes.shipped(), pos);
    }
}
