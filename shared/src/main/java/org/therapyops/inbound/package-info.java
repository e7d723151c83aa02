/**
 * What integrators (clearinghouses, payers, utilization-management vendors) send: their registration and signing
 * secrets, signed webhook deliveries kept before they are acknowledged, and the use cases that apply each delivery
 * (acknowledgements, remittances, authorization updates) once. Plain Java; storage, queue and object store behind ports.
 */
package org.therapyops.inbound;
