package dev.fireline.communicate.statuspage;

import dev.fireline.incident.Stage;
import java.util.Arrays;

/** A public incident's status: Statuspage's four realtime statuses. */
public enum IncidentStatus {
  INVESTIGATING("investigating", "Investigating"),
  IDENTIFIED("identified", "Identified"),
  MONITORING("monitoring", "Monitoring"),
  RESOLVED("resolved", "Resolved");

  private final String code;
  private final String label;

  IncidentStatus(String code, String label) {
    this.code = code;
    this.label = label;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  /** Triggered and acknowledged incidents are "investigating" to the public. */
  public static IncidentStatus forStage(Stage stage) {
    if (stage == null) {
      return INVESTIGATING;
    }
    return switch (stage) {
      case TRIGGERED, ACKNOWLEDGED, INVESTIGATING -> INVESTIGATING;
      case IDENTIFIED -> IDENTIFIED;
      case MONITORING -> MONITORING;
      case RESOLVED, POSTMORTEM, CLOSED -> RESOLVED;
    };
  }

  public static IncidentStatus ofCode(String code) {
    return Arrays.stream(values())
        .filter(s -> s.code.equals(code))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no incident status " + code));
  }
}
