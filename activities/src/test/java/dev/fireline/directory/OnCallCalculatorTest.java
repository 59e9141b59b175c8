package dev.fireline.directory;

import static dev.fireline.directory.ScheduleFixtures.EVERY_DAY;
import static dev.fireline.directory.ScheduleFixtures.WEEKDAYS;
import static dev.fireline.directory.ScheduleFixtures.at;
import static dev.fireline.directory.ScheduleFixtures.daily;
import static dev.fireline.directory.ScheduleFixtures.layer;
import static dev.fireline.directory.ScheduleFixtures.override;
import static dev.fireline.directory.ScheduleFixtures.overrideShift;
import static dev.fireline.directory.ScheduleFixtures.rotation;
import static dev.fireline.directory.ScheduleFixtures.schedule;
import static dev.fireline.directory.ScheduleFixtures.shift;
import static dev.fireline.directory.ScheduleFixtures.weekly;
import static dev.fireline.directory.ScheduleFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fireline.directory.Schedule.Turn;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnCallCalculatorTest {

  // --- weekly handoffs across daylight-saving changes
  // ---------------------------------------------

  /** Mondays 09:00 in New York, first handoff 2024-01-01 (113 weeks before 2026-03-02). */
  private static final Schedule NEW_YORK_WEEKLY =
      schedule(
          "America/New_York",
          List.of(layer("primary", weekly("2024-01-01T09:00", "alice", "bob", "carol"))));

  @Test
  void weeklyHandoffStaysAtNineLocalWhenNewYorkSpringsForward() {
    // 2026-03-08 02:00 EST -> 03:00 EDT. 09:00 EST = 14:00Z, 09:00 EDT = 13:00Z.
    List<Shift> shifts =
        OnCallCalculator.shifts(
            NEW_YORK_WEEKLY, at("2026-03-01T00:00:00Z"), at("2026-03-17T00:00:00Z"));

    assertThat(shifts)
        .containsExactly(
            shift("primary", "bob", "2026-03-01T00:00:00Z", "2026-03-02T14:00:00Z"), // week 112
            shift("primary", "carol", "2026-03-02T14:00:00Z", "2026-03-09T13:00:00Z"),
            shift("primary", "alice", "2026-03-09T13:00:00Z", "2026-03-16T13:00:00Z"),
            shift("primary", "bob", "2026-03-16T13:00:00Z", "2026-03-17T00:00:00Z"));
    assertThat(length(shifts.get(1))).isEqualTo(Duration.ofHours(167));
    assertThat(length(shifts.get(2))).isEqualTo(Duration.ofHours(168));
  }

  @Test
  void weeklyHandoffStaysAtNineLocalWhenNewYorkFallsBack() {
    // 2026-11-01 02:00 EDT -> 01:00 EST. 2026-10-26 is week 147 = alice.
    List<Shift> shifts =
        OnCallCalculator.shifts(
            NEW_YORK_WEEKLY, at("2026-10-25T00:00:00Z"), at("2026-11-10T00:00:00Z"));

    assertThat(shifts)
        .containsExactly(
            shift("primary", "carol", "2026-10-25T00:00:00Z", "2026-10-26T13:00:00Z"),
            shift("primary", "alice", "2026-10-26T13:00:00Z", "2026-11-02T14:00:00Z"),
            shift("primary", "bob", "2026-11-02T14:00:00Z", "2026-11-09T14:00:00Z"),
            shift("primary", "carol", "2026-11-09T14:00:00Z", "2026-11-10T00:00:00Z"));
    assertThat(length(shifts.get(1))).isEqualTo(Duration.ofHours(169));
  }

  @Test
  void weeklyHandoffStaysAtNineLocalAcrossBerlinDaylightSaving() {
    // CET = UTC+1, CEST = UTC+2; changes 2026-03-29 and 2026-10-25.
    Schedule berlin =
        schedule(
            "Europe/Berlin", List.of(layer("primary", weekly("2026-01-05T09:00", "alice", "bob"))));

    assertThat(
            OnCallCalculator.shifts(berlin, at("2026-03-23T00:00:00Z"), at("2026-04-07T00:00:00Z")))
        .containsExactly(
            shift("primary", "alice", "2026-03-23T00:00:00Z", "2026-03-23T08:00:00Z"),
            shift("primary", "bob", "2026-03-23T08:00:00Z", "2026-03-30T07:00:00Z"), // 167 h
            shift("primary", "alice", "2026-03-30T07:00:00Z", "2026-04-06T07:00:00Z"),
            shift("primary", "bob", "2026-04-06T07:00:00Z", "2026-04-07T00:00:00Z"));

    // onCallAt reports the whole turn, not clipped: 2026-10-19 09:00 CEST to 10-26 09:00 CET.
    List<Shift> now = OnCallCalculator.onCallAt(berlin, at("2026-10-22T12:00:00Z"));
    assertThat(now)
        .containsExactly(shift("primary", "bob", "2026-10-19T07:00:00Z", "2026-10-26T08:00:00Z"));
    assertThat(length(now.get(0))).isEqualTo(Duration.ofHours(169));
  }

  @Test
  void beforeTheFirstHandoffNobodyIsOnCall() {
    Schedule s =
        schedule(
            "Europe/Berlin", List.of(layer("primary", weekly("2026-01-05T09:00", "alice", "bob"))));

    assertThat(OnCallCalculator.onCall(s, null, at("2026-01-05T07:59:59Z"))).isEmpty();
    assertThat(OnCallCalculator.onCall(s, null, at("2026-01-05T08:00:00Z"))).contains("alice");
    assertThat(OnCallCalculator.shifts(s, at("2026-01-01T00:00:00Z"), at("2026-01-06T00:00:00Z")))
        .containsExactly(shift("primary", "alice", "2026-01-05T08:00:00Z", "2026-01-06T00:00:00Z"));
    assertThat(OnCallCalculator.onCallAt(s, at("2026-01-01T00:00:00Z"))).isEmpty();
  }

  // --- daily, 12-hour and hourly turns
  // ------------------------------------------------------------

  @Test
  void dailyTurnsAreTwentyThreeHoursOnTheSpringForwardDay() {
    Schedule s =
        schedule(
            "America/New_York",
            List.of(layer("primary", daily("2026-03-01T08:00", "alice", "bob"))));

    // Mar 7 = day 6 (alice), Mar 8 = bob, Mar 9 = alice; 08:00 EST = 13Z, 08:00 EDT = 12Z.
    assertThat(OnCallCalculator.shifts(s, at("2026-03-07T13:00:00Z"), at("2026-03-10T12:00:00Z")))
        .containsExactly(
            shift("primary", "alice", "2026-03-07T13:00:00Z", "2026-03-08T12:00:00Z"),
            shift("primary", "bob", "2026-03-08T12:00:00Z", "2026-03-09T12:00:00Z"),
            shift("primary", "alice", "2026-03-09T12:00:00Z", "2026-03-10T12:00:00Z"));
  }

  @Test
  void twelveHourTurnsHandOffAtEightAndTwentyLocal() {
    Schedule s =
        schedule(
            "America/New_York",
            List.of(
                layer(
                    "primary",
                    rotation("2026-03-01T08:00", 12, Turn.Unit.HOURS, "alice", "bob", "carol"))));

    // Turn 12 = 2026-03-07 08:00 EST (alice); the night turn across the change is 11 h.
    assertThat(OnCallCalculator.shifts(s, at("2026-03-07T13:00:00Z"), at("2026-03-09T00:00:00Z")))
        .containsExactly(
            shift("primary", "alice", "2026-03-07T13:00:00Z", "2026-03-08T01:00:00Z"),
            shift("primary", "bob", "2026-03-08T01:00:00Z", "2026-03-08T12:00:00Z"),
            shift("primary", "carol", "2026-03-08T12:00:00Z", "2026-03-09T00:00:00Z"));
  }

  @Test
  void anHourlyTurnInTheSpringForwardGapIsEmpty() {
    // 02:00 local does not exist on 2026-03-08: the 02:00 turn (carol's) starts and ends at 03:00.
    Schedule s =
        schedule(
            "America/New_York",
            List.of(
                layer(
                    "primary",
                    rotation("2026-03-08T00:00", 1, Turn.Unit.HOURS, "alice", "bob", "carol"))));

    assertThat(OnCallCalculator.shifts(s, at("2026-03-08T05:00:00Z"), at("2026-03-08T09:00:00Z")))
        .containsExactly(
            shift("primary", "alice", "2026-03-08T05:00:00Z", "2026-03-08T06:00:00Z"),
            shift("primary", "bob", "2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z"),
            shift("primary", "alice", "2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z"),
            shift("primary", "bob", "2026-03-08T08:00:00Z", "2026-03-08T09:00:00Z"));
  }

  @Test
  void anHourlyTurnAtTheAmbiguousFallBackHourLastsTwoHours() {
    // 01:00 happens twice on 2026-11-01; the turn starts at the first (EDT) and runs to 02:00 EST.
    Schedule s =
        schedule(
            "America/New_York",
            List.of(
                layer(
                    "primary",
                    rotation("2026-11-01T00:00", 1, Turn.Unit.HOURS, "alice", "bob", "carol"))));

    assertThat(OnCallCalculator.shifts(s, at("2026-11-01T04:00:00Z"), at("2026-11-01T08:00:00Z")))
        .containsExactly(
            shift("primary", "alice", "2026-11-01T04:00:00Z", "2026-11-01T05:00:00Z"),
            shift("primary", "bob", "2026-11-01T05:00:00Z", "2026-11-01T07:00:00Z"),
            shift("primary", "carol", "2026-11-01T07:00:00Z", "2026-11-01T08:00:00Z"));
  }

  @Test
  void aYearOfHourlyTurnsTenYearsAfterTheFirstHandoffIsQuick() {
    Schedule s =
        schedule(
            "Europe/Berlin",
            List.of(
                layer(
                    "primary",
                    rotation("2016-01-01T00:00", 1, Turn.Unit.HOURS, "alice", "bob", "carol"))));

    long started = System.nanoTime();
    List<Shift> shifts =
        OnCallCalculator.shifts(s, at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // 8760 hours, less the hour lost in March, one turn of two hours in October.
    assertThat(shifts).hasSize(8760 - 1);
    assertThat(took).isLessThan(Duration.ofSeconds(3));
  }

  // --- restrictions
  // -------------------------------------------------------------------------------

  /** Daily 09:00 handoffs, on duty weekdays 09-17; 2026-06-01 is a Monday (EDT = UTC-4). */
  private static final Schedule OFFICE_HOURS =
      schedule(
          "America/New_York",
          List.of(
              layer(
                  "primary",
                  daily("2026-06-01T09:00", "alice", "bob"),
                  window(WEEKDAYS, "09:00", "17:00"))));

  @Test
  void weekdayOfficeHoursOnly() {
    assertThat(
            OnCallCalculator.shifts(
                OFFICE_HOURS, at("2026-06-01T00:00:00Z"), at("2026-06-09T00:00:00Z")))
        .containsExactly(
            shift("primary", "alice", "2026-06-01T13:00:00Z", "2026-06-01T21:00:00Z"),
            shift("primary", "bob", "2026-06-02T13:00:00Z", "2026-06-02T21:00:00Z"),
            shift("primary", "alice", "2026-06-03T13:00:00Z", "2026-06-03T21:00:00Z"),
            shift("primary", "bob", "2026-06-04T13:00:00Z", "2026-06-04T21:00:00Z"),
            shift("primary", "alice", "2026-06-05T13:00:00Z", "2026-06-05T21:00:00Z"),
            shift("primary", "bob", "2026-06-08T13:00:00Z", "2026-06-08T21:00:00Z"));
    assertThat(OnCallCalculator.onCall(OFFICE_HOURS, null, at("2026-06-06T15:00:00Z"))).isEmpty();
    assertThat(OnCallCalculator.onCall(OFFICE_HOURS, null, at("2026-06-05T20:59:59Z")))
        .contains("alice");
    assertThat(OnCallCalculator.onCall(OFFICE_HOURS, null, at("2026-06-05T21:00:00Z"))).isEmpty();
  }

  @Test
  void overnightWindowsRunIntoTheNextDay() {
    Schedule nights =
        schedule(
            "UTC",
            List.of(
                layer(
                    "nights",
                    weekly("2026-06-01T09:00", "alice", "bob"),
                    window(WEEKDAYS, "18:00", "08:00"))));

    assertThat(
            OnCallCalculator.shifts(nights, at("2026-06-01T00:00:00Z"), at("2026-06-09T00:00:00Z")))
        .containsExactly(
            shift("nights", "alice", "2026-06-01T18:00:00Z", "2026-06-02T08:00:00Z"),
            shift("nights", "alice", "2026-06-02T18:00:00Z", "2026-06-03T08:00:00Z"),
            shift("nights", "alice", "2026-06-03T18:00:00Z", "2026-06-04T08:00:00Z"),
            shift("nights", "alice", "2026-06-04T18:00:00Z", "2026-06-05T08:00:00Z"),
            shift("nights", "alice", "2026-06-05T18:00:00Z", "2026-06-06T08:00:00Z"), // Fri night
            shift("nights", "bob", "2026-06-08T18:00:00Z", "2026-06-09T00:00:00Z"));
    assertThat(OnCallCalculator.onCall(nights, "nights", at("2026-06-06T07:59:00Z")))
        .contains("alice");
    assertThat(OnCallCalculator.onCall(nights, "nights", at("2026-06-08T07:00:00Z"))).isEmpty();
  }

  @Test
  void restrictionWindowsFollowDaylightSaving() {
    // Saturday 2026-03-07 18:00 EST (23Z) to Sunday 08:00 EDT (12Z): a 13-hour night.
    Schedule nights =
        schedule(
            "America/New_York",
            List.of(
                layer(
                    "nights",
                    weekly("2026-03-02T09:00", "alice"),
                    window(List.of(DayOfWeek.SATURDAY), "18:00", "08:00"))));

    assertThat(
            OnCallCalculator.shifts(nights, at("2026-03-07T00:00:00Z"), at("2026-03-09T00:00:00Z")))
        .containsExactly(shift("nights", "alice", "2026-03-07T23:00:00Z", "2026-03-08T12:00:00Z"));
  }

  @Test
  void restrictionWindowsThatTouchMergeIntoOneShift() {
    // A whole weekend as two windows a day: 00:00-12:00 and 12:00-00:00.
    Schedule weekends =
        schedule(
            "UTC",
            List.of(
                layer(
                    "weekend",
                    weekly("2026-06-01T09:00", "alice", "bob"),
                    window(List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), "00:00", "12:00"),
                    window(List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), "12:00", "00:00"))));

    assertThat(
            OnCallCalculator.shifts(
                weekends, at("2026-06-01T00:00:00Z"), at("2026-06-15T00:00:00Z")))
        .containsExactly(
            shift("weekend", "alice", "2026-06-06T00:00:00Z", "2026-06-08T00:00:00Z"),
            shift("weekend", "bob", "2026-06-13T00:00:00Z", "2026-06-15T00:00:00Z"));
  }

  // --- layers
  // -------------------------------------------------------------------------------------

  @Test
  void primaryAnswersForTheScheduleAndSecondaryCanBeAskedByName() {
    Schedule s =
        schedule(
            "UTC",
            List.of(
                layer("primary", weekly("2026-06-01T09:00", "alice", "bob")),
                layer("secondary", weekly("2026-06-01T09:00", "bob", "carol"))));
    Instant wednesday = at("2026-06-03T12:00:00Z");

    assertThat(OnCallCalculator.onCall(s, null, wednesday)).contains("alice");
    assertThat(OnCallCalculator.onCall(s, "primary", wednesday)).contains("alice");
    assertThat(OnCallCalculator.onCall(s, "secondary", wednesday)).contains("bob");
    assertThat(OnCallCalculator.onCallAt(s, wednesday))
        .containsExactly(
            shift("primary", "alice", "2026-06-01T09:00:00Z", "2026-06-08T09:00:00Z"),
            shift("secondary", "bob", "2026-06-01T09:00:00Z", "2026-06-08T09:00:00Z"));
    assertThat(OnCallCalculator.shifts(s, at("2026-06-08T00:00:00Z"), at("2026-06-09T00:00:00Z")))
        .containsExactly(
            shift("primary", "alice", "2026-06-08T00:00:00Z", "2026-06-08T09:00:00Z"),
            shift("secondary", "bob", "2026-06-08T00:00:00Z", "2026-06-08T09:00:00Z"),
            shift("primary", "bob", "2026-06-08T09:00:00Z", "2026-06-09T00:00:00Z"),
            shift("secondary", "carol", "2026-06-08T09:00:00Z", "2026-06-09T00:00:00Z"));
    assertThatThrownBy(() -> OnCallCalculator.onCall(s, "tertiary", wednesday))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tertiary");
  }

  @Test
  void followTheSunAnswersFromWhicheverRegionIsOnDuty() {
    Schedule sun =
        schedule(
            "UTC",
            List.of(
                layer(
                    "emea",
                    daily("2026-06-01T07:00", "alice", "bob"),
                    window(EVERY_DAY, "07:00", "19:00")),
                layer(
                    "amer",
                    daily("2026-06-01T19:00", "carol", "dave"),
                    window(EVERY_DAY, "19:00", "07:00"))));

    assertThat(OnCallCalculator.onCall(sun, null, at("2026-06-02T10:00:00Z"))).contains("bob");
    assertThat(OnCallCalculator.onCall(sun, null, at("2026-06-02T22:00:00Z"))).contains("dave");
    assertThat(OnCallCalculator.onCall(sun, null, at("2026-06-03T03:00:00Z"))).contains("dave");
    assertThat(OnCallCalculator.onCall(sun, "emea", at("2026-06-03T03:00:00Z"))).isEmpty();
    assertThat(
            OnCallCalculator.effectiveShifts(
                sun, at("2026-06-02T00:00:00Z"), at("2026-06-03T00:00:00Z")))
        .containsExactly(
            shift("amer", "carol", "2026-06-02T00:00:00Z", "2026-06-02T07:00:00Z"),
            shift("emea", "bob", "2026-06-02T07:00:00Z", "2026-06-02T19:00:00Z"),
            shift("amer", "dave", "2026-06-02T19:00:00Z", "2026-06-03T00:00:00Z"));
    assertThat(OnCallCalculator.nextHandoff(sun, at("2026-06-02T10:00:00Z")))
        .contains(at("2026-06-02T19:00:00Z"));
  }

  // --- overrides
  // ----------------------------------------------------------------------------------

  @Test
  void anOverrideInTheMiddleOfATurnSplitsItIntoThree() {
    Schedule s =
        schedule(
            "UTC",
            List.of(layer("primary", weekly("2026-06-01T09:00", "alice", "bob"))),
            override("o1", "2026-06-03T12:00:00Z", "2026-06-04T12:00:00Z", "carol", null));

    assertThat(OnCallCalculator.shifts(s, at("2026-06-01T09:00:00Z"), at("2026-06-08T09:00:00Z")))
        .containsExactly(
            shift("primary", "alice", "2026-06-01T09:00:00Z", "2026-06-03T12:00:00Z"),
            overrideShift("primary", "carol", "2026-06-03T12:00:00Z", "2026-06-04T12:00:00Z"),
            shift("primary", "alice", "2026-06-04T12:00:00Z", "2026-06-08T09:00:00Z"));
    assertThat(OnCallCalculator.onCall(s, null, at("2026-06-03T12:00:00Z"))).contains("carol");
    assertThat(OnCallCalculator.onCall(s, null, at("2026-06-04T12:00:00Z"))).contains("alice");
    assertThat(OnCallCalculator.onCallAt(s, at("2026-06-02T00:00:00Z")))
        .containsExactly(shift("primary", "alice", "2026-06-01T09:00:00Z", "2026-06-03T12:00:00Z"));
  }

  @Test
  void aSwapIsTwoOverridesExchangingTwoTurns() {
    Schedule s =
        schedule(
            "UTC",
            List.of(layer("primary", weekly("2026-06-01T09:00", "alice", "bob"))),
            override("swap-1", "2026-06-01T09:00:00Z", "2026-06-08T09:00:00Z", "bob", "primary"),
            override("swap-2", "2026-06-08T09:00:00Z", "2026-06-15T09:00:00Z", "alice", "primary"));

    assertThat(OnCallCalculator.shifts(s, at("2026-06-01T00:00:00Z"), at("2026-06-22T09:00:00Z")))
        .containsExactly(
            overrideShift("primary", "bob", "2026-06-01T09:00:00Z", "2026-06-08T09:00:00Z"),
            overrideShift("primary", "alice", "2026-06-08T09:00:00Z", "2026-06-15T09:00:00Z"),
            shift("primary", "alice", "2026-06-15T09:00:00Z", "2026-06-22T09:00:00Z"));
  }

  @Test
  void laterOverridesWinAndOverridesIgnoreRestrictions() {
    Schedule s =
        schedule(
            "America/New_York",
            List.of(
                layer(
                    "primary",
                    daily("2026-06-01T09:00", "alice", "bob"),
                    window(WEEKDAYS, "09:00", "17:00")),
                layer("secondary", weekly("2026-06-01T09:00", "erin"))),
            // Saturday, outside the weekday window: dave covers anyway.
            override("o1", "2026-06-06T14:00:00Z", "2026-06-06T20:00:00Z", "dave", null),
            // carol takes the middle of dave's override; the later one wins.
            override("o2", "2026-06-06T16:00:00Z", "2026-06-06T18:00:00Z", "carol", "primary"),
            override("o3", "2026-06-06T16:00:00Z", "2026-06-06T17:00:00Z", "frank", "secondary"));

    assertThat(OnCallCalculator.shifts(s, at("2026-06-06T00:00:00Z"), at("2026-06-07T00:00:00Z")))
        .containsExactly(
            shift("secondary", "erin", "2026-06-06T00:00:00Z", "2026-06-06T16:00:00Z"),
            overrideShift("primary", "dave", "2026-06-06T14:00:00Z", "2026-06-06T16:00:00Z"),
            overrideShift("primary", "carol", "2026-06-06T16:00:00Z", "2026-06-06T18:00:00Z"),
            overrideShift("secondary", "frank", "2026-06-06T16:00:00Z", "2026-06-06T17:00:00Z"),
            shift("secondary", "erin", "2026-06-06T17:00:00Z", "2026-06-07T00:00:00Z"),
            overrideShift("primary", "dave", "2026-06-06T18:00:00Z", "2026-06-06T20:00:00Z"));
    assertThat(OnCallCalculator.onCall(s, null, at("2026-06-06T15:00:00Z"))).contains("dave");
    assertThat(OnCallCalculator.onCall(s, null, at("2026-06-06T21:00:00Z"))).contains("erin");
  }

  @Test
  void anOverrideOfTheSamePersonIsStillReportedAsAnOverride() {
    Schedule s =
        schedule(
            "UTC",
            List.of(layer("primary", weekly("2026-06-01T09:00", "alice", "bob"))),
            override("o1", "2026-06-02T00:00:00Z", "2026-06-03T00:00:00Z", "alice", null));

    assertThat(OnCallCalculator.shifts(s, at("2026-06-01T09:00:00Z"), at("2026-06-04T00:00:00Z")))
        .extracting(Shift::person, Shift::override)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("alice", false),
            org.assertj.core.groups.Tuple.tuple("alice", true),
            org.assertj.core.groups.Tuple.tuple("alice", false));
    // ...but handing alice to alice is no handoff.
    assertThat(OnCallCalculator.nextHandoff(s, at("2026-06-01T10:00:00Z")))
        .contains(at("2026-06-08T09:00:00Z"));
  }

  // --- next handoff
  // -------------------------------------------------------------------------------

  @Test
  void nextHandoffAcrossTheEndOfTheDayAndTheWeekend() {
    Instant fridayNoon = at("2026-06-05T16:00:00Z"); // 12:00 EDT, alice's day

    assertThat(OnCallCalculator.nextHandoff(OFFICE_HOURS, fridayNoon))
        .contains(at("2026-06-05T21:00:00Z")); // 17:00: alice goes off, nobody is on
    assertThat(OnCallCalculator.nextHandoff(OFFICE_HOURS, at("2026-06-05T21:00:00Z")))
        .contains(at("2026-06-08T13:00:00Z")); // Monday 09:00: bob
  }

  @Test
  void nextHandoffSkipsALayerChangeThatKeepsThePerson() {
    // alice has Friday's office hours and the whole week's backup: no handoff until Monday.
    Schedule s =
        schedule(
            "America/New_York",
            List.of(
                layer(
                    "primary",
                    daily("2026-06-01T09:00", "alice", "bob"),
                    window(WEEKDAYS, "09:00", "17:00")),
                layer("backup", weekly("2026-06-01T09:00", "alice"))));

    assertThat(OnCallCalculator.nextHandoff(s, at("2026-06-05T16:00:00Z")))
        .contains(at("2026-06-08T13:00:00Z"));
    assertThat(OnCallCalculator.nextHandoff(s, at("2026-06-08T13:00:00Z")))
        .contains(at("2026-06-08T21:00:00Z"));
  }

  @Test
  void nextHandoffIsEmptyWhenNothingEverChanges() {
    Schedule s = schedule("UTC", List.of(layer("primary", weekly("2026-06-01T09:00", "alice"))));

    assertThat(OnCallCalculator.nextHandoff(s, at("2026-06-02T00:00:00Z"))).isEmpty();
    assertThat(OnCallCalculator.nextHandoff(s, at("2026-05-01T00:00:00Z")))
        .contains(at("2026-06-01T09:00:00Z"));
  }

  // --- validation
  // ---------------------------------------------------------------------------------

  @Test
  void validationNamesTheFields() {
    Schedule bad =
        new Schedule(
            "s",
            "Bad",
            "Mars/Olympus_Mons",
            List.of(
                layer("primary", rotation("2026-06-01T09:00", 0, Turn.Unit.DAYS, "alice")),
                layer(
                    "primary",
                    rotation("2026-06-01T09:00", 1, Turn.Unit.DAYS),
                    window(WEEKDAYS, "09:00", "09:00"))),
            List.of(
                override("o1", "2026-06-02T00:00:00Z", "2026-06-02T00:00:00Z", "bob", null),
                override("o2", "2026-06-02T00:00:00Z", "2026-06-03T00:00:00Z", "bob", "tertiary")));

    assertThat(OnCallCalculator.problems(bad))
        .containsExactlyInAnyOrder(
            "timeZone: unknown time zone 'Mars/Olympus_Mons'",
            "layers[0].rotation.turn.amount: must be at least 1 (was 0)",
            "layers[1].name: duplicate layer name 'primary' (as layers[0])",
            "layers[1].rotation.participants: a layer needs at least one participant",
            "layers[1].restrictions[0].to: zero-length window (from == to == 09:00); for a whole day"
                + " use two windows, e.g. 00:00-12:00 and 12:00-00:00",
            "overrides[0].end: must be after start (2026-06-02T00:00:00Z)",
            "overrides[1].layer: unknown layer 'tertiary'");
    assertThatThrownBy(() -> OnCallCalculator.onCall(bad, null, Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("layers[1].rotation.participants");

    Schedule empty = new Schedule("s", "Empty", "UTC", List.of(), List.of());
    assertThat(OnCallCalculator.problems(empty))
        .containsExactly("layers: a schedule needs at least one layer");
    assertThat(OnCallCalculator.problems(NEW_YORK_WEEKLY)).isEmpty();
  }

  private static Duration length(Shift shift) {
    return Duration.between(shift.start(), shift.end());
  }
}
