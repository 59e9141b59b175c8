package dev.fireline.incident;

import java.util.EnumSet;
import java.util.Set;

/** Where an incident is in its life; the order of the constants is the normal order of the life. */
public enum Stage {
  TRIGGERED,
  ACKNOWLEDGED,
  INVESTIGATING,
  IDENTIFIED,
  MONITORING,
  RESOLVED,
  POSTMORTEM,
  CLOSED;

  /** The stages a status update may move an incident to. */
  public static final Set<Stage> STATUS_UPDATE_STAGES =
      EnumSet.of(INVESTIGATING, IDENTIFIED, MONITORING);

  public boolean isOpen() {
    return compareTo(RESOLVED) < 0;
  }
}
