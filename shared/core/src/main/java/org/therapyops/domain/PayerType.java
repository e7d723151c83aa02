package org.therapyops.domain;

/** The kind of payer: decides format rules such as the MBI for Medicare member ids. */
public enum PayerType { MEDICARE, MEDICAID, COMMERCIAL, OTHER }
