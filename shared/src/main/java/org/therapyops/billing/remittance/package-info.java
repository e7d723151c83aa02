/**
 * Remittances: what a payer paid and adjusted, read from an 835 ERA, matched to the practice's claims and lines,
 * balanced, and posted once to each claim's append-only ledger. Pure; storage sits behind ports.
 */
package org.therapyops.billing.remittance;
