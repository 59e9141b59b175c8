package dev.fireline.incident;

import dev.fireline.communicate.Announcement;
import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import dev.fireline.policy.SeverityPolicy;

/** Which timeline events are announced to chat and the status page, and what they say (pure). */
final class Announcements {
  private Announcements() {}

  /** Declarations, status updates, severity changes and resolution are announced; null: not. */
  static Announcement.Kind kindOf(TimelineEvent event) {
    return switch (event.type()) {
      case "declared" -> Announcement.Kind.DECLARED;
      case "status_update" -> Announcement.Kind.STATUS_UPDATE;
      case "severity_changed" -> Announcement.Kind.SEVERITY_CHANGED;
      case "resolved" -> Announcement.Kind.RESOLVED;
      default -> null;
    };
  }

  /**
   * The announcement of a timeline event; one idempotency key per incident and event. Only a status
   * update marked public has a public message.
   */
  static Announcement of(Incident incident, Announcement.Kind kind, TimelineEvent event) {
    String publicMessage = null;
    if (kind == Announcement.Kind.STATUS_UPDATE) {
      publicMessage =
          incident.statusUpdates().stream()
              .filter(u -> u.at().equals(event.at()) && u.publicUpdate())
              .map(IncidentSnapshot.StatusUpdate::message)
              .reduce((first, second) -> second)
              .orElse(null);
    }
    IncidentDeclaration d = incident.declaration();
    SeverityPolicy policy = incident.severityPolicy();
    return new Announcement(
        incident.key() + "/announce/" + event.seq(),
        d.number(),
        incident.key(),
        kind,
        incident.severity(),
        incident.stage(),
        d.service(),
        d.title(),
        event.message(),
        publicMessage,
        policy.notifyStakeholders(),
        policy.postToStatusPage(),
        event.at());
  }
}
