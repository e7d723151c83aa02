/**
 * Claims back with billers: which of a practice's NEEDS_REVIEW claims the daily review digest lists, in which
 * order, with which of the scrubber's findings. Pure: claims in, an alert out.
 */
package org.therapyops.billing.review;
