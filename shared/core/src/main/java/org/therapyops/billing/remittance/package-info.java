/**
 * Remittances: what a payer paid and adjusted, read from an 835 ERA, matched to the practice's claims and lines,
 * balanced, and posted once to each claim's append-only ledger. Pure; the use case over storage is in
 * {@code remittance.service}.
 */
package org.therapyops.billing.remittance;
