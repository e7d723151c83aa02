package org.therapyops.domain;

/** Order in which a patient's coverages pay. */
public enum CoveragePriority { PRIMARY, SECONDARY, TERTIARY }
