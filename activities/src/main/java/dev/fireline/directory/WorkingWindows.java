package dev.fireline.directory;

import dev.fireline.policy.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * When a person is at work: their working hours in the directory (days, start, end in their time
 * zone). Low-urgency phone pages wait for the start of the next window. Someone without working
 * hours is always at work: holding their pages by a calendar they never chose would leave them
 * unpaged without their knowing.
 */
final class WorkingWindows {
  /** A window further away than this is no window: the page goes out (never wait for ever). */
  private static final int DAYS_AHEAD = 14;

  private WorkingWindows() {}

  /**
   * The start of the next window when {@code at} is outside one; empty within one, and for someone
   * without working hours. Their time zone defaults to the business calendar's.
   */
  static Optional<Instant> nextStart(Person person, BusinessCalendar calendar, Instant at) {
    Person.WorkingHours hours = person.workingHours();
    if (hours == null || hours.days() == null || hours.days().isEmpty()) {
      return Optional.empty();
    }
    ZoneId zone = zone(person.timeZone(), calendar.zone());
    return nextStart(at, zone, hours.days(), List.of(), hours.start(), hours.end());
  }

  static Optional<Instant> nextStart(
      Instant at,
      ZoneId zone,
      List<DayOfWeek> days,
      List<LocalDate> holidays,
      LocalTime start,
      LocalTime end) {
    ZonedDateTime now = at.atZone(zone);
    // a window that began yesterday and runs past midnight (22:00-06:00) may hold "now"
    for (int i = -1; i <= DAYS_AHEAD; i++) {
      LocalDate date = now.toLocalDate().plusDays(i);
      if (!days.contains(date.getDayOfWeek()) || holidays.contains(date)) {
        continue;
      }
      ZonedDateTime from = date.atTime(start).atZone(zone);
      ZonedDateTime to = (end.isAfter(start) ? date : date.plusDays(1)).atTime(end).atZone(zone);
      if (!now.isBefore(from) && now.isBefore(to)) {
        return Optional.empty();
      }
      if (from.isAfter(now)) {
        return Optional.of(from.toInstant());
      }
    }
    return Optional.empty();
  }

  private static ZoneId zone(String personal, String fallback) {
    try {
      return ZoneId.of(personal != null && !personal.isBlank() ? personal : fallback);
    } catch (java.time.DateTimeException e) {
      return ZoneId.of(fallback);
    }
  }
}
