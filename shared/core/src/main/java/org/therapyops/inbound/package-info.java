/**
 * What integrators (clearinghouses, payers, utilization-management vendors) send: their registration and signing
 * secrets, signed webhook deliveries kept before they are acknowledged, and the documents they carry. Plain records
 * that the ports name; the use cases over them are in {@code inbound.service}.
 */
package org.therapyops.inbound;
