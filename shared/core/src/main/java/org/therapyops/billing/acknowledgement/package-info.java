/**
 * What a clearinghouse or payer says of submitted claims before paying them: the 999 implementation
 * acknowledgment of a functional group (batch), and the 277CA claim acknowledgement of each claim. Plain
 * records as read from X12; matching them to batches and claims is the inbound use case's job.
 */
package org.therapyops.billing.acknowledgement;
