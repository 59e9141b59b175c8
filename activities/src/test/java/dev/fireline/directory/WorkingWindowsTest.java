package dev.fireline.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.policy.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When a low-urgency phone page may go: within a person's working hours, or at their next start.
 */
class WorkingWindowsTest {
  private static final BusinessCalendar CALENDAR = BusinessCalendar.mondayToFriday("UTC");
  private static final List<DayOfWeek> WEEKDAYS =
      List.of(
          DayOfWeek.MONDAY,
          DayOfWeek.TUESDAY,
          DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY,
          DayOfWeek.FRIDAY);

  private static Person berliner(List<DayOfWeek> days, String start, String end) {
    return new Person(
        "ana",
        "Ana",
        List.of(),
        List.of(),
        "Europe/Berlin",
        new Person.WorkingHours(days, LocalTime.parse(start), LocalTime.parse(end)));
  }

  @Test
  void withinTheirHoursNothingWaits() {
    // Wednesday 5 June 2024, 10:00 in Berlin
    assertThat(
            WorkingWindows.nextStart(
                berliner(WEEKDAYS, "09:00", "17:00"),
                CALENDAR,
                Instant.parse("2024-06-05T08:00:00Z")))
        .isEmpty();
  }

  @Test
  void atNightItWaitsForTheirMorningInTheirZone() {
    assertThat(
            WorkingWindows.nextStart(
                berliner(WEEKDAYS, "09:00", "17:00"),
                CALENDAR,
                Instant.parse("2024-06-05T01:00:00Z")))
        .contains(Instant.parse("2024-06-05T07:00:00Z"));
  }

  @Test
  void onFridayEveningItWaitsForMonday() {
    assertThat(
            WorkingWindows.nextStart(
                berliner(WEEKDAYS, "09:00", "17:00"),
                CALENDAR,
                Instant.parse("2024-06-07T18:00:00Z")))
        .contains(Instant.parse("2024-06-10T07:00:00Z"));
  }

  @Test
  void aNightShiftRunsPastMidnight() {
    Person nights = berliner(List.of(DayOfWeek.WEDNESDAY), "22:00", "06:00");
    // Thursday 02:00 Berlin: still Wednesday's shift
    assertThat(WorkingWindows.nextStart(nights, CALENDAR, Instant.parse("2024-06-06T00:00:00Z")))
        .isEmpty();
  }

  @Test
  void withoutWorkingHoursSomeoneIsAlwaysReachable() {
    Person anyHour = new Person("bo", "Bo", List.of(), List.of(), null, null);
    assertThat(WorkingWindows.nextStart(anyHour, CALENDAR, Instant.parse("2024-06-05T01:00:00Z")))
        .isEmpty();
  }
}
