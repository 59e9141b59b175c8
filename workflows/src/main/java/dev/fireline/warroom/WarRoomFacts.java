package dev.fireline.warroom;

import dev.fireline.incident.IncidentSnapshot.PostmortemStatus;
import dev.fireline.incident.IncidentSnapshot.StatusUpdate;
import dev.fireline.incident.Role;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import java.time.Instant;
import java.util.Map;

/**
 * What the war room's summary message and topic say about the incident. Links (console, runbook,
 * status page, Temporal UI) are the activity's to add: they come from its configuration and the
 * directory, not from the workflow.
 *
 * @param lastUpdate the latest status update, null before the first
 * @param postmortem null while there is none (open incidents, severities without one)
 */
public record WarRoomFacts(
    long number,
    String key,
    String title,
    String description,
    String service,
    Severity severity,
    Stage stage,
    Instant declaredAt,
    String acknowledgedBy,
    String resolvedBy,
    Map<Role, String> roles,
    StatusUpdate lastUpdate,
    PostmortemStatus postmortem) {

  /** Acknowledge, escalate, resolve and post-update buttons make sense while it is open. */
  public boolean open() {
    return stage.isOpen();
  }
}
