/**
 * The claim scrubber: small rules, each with a stable id, run over a claim with what they need beyond it
 * (payer profile, code sets, coverage, authorizations, other claims, today's date); payer differences are data.
 */
package org.therapyops.billing.scrub;
