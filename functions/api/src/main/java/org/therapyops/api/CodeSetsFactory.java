package org.therapyops.api;

import org.therapyops.billing.claims.Diagnoses;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.therapyops.billing.scrub.DatedReleases;
import org.therapyops.billing.scrub.IcdCodeSet;

/**
 * The ICD-10-CM releases notes and claim corrections are checked against: those indexed in the class-path folder
 * {@code code-sets.icd10cm.folder} (default the shipped {@code billing/scrub/icd10cm}), each read on first use.
 */
@Factory
public class CodeSetsFactory {

    @Singleton
    Diagnoses diagnoses(@Value("${code-sets.icd10cm.folder:" + IcdCodeSet.FOLDER + "}") String folder) {
        return new Diagnoses(DatedReleases.shipped(folder, IcdCodeSet::read));
    }
}
