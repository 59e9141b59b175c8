package dev.fireline.incident;

import dev.fireline.incident.Commands.Acknowledge;
import dev.fireline.incident.Commands.AddNote;
import dev.fireline.incident.Commands.AssignRole;
import dev.fireline.incident.Commands.ChangeSeverity;
import dev.fireline.incident.Commands.EditPostmortem;
import dev.fireline.incident.Commands.EscalateNow;
import dev.fireline.incident.Commands.PostStatusUpdate;
import dev.fireline.incident.Commands.PublishPostmortem;
import dev.fireline.incident.Commands.Resolve;
import dev.fireline.incident.IncidentSnapshot.PostmortemStatus;

/**
 * What the Update validators check (pure): they throw, nothing changes. A field missing is an
 * {@link IllegalArgumentException}, an impossible transition the incident's {@link
 * IllegalStateException} (the API's 400 and 409).
 */
final class UpdateChecks {
  private UpdateChecks() {}

  static void acknowledge(Incident incident, Acknowledge command) {
    requireText("by", command.by());
    incident.checkOpen("acknowledged");
  }

  static void escalateNow(Incident incident, EscalateNow command) {
    requireText("by", command.by());
    incident.checkCanEscalateNow();
  }

  static void resolve(Incident incident, Resolve command) {
    requireText("by", command.by());
    incident.checkNotClosed("resolved");
  }

  static void postStatusUpdate(Incident incident, PostStatusUpdate command) {
    requireText("by", command.by());
    requireText("message", command.message());
    if (command.status() == null || !Stage.STATUS_UPDATE_STAGES.contains(command.status())) {
      throw new IllegalArgumentException("status must be investigating, identified or monitoring");
    }
    incident.checkOpen("updated");
  }

  static void changeSeverity(Incident incident, ChangeSeverity command) {
    requireText("by", command.by());
    if (command.severity() == null) {
      throw new IllegalArgumentException("severity is required");
    }
    incident.checkOpen("re-classified");
  }

  static void assignRole(Incident incident, AssignRole command) {
    requireText("by", command.by());
    requireText("person", command.person());
    if (command.role() == null) {
      throw new IllegalArgumentException("role is required");
    }
    incident.checkNotClosed("staffed");
  }

  static void editPostmortem(Incident incident, EditPostmortem command) {
    requireText("by", command.by());
    if (command.status() == PostmortemStatus.PUBLISHED) {
      throw new IllegalArgumentException("status: publish with the publish call");
    }
    incident.checkPostmortemEditable();
  }

  static void publishPostmortem(Incident incident, PublishPostmortem command) {
    requireText("by", command.by());
    incident.checkPostmortemEditable();
  }

  static void addNote(Incident incident, AddNote command) {
    requireText("by", command.by());
    requireText("text", command.text());
    incident.checkNote(command.ref());
  }

  /** Shortest and longest snooze: past a day, resolve it or hand it over instead. */
  static final java.time.Duration MIN_SNOOZE = java.time.Duration.ofMinutes(1);

  static final java.time.Duration MAX_SNOOZE = java.time.Duration.ofHours(24);

  static void snooze(Incident incident, Commands.Snooze command) {
    requireText("by", command.by());
    if (command.duration() == null
        || command.duration().compareTo(MIN_SNOOZE) < 0
        || command.duration().compareTo(MAX_SNOOZE) > 0) {
      throw new IllegalArgumentException("duration must be between 1 minute and 24 hours");
    }
    incident.checkOpen("snoozed");
    notMerging(incident, "snoozed");
    if (incident.stage() == Stage.TRIGGERED) {
      throw new IllegalStateException(
          incident.key() + " is not acknowledged; acknowledge it before snoozing");
    }
  }

  static void reassign(Incident incident, Commands.Reassign command) {
    requireText("by", command.by());
    requireText("to", command.to());
    incident.checkOpen("reassigned");
    notMerging(incident, "reassigned");
  }

  static void addResponders(Incident incident, Commands.AddResponders command) {
    requireText("by", command.by());
    if (command.people() == null
        || command.people().isEmpty()
        || command.people().stream().anyMatch(p -> p == null || p.isBlank())) {
      throw new IllegalArgumentException("people: name at least one person");
    }
    incident.checkOpen("given responders");
    notMerging(incident, "given responders");
  }

  static void mergeInto(Incident incident, Commands.MergeInto command) {
    requireText("by", command.by());
    requireText("into", command.into());
    if (command.into().equals(incident.key())) {
      throw new IllegalArgumentException("into: an incident cannot be merged into itself");
    }
    incident.checkOpen("merged");
    notMerging(incident, "merged");
  }

  private static void notMerging(Incident incident, String action) {
    if (incident.responding().mergingInto() != null) {
      throw new IllegalStateException(
          incident.key()
              + " is being merged into "
              + incident.responding().mergingInto()
              + "; it cannot be "
              + action);
    }
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
  }
}
