package dev.fireline.incident;

/** Incident roles, as in the incident command practice most teams follow. */
public enum Role {
  COMMANDER,
  SCRIBE,
  COMMS,
  SME
}
