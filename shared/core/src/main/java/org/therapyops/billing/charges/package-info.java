/**
 * Charge capture: a signed note becomes charges (units by the payer's rounding, modifiers, diagnosis
 * pointers, fees), or findings that say why a line cannot be billed. Pure; the code catalog, fee schedule
 * and KX thresholds are data under {@code billing/charges/} on the classpath.
 */
package org.therapyops.billing.charges;
