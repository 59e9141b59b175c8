package dev.fireline.policy;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Planning of work done once a day at the business calendar's {@code dayStart} in its zone (the
 * action item reminders on business days, the coverage check on every day). Pure: workflow code
 * calls it with workflow time.
 */
public final class DayStarts {
  private DayStarts() {}

  /**
   * The first day after {@code lastDay} (null: none done yet) whose day start is not yet past:
   * today before the day starts, otherwise a later day; with {@code businessDaysOnly} only business
   * days count. Null when there is none within a year (a calendar without business days).
   */
  public static LocalDate next(
      BusinessCalendar calendar, Instant now, LocalDate lastDay, boolean businessDaysOnly) {
    LocalDate day = calendar.dateOf(now);
    for (int i = 0; i <= 366; i++, day = day.plusDays(1)) {
      if ((!businessDaysOnly || calendar.businessDay(day))
          && (lastDay == null || day.isAfter(lastDay))
          && !calendar.startOf(day).isBefore(now)) {
        return day;
      }
    }
    return null;
  }
}
