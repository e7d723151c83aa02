/** The therapy practice's model: plain records and enums, free of AWS types. */
package org.therapyops.domain;
