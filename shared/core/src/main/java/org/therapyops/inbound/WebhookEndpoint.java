package org.therapyops.inbound;

import java.util.List;

/**
 * What the webhook door needs to know of an integration, looked up by its id alone (the caller has no token): the
 * practice it belongs to, whether it is active, and the secrets that verify its signatures (newest first). Secrets are
 * never logged.
 */
public record WebhookEndpoint(String integrationId, String practiceId, boolean active, List<String> secrets) {

    public WebhookEndpoint {
        secrets = List.copyOf(secrets);
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[" + integrationId + ", " + practiceId + ", active=" + active + ", " + secrets.size() + " secret(s)]";
    }
}
