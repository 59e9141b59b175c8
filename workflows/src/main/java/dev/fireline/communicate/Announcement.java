package dev.fireline.communicate;

import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import java.time.Instant;

/**
 * News of an incident for stakeholders (chat) and, where the severity posts there, the status page.
 * Only {@code publicMessage} may ever reach the public; {@code internalMessage} is for chat.
 *
 * @param idempotencyKey one per incident and timeline event, so a retry never posts twice
 */
public record Announcement(
    String idempotencyKey,
    long incidentNumber,
    String incidentKey,
    Kind kind,
    Severity severity,
    Stage stage,
    String service,
    String title,
    String internalMessage,
    String publicMessage,
    boolean notifyStakeholders,
    boolean postToStatusPage,
    Instant at) {

  public enum Kind {
    DECLARED,
    STATUS_UPDATE,
    SEVERITY_CHANGED,
    RESOLVED
  }
}
