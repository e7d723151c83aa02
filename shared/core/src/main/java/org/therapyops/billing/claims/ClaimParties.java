package org.therapyops.billing.claims;

import org.therapyops.billing.AssistantInvolvement;
import org.therapyops.billing.Party;
import org.therapyops.billing.Subscriber;
import org.therapyops.domain.BillingProfile;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.Patient;
import org.therapyops.domain.Provider;

import java.util.Optional;
import java.util.function.Function;

/**
 * The parties of a claim as the practice's data names them today: the billing provider from the billing profile, the
 * rendering provider, and the subscriber (always the patient) from the patient and the coverage. Used when a claim is
 * built and when a biller refreshes a claim from corrected practice data.
 */
public final class ClaimParties {

    private ClaimParties() {
    }

    /** The billing provider (an organization); null when the practice has no billing profile yet. */
    public static Party billing(BillingProfile profile) {
        return profile == null ? null : new Party(profile.organizationName(), null, profile.npi(), profile.taxId(),
                profile.taxonomy(), profile.address());
    }

    /**
     * Who a provider's services are billed under: the provider, or for an assistant (PTA, COTA) its supervising therapist
     * when one is on file (assistants are not rendering providers on claims).
     */
    public static Provider billedUnder(Provider p, Function<String, Optional<Provider>> providers) {
        if (!AssistantInvolvement.isAssistant(p) || p.supervisorId() == null || p.supervisorId().isBlank()) {
            return p;
        }
        return providers.apply(p.supervisorId()).orElse(p);
    }

    public static Party rendering(Provider p) {
        return new Party(p.lastName(), p.firstName(), p.npi(), null, p.taxonomy(), null);
    }

    public static Subscriber subscriber(Coverage coverage, Patient patient) {
        return new Subscriber(coverage.memberId(), patient.lastName(), patient.firstName(), patient.birthDate(), patient.sex(),
                patient.address());
    }
}
