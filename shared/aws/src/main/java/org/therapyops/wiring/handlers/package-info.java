/**
 * The handler shapes every event-driven function extends: metered as its workflow step, and fed by an SQS queue, a
 * table's stream, a schedule, or a stream and a schedule. Function glue, so it lives with the wiring.
 */
package org.therapyops.wiring.handlers;
