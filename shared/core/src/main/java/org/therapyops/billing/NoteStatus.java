package org.therapyops.billing;

/** A note is written as a DRAFT and becomes SIGNED once, by its rendering clinician; signed is immutable. */
public enum NoteStatus { DRAFT, SIGNED }
