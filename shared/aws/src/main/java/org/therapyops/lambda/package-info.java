/** Batch mechanics shared by every event-driven function: decoding records and partial batch responses. */
package org.therapyops.lambda;
