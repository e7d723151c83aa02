package org.therapyops.inbound;

import org.therapyops.billing.acknowledgement.ClaimAcknowledgementReport;
import org.therapyops.billing.acknowledgement.FunctionalAcknowledgement;
import org.therapyops.billing.remittance.Remittance;

/** One thing a delivery carries, as read from its X12 or JSON body. */
public sealed interface InboundDocument {

    /** The kind as deliveries list it. */
    String kind();

    record Ack999(FunctionalAcknowledgement acknowledgement) implements InboundDocument {
        public String kind() {
            return "999";
        }
    }

    record Ack277(ClaimAcknowledgementReport report) implements InboundDocument {
        public String kind() {
            return "277CA";
        }
    }

    record Era(Remittance remittance) implements InboundDocument {
        public String kind() {
            return "835";
        }
    }

    record AuthorizationChange(AuthorizationUpdate update) implements InboundDocument {
        public String kind() {
            return AuthorizationUpdate.TYPE;
        }
    }
}
