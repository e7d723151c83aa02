package org.therapyops.billing;

/** How a session was delivered. */
public enum TelehealthMode { IN_PERSON, AUDIO_VIDEO, AUDIO_ONLY }
