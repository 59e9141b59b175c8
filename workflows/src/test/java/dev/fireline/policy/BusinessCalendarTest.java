package dev.fireline.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
  private static final BusinessCalendar BERLIN = BusinessCalendar.mondayToFriday("Europe/Berlin");

  /** Christmas Day and Boxing Day 2024 fall on Wednesday and Thursday. */
  private static final BusinessCalendar WITH_CHRISTMAS =
      new BusinessCalendar(
          "Europe/Berlin",
          BERLIN.workingDays(),
          List.of(LocalDate.of(2024, 12, 25), LocalDate.of(2024, 12, 26)),
          LocalTime.of(9, 0),
          LocalTime.of(17, 0));

  private static LocalDate june(int day) {
    return LocalDate.of(2024, 6, day); // 3 June 2024 is a Monday
  }

  @Test
  void addsBusinessDaysAcrossWeekends() {
    assertThat(june(5).getDayOfWeek()).isEqualTo(DayOfWeek.WEDNESDAY);
    assertThat(BERLIN.plusBusinessDays(june(5), 5)).isEqualTo(june(12));
    assertThat(BERLIN.plusBusinessDays(june(7), 1)).isEqualTo(june(10)); // Fri → Mon
    assertThat(BERLIN.plusBusinessDays(june(8), 1)).isEqualTo(june(10)); // Sat → Mon
    assertThat(BERLIN.plusBusinessDays(june(5), 10)).isEqualTo(june(19));
    assertThat(BERLIN.plusBusinessDays(june(8), 0)).isEqualTo(june(8));
    assertThat(BERLIN.nextBusinessDay(june(7))).isEqualTo(june(10));
  }

  @Test
  void subtractsBusinessDays() {
    assertThat(BERLIN.plusBusinessDays(june(12), -2)).isEqualTo(june(10));
    assertThat(BERLIN.plusBusinessDays(june(10), -1)).isEqualTo(june(7)); // Mon → Fri
    assertThat(BERLIN.plusBusinessDays(june(11), -2)).isEqualTo(june(7));
  }

  @Test
  void skipsHolidays() {
    LocalDate monday = LocalDate.of(2024, 12, 23);
    assertThat(WITH_CHRISTMAS.businessDay(LocalDate.of(2024, 12, 25))).isFalse();
    assertThat(WITH_CHRISTMAS.businessDay(LocalDate.of(2024, 12, 24))).isTrue();
    // Tue 24 (1), Wed 25 and Thu 26 off, Fri 27 (2), Mon 30 (3)
    assertThat(WITH_CHRISTMAS.plusBusinessDays(monday, 3)).isEqualTo(LocalDate.of(2024, 12, 30));
    assertThat(WITH_CHRISTMAS.plusBusinessDays(LocalDate.of(2024, 12, 27), -1))
        .isEqualTo(LocalDate.of(2024, 12, 24));
    assertThat(WITH_CHRISTMAS.nextBusinessDay(LocalDate.of(2024, 12, 24)))
        .isEqualTo(LocalDate.of(2024, 12, 27));
    assertThat(WITH_CHRISTMAS.businessDaysBetween(monday, LocalDate.of(2024, 12, 30))).isEqualTo(3);
  }

  @Test
  void countsBusinessDaysBetweenDates() {
    assertThat(BERLIN.businessDaysBetween(june(10), june(12))).isEqualTo(2);
    assertThat(BERLIN.businessDaysBetween(june(12), june(12))).isZero();
    assertThat(BERLIN.businessDaysBetween(june(7), june(10))).isEqualTo(1); // Fri → Mon
    assertThat(BERLIN.businessDaysBetween(june(8), june(9))).isZero(); // Sat → Sun
    assertThat(BERLIN.businessDaysBetween(june(12), june(13))).isEqualTo(1);
    assertThat(BERLIN.businessDaysBetween(june(13), june(12))).isEqualTo(-1);
    assertThat(BERLIN.businessDaysBetween(june(17), june(12))).isEqualTo(-3);
    assertThat(BERLIN.businessDaysBetween(june(5), BERLIN.plusBusinessDays(june(5), 5)))
        .isEqualTo(5);
  }

  @Test
  void dayBoundariesAreLocalTime() {
    assertThat(BERLIN.startOf(june(10))).isEqualTo(Instant.parse("2024-06-10T07:00:00Z")); // CEST
    assertThat(BERLIN.endOf(june(10))).isEqualTo(Instant.parse("2024-06-10T15:00:00Z"));
    assertThat(BERLIN.startOf(LocalDate.of(2024, 12, 23)))
        .isEqualTo(Instant.parse("2024-12-23T08:00:00Z")); // CET
    assertThat(BERLIN.dateOf(Instant.parse("2024-06-09T22:30:00Z"))).isEqualTo(june(10));
    assertThat(BusinessCalendar.mondayToFriday("UTC").dateOf(Instant.parse("2024-06-09T22:30:00Z")))
        .isEqualTo(june(9));
  }
}
