package org.therapyops.billing;

import org.therapyops.domain.Provider;

import java.util.Locale;
import java.util.Map;

/**
 * Whether a physical or occupational therapy assistant furnished a service in whole or in part (more than 10%; CQ / CO
 * where the payer wants them). A line rendered by an assistant has it from the provider's credential; a line of a
 * therapist can say it explicitly (the assistant took part in the service beyond 10%).
 */
public enum AssistantInvolvement {
    NONE, PT_ASSISTANT, OT_ASSISTANT;

    /** The credentials of assistants, as providers' records spell them (upper case). */
    private static final Map<String, AssistantInvolvement> CREDENTIALS = Map.of(
            "PTA", PT_ASSISTANT, "LPTA", PT_ASSISTANT,
            "COTA", OT_ASSISTANT, "OTA", OT_ASSISTANT, "COTA-L", OT_ASSISTANT, "OTA-L", OT_ASSISTANT);

    /** What a provider's credential makes of the services it renders: PTA → PT_ASSISTANT, COTA → OT_ASSISTANT, else NONE. */
    public static AssistantInvolvement of(Provider provider) {
        if (provider == null || provider.credential() == null) {
            return NONE;
        }
        return CREDENTIALS.getOrDefault(provider.credential().strip().toUpperCase(Locale.ROOT), NONE);
    }

    /** Whether the provider is a PT or OT assistant (billed under a supervising therapist). */
    public static boolean isAssistant(Provider provider) {
        return of(provider) != NONE;
    }

    /** The involvement a line bills with: the one it states, else the one its rendering provider's credential implies. */
    public static AssistantInvolvement billed(AssistantInvolvement stated, Provider renderer) {
        return stated != null && stated != NONE ? stated : of(renderer);
    }
}
