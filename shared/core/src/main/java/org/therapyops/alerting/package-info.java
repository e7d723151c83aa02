/** Raising alerts (store once, queue once) and emailing them (claim, send, mark), over the ports. */
package org.therapyops.alerting;
