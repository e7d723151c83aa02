/** Applying 999 and 277CA acknowledgements to the batches and claims they answer, through the ports. */
package org.therapyops.billing.acknowledgement.service;
