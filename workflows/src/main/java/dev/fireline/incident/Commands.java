package dev.fireline.incident;

import dev.fireline.incident.IncidentSnapshot.PostmortemStatus;
import java.time.Instant;
import java.util.List;

/** The messages people and alert sources send to a running incident. */
public final class Commands {
  private Commands() {}

  public record Acknowledge(String by) {}

  /** Page the next escalation level now instead of waiting (keypad 5 on a voice page). */
  public record EscalateNow(String by) {}

  /**
   * @param postmortem asks for a postmortem where the severity needs none (null: as the severity
   *     says)
   */
  public record Resolve(String by, String summary, Boolean postmortem) {

    public Resolve(String by, String summary) {
      this(by, summary, null);
    }
  }

  public record PostStatusUpdate(Stage status, String message, boolean publicUpdate, String by) {}

  public record ChangeSeverity(Severity severity, String by) {}

  public record AssignRole(Role role, String person, String by) {}

  /** {@code status} may be null (unchanged), DRAFT or IN_REVIEW; publishing has its own update. */
  public record EditPostmortem(String content, PostmortemStatus status, String by) {}

  public record PublishPostmortem(String by) {}

  /**
   * A note on the timeline: something said in the war room worth keeping (it goes into the
   * postmortem draft's timeline with the rest).
   *
   * @param ref names the source message ({@code slack:<channel>/<ts>}) so it is added once; null
   *     for a note without one
   */
  public record AddNote(String by, String text, String ref) {}

  /**
   * An acknowledged incident rests for {@code duration}, then pages again (1 minute to 24 hours).
   */
  public record Snooze(String by, java.time.Duration duration) {}

  /**
   * Escalation starts over with {@code to}: {@code policy:<id>} (that escalation policy), or one
   * target ({@code person:<id>}, {@code schedule:<id>[/layer]}, {@code team:<id>}) paged again and
   * again until someone acknowledges.
   */
  public record Reassign(String by, String to) {}

  /** Pages these people now, besides the escalation (which goes on as it was). */
  public record AddResponders(String by, List<String> people, String message) {}

  /** This incident closes into {@code into} (INC-n): its alerts, pages and timeline go there. */
  public record MergeInto(String by, String into) {}

  /** What a merged incident hands the one it was merged into. */
  public record MergedIncident(
      String key, String title, String by, List<IncidentSnapshot.TimelineEvent> timeline) {}

  /**
   * An alert event from a monitoring source. {@code autoResolve} on a resolved-at-source event says
   * whether the service lets the source resolve the incident.
   */
  public record AlertEvent(String source, String summary, Instant at, boolean autoResolve) {}
}
