package org.therapyops.domain;

/** Therapy discipline of a provider or an authorization. */
public enum Discipline { PT, OT, SLP, ABA, BH }
