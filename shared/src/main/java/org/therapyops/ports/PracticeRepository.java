package org.therapyops.ports;

import org.therapyops.domain.Authorization;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.Patient;
import org.therapyops.domain.Payer;
import org.therapyops.domain.PracticeSettings;
import org.therapyops.domain.Provider;

import java.util.List;
import java.util.Optional;

/** A practice's reference data. Every method is scoped to one practice (tenant). */
public interface PracticeRepository {

    void create(String practiceId, Patient patient);

    void create(String practiceId, Payer payer);

    void create(String practiceId, Provider provider);

    void create(String practiceId, Coverage coverage);

    void create(String practiceId, Authorization authorization);

    Optional<Patient> patient(String practiceId, String patientId);

    Optional<Payer> payer(String practiceId, String payerId);

    Optional<Provider> provider(String practiceId, String providerId);

    Optional<Coverage> coverage(String practiceId, String patientId, String coverageId);

    Optional<Authorization> authorization(String practiceId, String patientId, String authorizationId);

    /** The practice's settings; {@link PracticeSettings#defaults()} when it never saved any. */
    PracticeSettings settings(String practiceId);

    /**
     * Saves settings over the version read ({@code expectedVersion}, 0 for the defaults).
     *
     * @throws org.therapyops.ports.StaleVersionException when another change was saved in between
     */
    void saveSettings(String practiceId, PracticeSettings settings, long expectedVersion);

    /** The patient's coverages and authorizations, read consistently, as the authorization check needs them. */
    PatientBenefits benefits(String practiceId, String patientId);

    /** A patient's coverages and authorizations. */
    record PatientBenefits(List<Coverage> coverages, List<Authorization> authorizations) {
    }
}
