package dev.fireline.directory;

import dev.fireline.directory.Schedule.Layer;
import dev.fireline.directory.Schedule.Restriction;
import dev.fireline.directory.Schedule.Rotation;
import dev.fireline.directory.Schedule.Turn;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

/** Terse builders for schedules in tests. */
final class ScheduleFixtures {
  static final List<DayOfWeek> WEEKDAYS =
      List.of(
          DayOfWeek.MONDAY,
          DayOfWeek.TUESDAY,
          DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY,
          DayOfWeek.FRIDAY);
  static final List<DayOfWeek> EVERY_DAY = Arrays.asList(DayOfWeek.values());

  private ScheduleFixtures() {}

  static Schedule schedule(String zone, List<Layer> layers, Schedule.Override... overrides) {
    return new Schedule("sched-1", "Payments", zone, layers, List.of(overrides));
  }

  static Layer layer(String name, Rotation rotation, Restriction... restrictions) {
    return new Layer(name, rotation, List.of(restrictions));
  }

  static Rotation rotation(String firstHandoff, int amount, Turn.Unit unit, String... people) {
    return new Rotation(LocalDateTime.parse(firstHandoff), new Turn(amount, unit), List.of(people));
  }

  static Rotation weekly(String firstHandoff, String... people) {
    return rotation(firstHandoff, 1, Turn.Unit.WEEKS, people);
  }

  static Rotation daily(String firstHandoff, String... people) {
    return rotation(firstHandoff, 1, Turn.Unit.DAYS, people);
  }

  static Restriction window(List<DayOfWeek> days, String from, String to) {
    return new Restriction(days, LocalTime.parse(from), LocalTime.parse(to));
  }

  static Schedule.Override override(
      String id, String start, String end, String person, String layer) {
    return new Schedule.Override(id, at(start), at(end), person, layer);
  }

  static Instant at(String instant) {
    return Instant.parse(instant);
  }

  static Shift shift(String layer, String person, String start, String end) {
    return new Shift("sched-1", layer, person, at(start), at(end), false);
  }

  static Shift overrideShift(String layer, String person, String start, String end) {
    return new Shift("sched-1", layer, person, at(start), at(end), true);
  }
}
