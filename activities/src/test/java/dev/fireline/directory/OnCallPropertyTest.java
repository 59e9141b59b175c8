package dev.fireline.directory;

import static dev.fireline.directory.ScheduleFixtures.EVERY_DAY;
import static dev.fireline.directory.ScheduleFixtures.WEEKDAYS;
import static dev.fireline.directory.ScheduleFixtures.daily;
import static dev.fireline.directory.ScheduleFixtures.layer;
import static dev.fireline.directory.ScheduleFixtures.override;
import static dev.fireline.directory.ScheduleFixtures.rotation;
import static dev.fireline.directory.ScheduleFixtures.weekly;
import static dev.fireline.directory.ScheduleFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.directory.Schedule.Turn;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two independent answers must agree: {@code onCall} (turn arithmetic at one instant) and the shift
 * timeline built by {@code shifts} (turns, masked by restriction windows, cut by overrides,
 * merged), at thousands of pseudo-random instants and at every shift boundary over a year.
 */
class OnCallPropertyTest {
  private static final Instant YEAR_START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant YEAR_END = Instant.parse("2027-01-01T00:00:00Z");
  private static final int SAMPLES = 2_500;

  static Stream<Schedule> schedules() {
    return Stream.of(
        // Weekly across New York DST, first handoff years back, overlapping overrides.
        new Schedule(
            "ny-weekly",
            "NY weekly",
            "America/New_York",
            List.of(layer("primary", weekly("2019-03-04T09:00", "alice", "bob", "carol"))),
            List.of(
                override("o1", "2026-03-05T10:00:00Z", "2026-03-12T10:00:00Z", "dave", null),
                override("o2", "2026-03-07T00:00:00Z", "2026-03-08T12:00:00Z", "erin", null),
                override("o3", "2026-10-31T22:00:00Z", "2026-11-01T09:30:00Z", "alice", null))),
        // Three-hour turns in Berlin, office hours and weekend nights, an override off duty.
        new Schedule(
            "berlin-3h",
            "Berlin 3h",
            "Europe/Berlin",
            List.of(
                layer(
                    "ops",
                    rotation(
                        "2025-12-31T23:00", 3, Turn.Unit.HOURS, "alice", "bob", "carol", "dave"),
                    window(WEEKDAYS, "09:00", "17:00"),
                    window(List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), "22:00", "06:00"))),
            List.of(
                override("o1", "2026-03-28T20:00:00Z", "2026-03-29T05:00:00Z", "erin", "ops"),
                override("o2", "2026-07-04T12:00:00Z", "2026-07-06T12:00:00Z", "frank", "ops"))),
        // Two layers in New York: restricted nights + weekends on primary, 12 h secondary.
        new Schedule(
            "ny-layers",
            "NY layers",
            "America/New_York",
            List.of(
                layer(
                    "primary",
                    daily("2026-02-15T08:00", "alice", "bob", "alice", "carol"),
                    window(WEEKDAYS, "18:00", "08:00"),
                    window(List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), "00:00", "12:00"),
                    window(List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), "12:00", "00:00")),
                layer(
                    "secondary",
                    rotation("2025-06-01T07:30", 12, Turn.Unit.HOURS, "dave", "erin"))),
            List.of(
                override("o1", "2026-05-01T00:00:00Z", "2026-05-03T00:00:00Z", "frank", "primary"),
                override("o2", "2026-05-02T00:00:00Z", "2026-05-02T06:00:00Z", "dave", "secondary"),
                override("o3", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z", "erin", null))),
        // Hourly turns with a half-hour DST shift (Lord Howe), follow-the-sun with a second layer.
        new Schedule(
            "lord-howe",
            "Lord Howe",
            "Australia/Lord_Howe",
            List.of(
                layer(
                    "day",
                    rotation("2026-01-01T00:00", 1, Turn.Unit.HOURS, "alice", "bob"),
                    window(EVERY_DAY, "08:00", "20:00")),
                layer(
                    "night",
                    rotation("2020-01-06T02:15", 2, Turn.Unit.WEEKS, "carol", "dave"),
                    window(EVERY_DAY, "20:00", "08:00"))),
            List.of(
                override("o1", "2026-04-04T10:00:00Z", "2026-04-05T20:00:00Z", "erin", "night"))),
        // Starts mid-year: nobody at all before the first handoff.
        new Schedule(
            "late-start",
            "Late start",
            "Asia/Kolkata",
            List.of(
                layer(
                    "primary",
                    daily("2026-07-15T10:30", "alice", "bob", "carol"),
                    window(WEEKDAYS, "10:00", "19:00"))),
            List.of(override("o1", "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z", "dave", null))));
  }

  @ParameterizedTest
  @MethodSource("schedules")
  void onCallAgreesWithTheShiftsAtRandomInstants(Schedule schedule) {
    List<Shift> all = OnCallCalculator.shifts(schedule, YEAR_START, YEAR_END);
    List<Shift> effective = OnCallCalculator.effectiveShifts(schedule, YEAR_START, YEAR_END);
    List<String> layerNames = schedule.layers().stream().map(Schedule.Layer::name).toList();
    List<List<Shift>> perLayer = new ArrayList<>();
    for (String name : layerNames) {
      List<Shift> own = all.stream().filter(s -> s.layer().equals(name)).toList();
      assertWellFormed(own);
      perLayer.add(own);
    }
    assertWellFormed(effective);

    Random random = new Random(42L + schedule.id().hashCode());
    long span = Duration.between(YEAR_START, YEAR_END).getSeconds();
    int nobody = 0;
    for (int i = 0; i < SAMPLES; i++) {
      Instant t = YEAR_START.plusSeconds((long) (random.nextDouble() * span));
      Optional<String> whole = Optional.empty();
      for (int l = 0; l < layerNames.size(); l++) {
        Optional<String> expected = covering(perLayer.get(l), t).map(Shift::person);
        assertThat(OnCallCalculator.onCall(schedule, layerNames.get(l), t))
            .as("%s layer %s at %s", schedule.id(), layerNames.get(l), t)
            .isEqualTo(expected);
        if (whole.isEmpty()) {
          whole = expected;
        }
      }
      assertThat(OnCallCalculator.onCall(schedule, null, t))
          .as("%s as a whole at %s", schedule.id(), t)
          .isEqualTo(whole)
          .isEqualTo(covering(effective, t).map(Shift::person));
      nobody += whole.isEmpty() ? 1 : 0;
    }
    // Each schedule is expected to have some instants covered (and most of them some gaps).
    assertThat(nobody).isLessThan(SAMPLES);
  }

  @ParameterizedTest
  @MethodSource("schedules")
  void onCallAgreesWithTheShiftsAtEveryBoundary(Schedule schedule) {
    for (Schedule.Layer layer : schedule.layers()) {
      List<Shift> shifts = OnCallCalculator.shifts(schedule, layer.name(), YEAR_START, YEAR_END);
      for (int i = 0; i < shifts.size(); i++) {
        Shift shift = shifts.get(i);
        assertThat(OnCallCalculator.onCall(schedule, layer.name(), shift.start()))
            .as("%s %s at the start of %s", schedule.id(), layer.name(), shift)
            .contains(shift.person());
        Instant last = shift.end().minusNanos(1);
        assertThat(OnCallCalculator.onCall(schedule, layer.name(), last))
            .as("%s %s at the end of %s", schedule.id(), layer.name(), shift)
            .contains(shift.person());
        boolean followedDirectly =
            i + 1 < shifts.size() && shifts.get(i + 1).start().equals(shift.end());
        if (!followedDirectly && shift.end().isBefore(YEAR_END)) {
          assertThat(OnCallCalculator.onCall(schedule, layer.name(), shift.end()))
              .as("%s %s right after %s", schedule.id(), layer.name(), shift)
              .isEmpty();
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("schedules")
  void shiftsOfASubRangeAreTheYearsShiftsClipped(Schedule schedule) {
    List<Shift> year = OnCallCalculator.shifts(schedule, YEAR_START, YEAR_END);
    List<String> layerOrder = schedule.layers().stream().map(Schedule.Layer::name).toList();
    Random random = new Random(7L + schedule.id().hashCode());
    long span = Duration.between(YEAR_START, YEAR_END).getSeconds();
    for (int i = 0; i < 40; i++) {
      Instant from = YEAR_START.plusSeconds((long) (random.nextDouble() * span));
      Instant to = from.plusSeconds(60L * random.nextInt(60 * 24 * 20));
      if (to.isAfter(YEAR_END)) {
        to = YEAR_END;
      }
      assertThat(OnCallCalculator.shifts(schedule, from, to))
          .as("%s over [%s, %s)", schedule.id(), from, to)
          .isEqualTo(clip(year, layerOrder, from, to));
    }
  }

  @ParameterizedTest
  @MethodSource("schedules")
  void onCallAtAndNextHandoffAgreeWithTheTimeline(Schedule schedule) {
    Random random = new Random(11L + schedule.id().hashCode());
    long span = Duration.between(YEAR_START, YEAR_END.minus(Duration.ofDays(60))).getSeconds();
    for (int i = 0; i < 150; i++) {
      Instant t = YEAR_START.plusSeconds((long) (random.nextDouble() * span));

      for (Shift shift : OnCallCalculator.onCallAt(schedule, t)) {
        assertThat(shift.start()).isBeforeOrEqualTo(t);
        assertThat(shift.end()).isAfter(t);
        List<Shift> around =
            OnCallCalculator.shifts(
                schedule, shift.layer(), shift.start().minusSeconds(1), shift.end().plusSeconds(1));
        assertThat(around).as("%s: %s is a whole shift", schedule.id(), shift).contains(shift);
      }

      Optional<Instant> next = OnCallCalculator.nextHandoff(schedule, t);
      assertThat(next).as("%s after %s", schedule.id(), t).isPresent();
      Instant handoff = next.get();
      assertThat(handoff).isAfter(t);
      Optional<String> before = OnCallCalculator.onCall(schedule, null, t);
      assertThat(OnCallCalculator.onCall(schedule, null, handoff.minusNanos(1))).isEqualTo(before);
      assertThat(OnCallCalculator.onCall(schedule, null, handoff)).isNotEqualTo(before);
      for (Shift piece : OnCallCalculator.effectiveShifts(schedule, t, handoff)) {
        assertThat(Optional.of(piece.person())).isEqualTo(before);
      }
    }
  }

  /** Sorted, non-empty, non-overlapping, inside the year, and merged where they should be. */
  private static void assertWellFormed(List<Shift> shifts) {
    for (int i = 0; i < shifts.size(); i++) {
      Shift s = shifts.get(i);
      assertThat(s.start()).isBefore(s.end());
      assertThat(s.start()).isAfterOrEqualTo(YEAR_START);
      assertThat(s.end()).isBeforeOrEqualTo(YEAR_END);
      if (i > 0) {
        Shift prev = shifts.get(i - 1);
        assertThat(prev.end()).isBeforeOrEqualTo(s.start());
        boolean mergeable =
            prev.end().equals(s.start())
                && prev.person().equals(s.person())
                && prev.override() == s.override()
                && prev.layer().equals(s.layer());
        assertThat(mergeable).as("%s and %s should be one shift", prev, s).isFalse();
      }
    }
  }

  private static Optional<Shift> covering(List<Shift> shifts, Instant t) {
    int lo = 0;
    int hi = shifts.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Shift s = shifts.get(mid);
      if (s.end().compareTo(t) <= 0) {
        lo = mid + 1;
      } else if (s.start().isAfter(t)) {
        hi = mid - 1;
      } else {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private static List<Shift> clip(
      List<Shift> shifts, List<String> layerOrder, Instant from, Instant to) {
    List<Shift> out = new ArrayList<>();
    for (Shift s : shifts) {
      Instant start = s.start().isAfter(from) ? s.start() : from;
      Instant end = s.end().isBefore(to) ? s.end() : to;
      if (start.isBefore(end)) {
        out.add(new Shift(s.schedule(), s.layer(), s.person(), start, end, s.override()));
      }
    }
    // Clipping can make shifts of several layers start together: back to start-then-layer order.
    out.sort(Comparator.comparing(Shift::start).thenComparing(s -> layerOrder.indexOf(s.layer())));
    return out;
  }
}
