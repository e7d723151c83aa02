/**
 * Documentation feeds billing: signed notes become charges, charges become claims, claims are scrubbed
 * and written as X12 837P. Plain records and pure rules; payer differences are data.
 */
package org.therapyops.billing;
