package dev.fireline.postmortem;

import dev.fireline.incident.IncidentKeys;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.incident.IncidentSnapshot.StatusUpdate;
import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import dev.fireline.incident.Role;
import dev.fireline.policy.SeverityPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first draft of a postmortem, written from the incident alone: the facts (times, durations,
 * timeline, roles, pages, status updates, missed targets) filled in, the judgement (root cause,
 * five whys, action items, lessons) left as prompts in italics.
 *
 * <p>Pure and deterministic: no I/O, no clock, no default locale or time zone. The incident
 * workflow calls it, so the same snapshot must always give the same text. All times are UTC.
 */
public final class PostmortemDraft {
  /** Starts every line a person still has to write; italics in Markdown. */
  public static final String PROMPT = "_To complete:";

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Pattern SEVERITY_CHANGE = Pattern.compile("^Severity (\\S+) → (\\S+)");
  private static final Pattern PAGE = Pattern.compile("^Page to (.+) via (\\S+) \\(");
  private static final Pattern PAGE_FAILED = Pattern.compile("^Page to (.+) via (\\S+) failed \\(");
  private static final Pattern ROLE = Pattern.compile("^(.+) is (\\S+) \\(set by ");
  private static final Pattern ALERT_FIRED = Pattern.compile("^Alert fired again: ");
  private static final Set<String> WENT_POORLY =
      Set.of(
          "ack_target_missed",
          "resolution_target_missed",
          "status_update_overdue",
          "notification_failed",
          "nobody_paged",
          "escalation_exhausted",
          "directory_unavailable",
          "notification_skipped",
          "announcement_failed",
          "page_undeliverable");

  private PostmortemDraft() {}

  /** An action item as the draft's table shows it (the store's items, when the caller has them). */
  public record ActionItemRow(
      String title, String owner, LocalDate due, String priority, String status) {}

  /** The draft with an empty action item table. */
  public static String markdown(IncidentSnapshot incident) {
    return markdown(incident, List.of());
  }

  /** The draft with these action items in its table. */
  public static String markdown(IncidentSnapshot incident, List<ActionItemRow> actionItems) {
    List<TimelineEvent> timeline = list(incident.timeline());
    StringBuilder md = new StringBuilder();
    String key = incident.key() != null ? incident.key() : IncidentKeys.key(incident.number());
    md.append("# Postmortem: ")
        .append(key)
        .append(" — ")
        .append(oneLine(incident.title()))
        .append("\n\n");
    facts(md, incident, timeline);
    summary(md, incident);
    impact(md, incident, timeline);
    timeline(md, incident, timeline);
    roles(md, incident, timeline);
    pages(md, timeline);
    statusUpdates(md, incident);
    md.append("## Root cause\n\n")
        .append(PROMPT)
        .append(" the technical cause, the trigger, and why it had the effect it" + " had._\n\n");
    md.append("## Contributing factors (five whys)\n\n")
        .append(PROMPT)
        .append(
            " start from the impact and ask why until you reach causes you" + " can act on._\n\n");
    for (int i = 1; i <= 5; i++) {
      md.append(i).append(". Why? _…_\n");
    }
    md.append('\n');
    wentWell(md, incident);
    wentPoorly(md, timeline);
    actionItems(md, key, actionItems == null ? List.of() : actionItems);
    md.append("## Lessons learned\n\n")
        .append(PROMPT)
        .append(
            " what the team learned that others should know; what was"
                + " surprising; where you were lucky._\n");
    return md.toString();
  }

  // ---- sections

  private static void facts(
      StringBuilder md, IncidentSnapshot incident, List<TimelineEvent> timeline) {
    md.append("| Fact | Value |\n|---|---|\n");
    row(md, "Service", incident.service());
    row(md, "Severity", severity(incident, timeline));
    row(md, "Declared", at(incident.declaredAt(), incident.declaredBy()));
    row(
        md,
        "Acknowledged",
        incident.acknowledgedAt() == null
            ? "not acknowledged"
            : at(incident.acknowledgedAt(), incident.acknowledgedBy()));
    row(
        md,
        "Resolved",
        incident.resolvedAt() == null
            ? "not resolved"
            : at(incident.resolvedAt(), incident.resolvedBy()));
    row(md, "Time to acknowledge", between(incident.declaredAt(), incident.acknowledgedAt()));
    row(md, "Time to resolve", between(incident.declaredAt(), incident.resolvedAt()));
    row(
        md,
        "Impact duration",
        incident.resolvedAt() == null
            ? "ongoing"
            : between(incident.declaredAt(), incident.resolvedAt()) + " (declared to resolved)");
    IncidentSnapshot.Postmortem postmortem = incident.postmortem();
    if (postmortem != null) {
      row(
          md,
          "Postmortem",
          postmortem.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
              + (postmortem.owner() == null ? "" : ", owner " + postmortem.owner())
              + (postmortem.dueDate() == null ? "" : ", due " + postmortem.dueDate()));
    }
    md.append('\n');
  }

  private static void summary(StringBuilder md, IncidentSnapshot incident) {
    md.append("## Summary\n\n");
    md.append(incident.severity())
        .append(" incident on ")
        .append(incident.service())
        .append(": ")
        .append(sentence(incident.title()))
        .append("\n\n");
    if (!blank(incident.description())) {
      md.append("Description: ").append(incident.description().strip()).append("\n\n");
    }
    if (!blank(incident.resolutionSummary())) {
      md.append("Resolution: ").append(incident.resolutionSummary().strip()).append("\n\n");
    }
    md.append(PROMPT)
        .append(
            " in two or three sentences, what happened, who was affected and how"
                + " it was fixed._\n\n");
  }

  private static void impact(
      StringBuilder md, IncidentSnapshot incident, List<TimelineEvent> timeline) {
    md.append("## Impact\n\n");
    md.append("- Service: ").append(incident.service()).append('\n');
    md.append("- Duration: ");
    if (incident.resolvedAt() == null) {
      md.append("ongoing, since ").append(dateTime(incident.declaredAt()));
    } else {
      md.append(between(incident.declaredAt(), incident.resolvedAt()))
          .append(" (")
          .append(dateTime(incident.declaredAt()))
          .append(" to ")
          .append(
              sameDay(incident.declaredAt(), incident.resolvedAt())
                  ? time(incident.resolvedAt())
                  : dateTime(incident.resolvedAt()))
          .append(')');
    }
    md.append('\n');
    md.append("- Severity: ").append(severity(incident, timeline)).append('\n');
    md.append('\n')
        .append(PROMPT)
        .append(
            " who and what was affected (users, requests, regions,"
                + " data), how badly, and how you know._\n\n");
  }

  private static void timeline(
      StringBuilder md, IncidentSnapshot incident, List<TimelineEvent> timeline) {
    md.append("## Timeline\n\n");
    Lines lines = new Lines(md);
    int alertEvents = 0;
    for (int i = 0; i < timeline.size(); i++) {
      TimelineEvent event = timeline.get(i);
      if ("alert_fired".equals(event.type())) {
        int last = i;
        while (last + 1 < timeline.size() && "alert_fired".equals(timeline.get(last + 1).type())) {
          last++;
        }
        int count = last - i + 1;
        alertEvents += count;
        if (count > 1) {
          String summary = ALERT_FIRED.matcher(oneLine(event.message())).replaceFirst("");
          lines.add(
              event.at(),
              "Alert fired again "
                  + count
                  + " times until "
                  + (sameDay(event.at(), timeline.get(last).at())
                      ? time(timeline.get(last).at())
                      : dateTime(timeline.get(last).at()))
                  + ": "
                  + summary);
          i = last;
          continue;
        }
      }
      lines.add(event.at(), oneLine(event.message()));
    }
    if (timeline.isEmpty()) {
      md.append("No events were recorded.\n");
    }
    IncidentSnapshot.AlertActivity alerts = incident.alerts();
    if (alerts != null && alerts.occurrences() > alertEvents) {
      md.append("\nThe alert fired again ")
          .append(alerts.occurrences())
          .append(" times in all")
          .append(alerts.lastFiredAt() == null ? "" : ", last at " + dateTime(alerts.lastFiredAt()))
          .append("; the timeline shows the first ")
          .append(alertEvents)
          .append(".\n");
    }
    md.append('\n');
  }

  private static void roles(
      StringBuilder md, IncidentSnapshot incident, List<TimelineEvent> timeline) {
    Map<String, List<String>> holders = new LinkedHashMap<>();
    for (TimelineEvent event : timeline) {
      if ("role_assigned".equals(event.type())) {
        Matcher m = ROLE.matcher(oneLine(event.message()));
        if (m.find()) {
          holders.computeIfAbsent(m.group(2), r -> new ArrayList<>()).add(m.group(1));
        }
      }
    }
    Map<Role, String> roles = incident.roles() == null ? Map.of() : incident.roles();
    md.append("## Roles\n\n| Role | Person |\n|---|---|\n");
    for (Role role : Role.values()) {
      String current = roles.get(role);
      String cell = current == null ? "not assigned" : current;
      List<String> history = holders.getOrDefault(role.name().toLowerCase(Locale.ROOT), List.of());
      if (current != null && history.size() > 1) {
        cell = String.join(", then ", history);
      }
      row(md, roleName(role), cell);
    }
    row(
        md,
        "Acknowledged by",
        incident.acknowledgedBy() == null ? "nobody" : incident.acknowledgedBy());
    md.append('\n');
  }

  private static void pages(StringBuilder md, List<TimelineEvent> timeline) {
    md.append("## Pages\n\n");
    Map<String, PageCount> byPerson = new LinkedHashMap<>();
    List<TimelineEvent> failures = new ArrayList<>();
    List<TimelineEvent> escalations = new ArrayList<>();
    for (TimelineEvent event : timeline) {
      String type = event.type();
      boolean paged = "paged".equals(type);
      boolean failed = "notification_failed".equals(type);
      if (failed) {
        failures.add(event);
      } else if ("escalate_now".equals(type)
          || "escalation_exhausted".equals(type)
          || "nobody_paged".equals(type)) {
        escalations.add(event);
      }
      Matcher m = (paged ? PAGE : PAGE_FAILED).matcher(oneLine(event.message()));
      boolean page = m.find();
      if (!paged && !(failed && page)) {
        continue; // a failed notification that is not a page (a reminder) is listed below only
      }
      String name = page ? m.group(1) : null;
      String channel = page ? m.group(2) : "unknown channel";
      String who = event.actor() != null ? event.actor() : name != null ? name : "unknown";
      PageCount count = byPerson.computeIfAbsent(who, w -> new PageCount(name, event.at()));
      count.channels.add(channel);
      if (paged) {
        count.pages++;
      } else {
        count.failed++;
      }
      count.last = event.at();
    }
    if (byPerson.isEmpty()) {
      md.append("Nobody was paged.\n\n");
    } else {
      md.append(
          "| Person | Channels | Pages sent | Pages failed | First | Last |\n"
              + "|---|---|---|---|---|---|\n");
      for (Map.Entry<String, PageCount> entry : byPerson.entrySet()) {
        PageCount count = entry.getValue();
        String person =
            count.name == null || count.name.equals(entry.getKey())
                ? entry.getKey()
                : count.name + " (" + entry.getKey() + ")";
        md.append("| ")
            .append(cell(person))
            .append(" | ")
            .append(cell(String.join(", ", count.channels)))
            .append(" | ")
            .append(count.pages)
            .append(" | ")
            .append(count.failed)
            .append(" | ")
            .append(dateTime(count.first))
            .append(" | ")
            .append(dateTime(count.last))
            .append(" |\n");
      }
      md.append('\n');
    }
    if (!escalations.isEmpty()) {
      md.append("Escalation:\n\n");
      Lines lines = new Lines(md);
      escalations.forEach(e -> lines.add(e.at(), oneLine(e.message())));
      md.append('\n');
    }
    if (failures.isEmpty()) {
      md.append("No notification failed.\n\n");
    } else {
      md.append("Failed notifications:\n\n");
      Lines lines = new Lines(md);
      failures.forEach(e -> lines.add(e.at(), oneLine(e.message())));
      md.append('\n');
    }
  }

  private static void statusUpdates(StringBuilder md, IncidentSnapshot incident) {
    md.append("## Status updates\n\n");
    List<StatusUpdate> updates = list(incident.statusUpdates());
    if (updates.isEmpty()) {
      md.append("No status updates were posted.\n\n");
      return;
    }
    Lines lines = new Lines(md);
    for (StatusUpdate update : updates) {
      lines.add(
          update.at(),
          "**"
              + (update.publicUpdate() ? "Public" : "Internal")
              + "**, "
              + (update.status() == null
                  ? ""
                  : update.status().name().toLowerCase(Locale.ROOT) + ", ")
              + "by "
              + update.by()
              + ": "
              + oneLine(update.message()));
    }
    md.append('\n');
  }

  private static void wentWell(StringBuilder md, IncidentSnapshot incident) {
    md.append("## What went well\n\n");
    SeverityPolicy policy = incident.policies() == null ? null : incident.severityPolicy();
    IncidentSnapshot.Targets targets = incident.targets();
    boolean any = false;
    if (policy != null && targets != null) {
      if (incident.acknowledgedAt() != null
          && !targets.ackTargetMissed()
          && (policy.ackWithin() != null || policy.ackByNextBusinessDay())) {
        md.append("- Acknowledged in ")
            .append(between(incident.declaredAt(), incident.acknowledgedAt()))
            .append(", within the acknowledgement target.\n");
        any = true;
      }
      if (incident.resolvedAt() != null
          && !targets.resolutionTargetMissed()
          && policy.resolveWithin() != null) {
        md.append("- Resolved in ")
            .append(between(incident.declaredAt(), incident.resolvedAt()))
            .append(", within the resolution target.\n");
        any = true;
      }
    }
    if (any) {
      md.append('\n');
    }
    md.append(PROMPT).append(" what helped: detection, tooling, runbooks, people._\n\n");
  }

  private static void wentPoorly(StringBuilder md, List<TimelineEvent> timeline) {
    md.append("## What went poorly\n\n");
    Lines lines = new Lines(md);
    for (TimelineEvent event : timeline) {
      if (WENT_POORLY.contains(event.type())) {
        lines.add(event.at(), oneLine(event.message()));
      }
    }
    if (lines.count > 0) {
      md.append('\n');
    }
    md.append(PROMPT).append(" what slowed detection, response or recovery._\n\n");
  }

  private static void actionItems(StringBuilder md, String key, List<ActionItemRow> items) {
    md.append(
        "## Action items\n\n| Action | Owner | Due | Priority | Status |\n|---|---|---|---|---|\n");
    for (ActionItemRow item : items) {
      md.append("| ")
          .append(cell(item.title()))
          .append(" | ")
          .append(cell(item.owner()))
          .append(" | ")
          .append(item.due() == null ? "" : item.due().toString())
          .append(" | ")
          .append(cell(item.priority()))
          .append(" | ")
          .append(cell(item.status()))
          .append(" |\n");
    }
    md.append('\n')
        .append(PROMPT)
        .append(
            " one row per change that prevents a recurrence or"
                + " shortens the next incident, each with an owner and a due date; track them with POST"
                + " /api/incidents/")
        .append(key)
        .append("/action-items._\n\n");
  }

  // ---- pieces

  /** Timeline-style lines: the date is shown on the first line and whenever it changes. */
  private static final class Lines {
    private final StringBuilder md;
    private LocalDate date;
    private int count;

    Lines(StringBuilder md) {
      this.md = md;
    }

    void add(Instant at, String text) {
      md.append("- ");
      if (at == null) {
        md.append("(no time)");
      } else {
        LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
        md.append(day.equals(date) ? time(at) : dateTime(at));
        date = day;
      }
      md.append(" — ").append(text).append('\n');
      count++;
    }
  }

  private static final class PageCount {
    final String name;
    final Instant first;
    final Set<String> channels = new LinkedHashSet<>();
    int pages;
    int failed;
    Instant last;

    PageCount(String name, Instant first) {
      this.name = name;
      this.first = first;
    }
  }

  private static String severity(IncidentSnapshot incident, List<TimelineEvent> timeline) {
    StringBuilder text = new StringBuilder(String.valueOf(incident.severity()));
    List<String> changes = new ArrayList<>();
    String declared = null;
    for (TimelineEvent event : timeline) {
      if ("severity_changed".equals(event.type())) {
        Matcher m = SEVERITY_CHANGE.matcher(oneLine(event.message()));
        if (m.find()) {
          declared = declared == null ? m.group(1) : declared;
          changes.add(
              m.group(1)
                  + " → "
                  + m.group(2)
                  + " at "
                  + dateTime(event.at())
                  + (event.actor() == null ? "" : " by " + event.actor()));
        } else {
          changes.add(oneLine(event.message()) + " at " + dateTime(event.at()));
        }
      }
    }
    if (!changes.isEmpty()) {
      text.append(" (")
          .append(declared == null ? "" : "declared " + declared + "; ")
          .append(String.join("; ", changes))
          .append(')');
    }
    return text.toString();
  }

  private static String roleName(Role role) {
    switch (role) {
      case COMMANDER:
        return "Commander";
      case SCRIBE:
        return "Scribe";
      case COMMS:
        return "Comms";
      case SME:
        return "Subject-matter expert";
      default:
        return role.name();
    }
  }

  private static void row(StringBuilder md, String name, String value) {
    md.append("| ").append(name).append(" | ").append(cell(value)).append(" |\n");
  }

  private static String at(Instant at, String by) {
    return dateTime(at) + (by == null ? "" : " by " + by);
  }

  /** "4 min", "1 h 32 min", "2 d 3 h"; "—" when either end is missing. */
  static String between(Instant from, Instant to) {
    if (from == null || to == null) {
      return "—";
    }
    return human(Duration.between(from, to));
  }

  static String human(Duration duration) {
    if (duration.isNegative()) {
      return "—";
    }
    long minutes = duration.toMinutes();
    if (minutes == 0) {
      return duration.getSeconds() + " s";
    }
    long days = minutes / (24 * 60);
    long hours = minutes / 60 % 24;
    long rest = minutes % 60;
    List<String> parts = new ArrayList<>();
    if (days > 0) {
      parts.add(days + " d");
    }
    if (hours > 0) {
      parts.add(hours + " h");
    }
    if (rest > 0) {
      parts.add(rest + " min");
    }
    return String.join(" ", parts);
  }

  static String dateTime(Instant at) {
    return at == null ? "—" : DATE_TIME.format(at) + " UTC";
  }

  static String time(Instant at) {
    return at == null ? "—" : TIME.format(at) + " UTC";
  }

  private static boolean sameDay(Instant a, Instant b) {
    return a != null
        && b != null
        && a.atOffset(ZoneOffset.UTC)
            .toLocalDate()
            .equals(b.atOffset(ZoneOffset.UTC).toLocalDate());
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  private static String sentence(String text) {
    String line = oneLine(text);
    return line.isEmpty() || ".!?".indexOf(line.charAt(line.length() - 1)) >= 0 ? line : line + ".";
  }

  private static String cell(String text) {
    return oneLine(text).replace("|", "\\|");
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private static <T> List<T> list(List<T> items) {
    return items == null ? List.of() : items;
  }
}
