package dev.fireline.policy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Working days, holidays and the working day's hours in one time zone; postmortem due dates and the
 * SEV4 acknowledgement target count in these business days.
 */
public record BusinessCalendar(
    String zone,
    List<DayOfWeek> workingDays,
    List<LocalDate> holidays,
    LocalTime dayStart,
    LocalTime dayEnd) {

  public static BusinessCalendar mondayToFriday(String zone) {
    return new BusinessCalendar(
        zone,
        List.of(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY),
        List.of(),
        LocalTime.of(9, 0),
        LocalTime.of(17, 0));
  }

  public boolean businessDay(LocalDate date) {
    return workingDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
  }

  /** The business day {@code days} business days after (or, negative, before) {@code date}. */
  public LocalDate plusBusinessDays(LocalDate date, int days) {
    int step = days >= 0 ? 1 : -1;
    LocalDate current = date;
    for (int remaining = Math.abs(days); remaining > 0; ) {
      current = current.plusDays(step);
      if (businessDay(current)) {
        remaining--;
      }
    }
    return current;
  }

  /** The first business day strictly after {@code date}. */
  public LocalDate nextBusinessDay(LocalDate date) {
    return plusBusinessDays(date, 1);
  }

  /** Business days from {@code from} to {@code to}: positive when {@code to} is later. */
  public int businessDaysBetween(LocalDate from, LocalDate to) {
    int sign = to.isBefore(from) ? -1 : 1;
    LocalDate start = sign > 0 ? from : to;
    LocalDate end = sign > 0 ? to : from;
    int count = 0;
    for (LocalDate day = start.plusDays(1); !day.isAfter(end); day = day.plusDays(1)) {
      if (businessDay(day)) {
        count++;
      }
    }
    return sign * count;
  }

  public LocalDate dateOf(Instant instant) {
    return instant.atZone(zoneId()).toLocalDate();
  }

  public Instant startOf(LocalDate date) {
    return date.atTime(dayStart).atZone(zoneId()).toInstant();
  }

  public Instant endOf(LocalDate date) {
    return date.atTime(dayEnd).atZone(zoneId()).toInstant();
  }

  private ZoneId zoneId() {
    return ZoneId.of(zone);
  }
}
