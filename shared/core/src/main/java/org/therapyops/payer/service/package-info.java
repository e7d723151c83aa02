/**
 * The payer use cases over storage: resolving each payer's rules in force (shipped profiles under the payer's own
 * settings), saving a payer's rule versions, and re-checking the appointments a rule change may unblock. Apart from
 * {@code payer} so that the rules, which the ports and the domain name, depend on no port.
 */
package org.therapyops.payer.service;
