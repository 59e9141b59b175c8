package dev.fireline.coverage;

import dev.fireline.coverage.PolicyCoverage.LevelGap;
import dev.fireline.coverage.ScheduleCoverage.Unreachable;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationKind;
import dev.fireline.policy.PolicyActivities;
import dev.fireline.policy.Recipient;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The notices the leads get: one per gap, lead and channel that acts at once. The idempotency key
 * is made of what identifies the gap — the schedule (or policy level) and the gap's start — so the
 * same gap found again by a retry or the next day's check has the same key.
 */
final class GapNotices {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  private final PolicyActivities people;
  private final Map<String, List<Recipient>> recipients = new HashMap<>();

  GapNotices(PolicyActivities people) {
    this.people = people;
  }

  /** A gap to tell of: key prefix, subject and body. */
  record Gap(String key, String subject, String body) {}

  static String key(String scheduleId, Instant gapStart) {
    return "coverage/schedule/" + scheduleId + "/" + gapStart;
  }

  static List<Gap> of(ScheduleCoverage schedule) {
    ZoneId zone = ZoneId.of(schedule.timeZone());
    List<Gap> gaps = new ArrayList<>();
    for (Span span : schedule.nobodyOnCall()) {
      gaps.add(
          new Gap(
              key(schedule.scheduleId(), span.start()),
              "Coverage gap: nobody on call for " + name(schedule) + " " + when(span, zone),
              "Nobody is on call for schedule "
                  + schedule.scheduleId()
                  + " from "
                  + span.localStart()
                  + " to "
                  + span.localEnd()
                  + " ("
                  + span.start()
                  + " to "
                  + span.end()
                  + " UTC)."
                  + "\nPages to this schedule in that time reach nobody: add an override or change"
                  + " the rotation.\nGET /api/schedules/"
                  + schedule.scheduleId()
                  + "/gaps"));
    }
    for (Unreachable person : schedule.unreachable()) {
      Span first = person.onCall().get(0);
      gaps.add(
          new Gap(
              "coverage/schedule/"
                  + schedule.scheduleId()
                  + "/unreachable/"
                  + person.personId()
                  + "/"
                  + person.since(),
              "Coverage gap: "
                  + person.name()
                  + " is on call for "
                  + name(schedule)
                  + " but cannot be reached",
              person.name()
                  + " ("
                  + person.personId()
                  + ") is on call for schedule "
                  + schedule.scheduleId()
                  + " from "
                  + first.localStart()
                  + " ("
                  + first.start()
                  + " UTC) and no notification rule reaches them: "
                  + String.join("; ", person.reasons())
                  + ".\nGive them a contact address for a rule's channel, or a rule on a channel"
                  + " with a provider.\nGET /api/schedules/"
                  + schedule.scheduleId()
                  + "/gaps"));
    }
    return gaps;
  }

  static List<Gap> of(PolicyCoverage policy) {
    ZoneId zone = ZoneId.of(policy.timeZone());
    List<Gap> gaps = new ArrayList<>();
    for (LevelGap level : policy.levels()) {
      String which =
          (level.variant() == null ? "" : level.variant() + " ") + "level " + level.level();
      gaps.add(
          new Gap(
              "coverage/policy/"
                  + policy.policyId()
                  + "/"
                  + (level.variant() == null ? "levels" : level.variant())
                  + "/"
                  + level.level()
                  + "/"
                  + level.gap().start(),
              "Coverage gap: "
                  + which
                  + " of escalation policy "
                  + policy.policyId()
                  + " "
                  + level.reason()
                  + " "
                  + when(level.gap(), zone),
              "Level "
                  + level.level()
                  + (level.variant() == null ? "" : " (" + level.variant() + " levels)")
                  + " of escalation policy "
                  + policy.policyId()
                  + " ("
                  + String.join(", ", level.targets())
                  + ") "
                  + level.reason()
                  + " from "
                  + level.gap().localStart()
                  + " to "
                  + level.gap().localEnd()
                  + " ("
                  + level.gap().start()
                  + " to "
                  + level.gap().end()
                  + " UTC)."
                  + (level.problems().isEmpty() ? "" : "\n" + String.join("\n", level.problems()))
                  + "\nGET /api/coverage/gaps"));
    }
    return gaps;
  }

  /** The notifications of {@code gap} to {@code leads}, through their rules that act at once. */
  List<Notification> notify(Gap gap, List<String> leads, Instant at) {
    List<Notification> out = new ArrayList<>();
    for (String lead : leads) {
      for (Recipient recipient :
          recipients.computeIfAbsent(lead, id -> people.recipients(List.of("person:" + id), at))) {
        for (Recipient.Rule rule : recipient.rules()) {
          if (rule.immediate()) {
            out.add(
                new Notification(
                    gap.key() + "/" + recipient.id() + "/" + rule.channel(),
                    0,
                    NotificationKind.COVERAGE_GAP,
                    recipient.id(),
                    recipient.name(),
                    rule.channel(),
                    gap.subject(),
                    gap.body()));
          }
        }
      }
    }
    return out;
  }

  private static String name(ScheduleCoverage schedule) {
    return schedule.name() == null || schedule.name().isBlank()
        ? schedule.scheduleId()
        : schedule.name();
  }

  private static String when(Span span, ZoneId zone) {
    return WHEN.format(span.start().atZone(zone))
        + " – "
        + WHEN.format(span.end().atZone(zone))
        + " ("
        + zone.getId()
        + ")";
  }
}
