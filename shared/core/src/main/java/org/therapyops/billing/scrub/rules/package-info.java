/**
 * The scrubber's rules, one small class each; field paths index lines and diagnoses from 0
 * ({@code lines[0]} is the first service line).
 */
package org.therapyops.billing.scrub.rules;
