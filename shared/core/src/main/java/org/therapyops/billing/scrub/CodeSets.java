package org.therapyops.billing.scrub;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * The reference data the rules check codes against: ICD-10-CM, NCCI PTP edits and MUEs, each as releases side by side
 * picked by date of service; therapy code facts and the valid places of service.
 */
public record CodeSets(DatedReleases<IcdCodeSet> icd10cm, DatedReleases<NcciEdits> ptpEdits, DatedReleases<MueTable> mue,
                       TherapyCodes therapyCodes, Set<String> placesOfService) {

    public static final String PLACES_OF_SERVICE = "billing/scrub/place-of-service.csv";

    private static volatile CodeSets shipped;

    public CodeSets {
        placesOfService = Set.copyOf(placesOfService);
    }

    /** Everything shipped under billing/scrub/ (releases read on first use), once per class loader. */
    public static CodeSets shipped() {
        CodeSets s = shipped;
        if (s == null) {
            synchronized (CodeSets.class) {
                s = shipped;
                if (s == null) {
                    Set<String> pos = Resources.lines(PLACES_OF_SERVICE).stream()
                            .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("code,"))
                            .map(l -> l.split(",", 2)[0].strip()).collect(java.util.stream.Collectors.toSet());
                    s = new CodeSets(IcdCodeSet.shippedReleases(), NcciEdits.shippedReleases(), MueTable.shippedReleases(),
                            TherapyCodes.shipped(), pos);
                    shipped = s;
                }
            }
        }
        return s;
    }

    /** The ICD-10-CM release a date of service's diagnoses are checked against: the one in force, else the nearest. */
    public IcdCodeSet icd10cmFor(LocalDate dateOfService) {
        return icd10cm.forDate(dateOfService).data();
    }

    /** The ICD-10-CM release in force on the date of service, if one is loaded. */
    public Optional<IcdCodeSet> icd10cmInForceOn(LocalDate dateOfService) {
        return icd10cm.inForceOn(dateOfService).map(DatedReleases.Release::data);
    }

    /** The NCCI PTP table of the date of service (its quarter's, else the nearest loaded). */
    public NcciEdits ptpEditsFor(LocalDate dateOfService) {
        return ptpEdits.forDate(dateOfService).data();
    }

    /** The MUE table of the date of service (its quarter's, else the nearest loaded). */
    public MueTable mueFor(LocalDate dateOfService) {
        return mue.forDate(dateOfService).data();
    }

    /** These code sets with one ICD-10-CM release in force on every date. */
    public CodeSets withIcd10cm(IcdCodeSet release) {
        return new CodeSets(DatedReleases.always(release.version(), release), ptpEdits, mue, therapyCodes, placesOfService);
    }

    /** These code sets with these ICD-10-CM releases. */
    public CodeSets withIcd10cm(DatedReleases<IcdCodeSet> releases) {
        return new CodeSets(releases, ptpEdits, mue, therapyCodes, placesOfService);
    }

    /** These code sets with one PTP table in force on every date. */
    public CodeSets withPtpEdits(NcciEdits edits) {
        return new CodeSets(icd10cm, DatedReleases.always("given", edits), mue, therapyCodes, placesOfService);
    }

    /** These code sets with one MUE table in force on every date. */
    public CodeSets withMue(MueTable table) {
        return new CodeSets(icd10cm, ptpEdits, DatedReleases.always("given", table), therapyCodes, placesOfService);
    }
}
