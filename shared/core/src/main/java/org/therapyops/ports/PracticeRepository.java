package org.therapyops.ports;

import org.therapyops.billing.charges.FeeSchedule;
import org.therapyops.billing.charges.KxThresholds;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.BillingProfile;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.Discipline;
import org.therapyops.domain.Patient;
import org.therapyops.domain.Payer;
import org.therapyops.domain.PayerType;
import org.therapyops.domain.PracticeSettings;
import org.therapyops.domain.Provider;

import java.time.LocalDate;
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

    /*
     * Updates replace the editable fields of the record stored at the given record's version (the version
     * the caller read), in one write conditional on that version, and return the record at the next version.
     * They throw StaleVersionException when the stored version differs or the record is gone.
     */

    /** @throws StaleVersionException when the patient changed since {@code patient.version()} */
    Patient update(String practiceId, Patient patient);

    /** @throws StaleVersionException when the payer changed since {@code payer.version()} */
    Payer update(String practiceId, Payer payer);

    /** @throws StaleVersionException when the provider changed since {@code provider.version()} */
    Provider update(String practiceId, Provider provider);

    /** @throws StaleVersionException when the coverage changed since {@code coverage.version()} */
    Coverage update(String practiceId, Coverage coverage);

    /**
     * Writes number, service codes, authorized quantity, window and discipline, and remaining computed from
     * the counters carried by {@code authorization} (those read at its version); counters themselves are
     * not written. Reservations bump the version too, so counters cannot have moved under this write.
     *
     * @throws StaleVersionException when the authorization changed since {@code authorization.version()}
     */
    Authorization update(String practiceId, Authorization authorization);

    /*
     * Listings: at most limit items (1–100) in key order, and an opaque cursor for the next page (null at
     * the end). A cursor is only accepted by the listing of the practice that issued it:
     * InvalidCursorException otherwise.
     */

    /** Patients whose last name starts with {@code lastNamePrefix} (any case), or all when it is null. */
    Page<Patient> patients(String practiceId, String lastNamePrefix, int limit, String cursor);

    Page<Payer> payers(String practiceId, PayerType payerType, int limit, String cursor);

    Page<Provider> providers(String practiceId, Discipline discipline, int limit, String cursor);

    /** The patient's coverages, those in force on {@code activeOn} when it is given. */
    Page<Coverage> coverages(String practiceId, String patientId, LocalDate activeOn, int limit, String cursor);

    /** The patient's authorizations, filtered by window date and covered service code when given. */
    Page<Authorization> authorizations(String practiceId, String patientId, LocalDate activeOn, String serviceCode,
                                       int limit, String cursor);

    /** The coverages whose member id is this one (any case, blanks around ignored), of any patient of the practice. */
    List<Coverage> coveragesByMember(String practiceId, String memberId);

    /** Every authorization of the practice, of every patient (the utilization report). */
    List<Authorization> practiceAuthorizations(String practiceId);

    /** One page of a listing. */
    record Page<T>(List<T> items, String nextCursor) {
        public Page {
            items = List.copyOf(items);
        }
    }

    /** The practice's settings; {@link PracticeSettings#defaults()} when it never saved any. */
    PracticeSettings settings(String practiceId);

    /**
     * Saves settings over the version read ({@code expectedVersion}, 0 for the defaults).
     *
     * @throws org.therapyops.ports.StaleVersionException when another change was saved in between
     */
    void saveSettings(String practiceId, PracticeSettings settings, long expectedVersion);

    /** The practice's billing profile; empty when it never saved one. */
    Optional<BillingProfile> billingProfile(String practiceId);

    /**
     * Saves the billing profile over the version read ({@code expectedVersion}, 0 when there is none yet).
     *
     * @throws org.therapyops.ports.StaleVersionException when another change was saved in between
     */
    void saveBillingProfile(String practiceId, BillingProfile profile, long expectedVersion);

    /** The practice's fee schedule and its version; empty when it never saved one. */
    Optional<Versioned<FeeSchedule>> feeSchedule(String practiceId);

    /** The fees charges are priced by: the practice's schedule, or none (every line at 0.00, held by the scrubber). */
    default FeeSchedule fees(String practiceId) {
        return feeSchedule(practiceId).map(Versioned::value).orElse(FeeSchedule.empty());
    }

    /**
     * Saves the fee schedule over the version read ({@code expectedVersion}, 0 when there is none yet).
     *
     * @throws org.therapyops.ports.StaleVersionException when another change was saved in between
     */
    void saveFeeSchedule(String practiceId, FeeSchedule schedule, long expectedVersion);

    /** The KX thresholds the practice's admin set (years over the shipped defaults) and their version; empty when none. */
    Optional<Versioned<KxThresholds>> kxThresholds(String practiceId);

    /** The thresholds KX is decided by for the practice: {@code shipped} with the years its admin set over them. */
    default KxThresholds kxThresholdsOver(String practiceId, KxThresholds shipped) {
        return kxThresholds(practiceId).map(v -> shipped.overriddenBy(v.value())).orElse(shipped);
    }

    /**
     * Saves the practice's KX thresholds over the version read ({@code expectedVersion}, 0 when there are none yet).
     *
     * @throws org.therapyops.ports.StaleVersionException when another change was saved in between
     */
    void saveKxThresholds(String practiceId, KxThresholds thresholds, long expectedVersion);

    /** A record stored whole under one version. */
    record Versioned<T>(T value, long version) {
    }

    /** The patient's coverages and authorizations, read consistently, as the authorization check needs them. */
    PatientBenefits benefits(String practiceId, String patientId);

    /** A patient's coverages and authorizations. */
    record PatientBenefits(List<Coverage> coverages, List<Authorization> authorizations) {
    }
}
