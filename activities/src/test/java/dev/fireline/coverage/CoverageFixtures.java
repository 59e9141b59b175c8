package dev.fireline.coverage;

import dev.fireline.directory.EscalationPolicyDefinition;
import dev.fireline.directory.EscalationPolicyDefinition.Level;
import dev.fireline.directory.EscalationPolicyDefinition.Target;
import dev.fireline.directory.Person;
import dev.fireline.directory.Person.Channel;
import dev.fireline.directory.Person.ContactMethod;
import dev.fireline.directory.Person.NotificationRule;
import dev.fireline.directory.Schedule;
import dev.fireline.directory.Schedule.Layer;
import dev.fireline.directory.Schedule.Restriction;
import dev.fireline.directory.Schedule.Rotation;
import dev.fireline.directory.Schedule.Turn;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * A Europe/Berlin schedule with one planted hole a week: layer "office" (weekdays 09:00–17:00) and
 * layer "after-hours", on duty every other hour of the week except Saturday 22:00 to Sunday 06:00.
 * Both rotate weekly at Monday 09:00 from 5 October 2026.
 */
final class CoverageFixtures {
  static final String ZONE = "Europe/Berlin";
  static final List<DayOfWeek> WEEKDAYS =
      List.of(
          DayOfWeek.MONDAY,
          DayOfWeek.TUESDAY,
          DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY,
          DayOfWeek.FRIDAY);

  private CoverageFixtures() {}

  static Schedule saturdayNightHole(
      String id, List<String> office, List<String> afterHours, Schedule.Override... overrides) {
    LocalDateTime start = LocalDateTime.parse("2026-10-05T09:00");
    Layer officeLayer =
        new Layer(
            "office",
            new Rotation(start, new Turn(1, Turn.Unit.WEEKS), office),
            List.of(window(WEEKDAYS, "09:00", "17:00")));
    Layer afterHoursLayer =
        new Layer(
            "after-hours",
            new Rotation(start, new Turn(1, Turn.Unit.WEEKS), afterHours),
            List.of(
                // Sunday to Friday evenings into the next morning (to <= from: overnight)
                window(
                    List.of(
                        DayOfWeek.SUNDAY,
                        DayOfWeek.MONDAY,
                        DayOfWeek.TUESDAY,
                        DayOfWeek.WEDNESDAY,
                        DayOfWeek.THURSDAY,
                        DayOfWeek.FRIDAY),
                    "17:00",
                    "09:00"),
                window(List.of(DayOfWeek.SATURDAY), "09:00", "22:00"),
                window(List.of(DayOfWeek.SUNDAY), "06:00", "17:00")));
    return new Schedule(
        id, "Ops " + id, ZONE, List.of(officeLayer, afterHoursLayer), List.of(overrides));
  }

  static Restriction window(List<DayOfWeek> days, String from, String to) {
    return new Restriction(days, LocalTime.parse(from), LocalTime.parse(to));
  }

  /** A person reached by {@code rule}'s channel, with contacts on {@code contacts}' channels. */
  static Person person(String id, Channel rule, Channel... contacts) {
    List<ContactMethod> methods =
        java.util.Arrays.stream(contacts).map(c -> new ContactMethod(c, address(c, id))).toList();
    return new Person(
        id,
        "Person " + id,
        methods,
        List.of(new NotificationRule(rule, Duration.ZERO)),
        "UTC",
        null);
  }

  private static String address(Channel channel, String id) {
    return switch (channel) {
      case SMS, VOICE -> "+15550100" + String.format("%03d", Math.abs(id.hashCode()) % 1000);
      case EMAIL -> id + "@example.com";
      case CHAT -> "@" + id;
    };
  }

  static EscalationPolicyDefinition policy(String id, List<List<Target>> levels) {
    return new EscalationPolicyDefinition(
        id,
        "Policy " + id,
        0,
        levels.stream().map(targets -> new Level(Duration.ofMinutes(15), targets)).toList(),
        Map.of());
  }

  static Target schedule(String id) {
    return new Target(Target.Type.SCHEDULE, id, null);
  }

  static Target team(String id) {
    return new Target(Target.Type.TEAM, id, null);
  }

  static Target personTarget(String id) {
    return new Target(Target.Type.PERSON, id, null);
  }
}
