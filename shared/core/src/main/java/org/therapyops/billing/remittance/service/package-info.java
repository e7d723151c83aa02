/** Posting a read 835 ERA to the practice's claims once, through the claim and remittance ports. */
package org.therapyops.billing.remittance.service;
