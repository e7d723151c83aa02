package org.therapyops.billing.claims;

import org.therapyops.billing.Party;
import org.therapyops.billing.Subscriber;

/**
 * What every claim of one note shares: patient, coverage and payer, the billing (and referring) provider,
 * the subscriber and the prior authorization number.
 */
public record ClaimHeader(String patientId, String coverageId, String payerId, String payerName, String payerEdiId,
                          Party billingProvider, Party referringProvider, Subscriber subscriber,
                          String priorAuthorizationNumber) {
}
