/**
 * Payer rules: the payer type's shipped profiles (versioned, effective-dated data) and the payer's own settings over
 * them, resolved into the rules in force for one payer on one date of service, with the source of each value. Plain
 * Java: no AWS, no Micronaut.
 */
package org.therapyops.payer;
