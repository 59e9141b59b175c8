package dev.fireline.coverage;

import static dev.fireline.coverage.CoverageFixtures.person;
import static dev.fireline.coverage.CoverageFixtures.personTarget;
import static dev.fireline.coverage.CoverageFixtures.policy;
import static dev.fireline.coverage.CoverageFixtures.saturdayNightHole;
import static dev.fireline.coverage.CoverageFixtures.schedule;
import static dev.fireline.coverage.CoverageFixtures.team;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.coverage.PolicyCoverage.LevelGap;
import dev.fireline.directory.DirectoryDocument;
import dev.fireline.directory.OnCallCalculator;
import dev.fireline.directory.Person;
import dev.fireline.directory.Person.Channel;
import dev.fireline.directory.Schedule;
import dev.fireline.directory.Team;
import dev.fireline.notify.ProviderSettings;
import dev.fireline.notify.Reachability;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The gap finder on a Europe/Berlin schedule across the daylight-saving changes. */
class CoverageGapsTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** Saturday 17 October 2026 00:00 in Berlin: two Saturdays, the second night is 25 October. */
  private static final Instant OCTOBER_17 = Instant.parse("2026-10-16T22:00:00Z");

  private static final ProviderSettings SMS_VOICE_EMAIL =
      new ProviderSettings(Set.of("sms", "voice", "email"), false, true);

  private static Schedule.Override override(String start, String end, String person) {
    return new Schedule.Override(
        "o-" + start, Instant.parse(start), Instant.parse(end), person, "after-hours");
  }

  @Test
  void theSaturdayNightHoleIsTheSameWallClockHoursAndAnHourLongerInUtcAcrossTheFallBackNight() {
    Schedule schedule = saturdayNightHole("ops", List.of("ann", "ben"), List.of("cat", "dan"));

    List<Span> gaps =
        CoverageGaps.nobodyOnCall(schedule, OCTOBER_17, OCTOBER_17.plus(Duration.ofDays(14)));

    assertThat(gaps)
        .containsExactly(
            new Span(
                Instant.parse("2026-10-17T20:00:00Z"),
                Instant.parse("2026-10-18T04:00:00Z"),
                "2026-10-17T22:00:00+02:00",
                "2026-10-18T06:00:00+02:00"),
            // clocks go back at 03:00 CEST on 25 October: 06:00 local is 05:00 UTC now
            new Span(
                Instant.parse("2026-10-24T20:00:00Z"),
                Instant.parse("2026-10-25T05:00:00Z"),
                "2026-10-24T22:00:00+02:00",
                "2026-10-25T06:00:00+01:00"));
    assertThat(gaps)
        .extracting(
            g ->
                g.start().atZone(BERLIN).toLocalTime().toString()
                    + "-"
                    + g.end().atZone(BERLIN).toLocalTime())
        .containsOnly("22:00-06:00");
    assertThat(gaps)
        .extracting(g -> Duration.between(g.start(), g.end()))
        .containsExactly(Duration.ofHours(8), Duration.ofHours(9));
    // exact, not sampled: just inside each gap nobody is on call, just outside somebody is
    for (Span gap : gaps) {
      assertThat(OnCallCalculator.onCall(schedule, null, gap.start())).isEmpty();
      assertThat(OnCallCalculator.onCall(schedule, null, gap.end().minusMillis(1))).isEmpty();
      assertThat(OnCallCalculator.onCall(schedule, null, gap.start().minusMillis(1))).isPresent();
      assertThat(OnCallCalculator.onCall(schedule, null, gap.end())).isPresent();
    }
  }

  @Test
  void theSpringForwardHoleIsAnHourShorterInUtc() {
    Schedule schedule = saturdayNightHole("ops", List.of("ann"), List.of("cat"));
    Instant saturday = Instant.parse("2027-03-26T23:00:00Z"); // Saturday 27 March 2027 00:00 CET

    assertThat(CoverageGaps.nobodyOnCall(schedule, saturday, saturday.plus(Duration.ofDays(2))))
        .containsExactly(
            new Span(
                Instant.parse("2027-03-27T21:00:00Z"),
                Instant.parse("2027-03-28T04:00:00Z"),
                "2027-03-27T22:00:00+01:00",
                "2027-03-28T06:00:00+02:00"));
  }

  @Test
  void overridesCloseHolesAndAHoleRunningPastTheWindowIsCutAtItsEnd() {
    // dan covers the first Saturday night entirely, cat the second from 02:00 to 04:00 local
    Schedule schedule =
        saturdayNightHole(
            "ops",
            List.of("ann", "ben"),
            List.of("cat", "dan"),
            override("2026-10-17T20:00:00Z", "2026-10-18T04:00:00Z", "dan"),
            override("2026-10-25T00:00:00Z", "2026-10-25T03:00:00Z", "cat"));

    assertThat(
            CoverageGaps.nobodyOnCall(schedule, OCTOBER_17, OCTOBER_17.plus(Duration.ofDays(14))))
        .extracting(Span::start, Span::end)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Instant.parse("2026-10-24T20:00:00Z"), Instant.parse("2026-10-25T00:00:00Z")),
            org.assertj.core.groups.Tuple.tuple(
                Instant.parse("2026-10-25T03:00:00Z"), Instant.parse("2026-10-25T05:00:00Z")));

    Instant midnight = Instant.parse("2026-10-24T22:00:00Z");
    assertThat(CoverageGaps.nobodyOnCall(schedule, Instant.parse("2026-10-24T12:00:00Z"), midnight))
        .singleElement()
        .satisfies(
            gap -> {
              assertThat(gap.start()).isEqualTo(Instant.parse("2026-10-24T20:00:00Z"));
              assertThat(gap.end()).isEqualTo(midnight);
            });
  }

  @Test
  void
      aPersonOnCallWithoutReachableContactIsReportedAndAPolicyLevelOnTheScheduleSeesTheSameStretches() {
    // after-hours: cat (weeks from 5 and 19 October), ann (12 and 26 October)
    Schedule schedule = saturdayNightHole("ops", List.of("ann", "ben"), List.of("cat", "ann"));
    List<Person> people =
        List.of(
            person("ann", Channel.SMS, Channel.SMS),
            person("ben", Channel.EMAIL, Channel.EMAIL),
            person("cat", Channel.SMS, Channel.EMAIL), // an sms rule, only an e-mail address
            person("dan", Channel.CHAT, Channel.CHAT)); // chat has no provider here
    DirectoryDocument directory =
        new DirectoryDocument(
            people,
            List.of(new Team("empty", "Nobody", List.of(), null)),
            List.of(schedule),
            List.of(
                policy(
                    "ops-policy",
                    List.of(
                        List.of(schedule("ops")),
                        List.of(team("empty")),
                        List.of(personTarget("ghost")),
                        List.of(personTarget("dan")),
                        List.of(personTarget("ann"), schedule("ops"))))),
            List.of());
    Instant from = OCTOBER_17;
    Instant to = from.plus(Duration.ofDays(14));

    CoverageReport report =
        CoverageGaps.find(directory, Reachability.of(people, List.of(), SMS_VOICE_EMAIL), from, to);

    ScheduleCoverage ops = report.schedules().get(0);
    assertThat(ops.unreachable())
        .singleElement()
        .satisfies(
            cat -> {
              assertThat(cat.personId()).isEqualTo("cat");
              assertThat(cat.reasons()).containsExactly("sms: no sms address in the directory");
              // Monday 19 October 17:00 CEST to Monday 26 October 09:00 CET, nights and the weekend
              assertThat(cat.since()).isEqualTo(Instant.parse("2026-10-19T15:00:00Z"));
              assertThat(cat.onCall())
                  .extracting(Span::start, Span::end)
                  .containsExactly(
                      tuple("2026-10-19T15:00:00Z", "2026-10-20T07:00:00Z"),
                      tuple("2026-10-20T15:00:00Z", "2026-10-21T07:00:00Z"),
                      tuple("2026-10-21T15:00:00Z", "2026-10-22T07:00:00Z"),
                      tuple("2026-10-22T15:00:00Z", "2026-10-23T07:00:00Z"),
                      tuple("2026-10-23T15:00:00Z", "2026-10-24T20:00:00Z"),
                      tuple("2026-10-25T05:00:00Z", "2026-10-26T08:00:00Z"));
            });
    assertThat(ops.nobodyOnCall())
        .extracting(Span::start)
        .containsExactly(
            Instant.parse("2026-10-17T20:00:00Z"), Instant.parse("2026-10-24T20:00:00Z"));

    PolicyCoverage policy = report.policies().get(0);
    assertThat(policy.timeZone()).isEqualTo("Europe/Berlin");
    List<LevelGap> level1 = level(policy, 1);
    // the schedule's holes page nobody; cat's stretches page only cat, who cannot be reached
    assertThat(level1)
        .filteredOn(g -> g.unreachable().isEmpty())
        .extracting(LevelGap::gap)
        .containsExactlyElementsOf(ops.nobodyOnCall());
    assertThat(level1)
        .filteredOn(g -> !g.unreachable().isEmpty())
        .allSatisfy(g -> assertThat(g.unreachable()).containsExactly("cat"))
        .extracting(LevelGap::gap)
        .containsExactlyElementsOf(ops.unreachable().get(0).onCall());
    assertThat(level1)
        .extracting(LevelGap::reason)
        .contains("pages nobody", "pages only people who cannot be reached (cat)");

    Span wholeWindow = Span.of(from, to, BERLIN);
    assertThat(level(policy, 2))
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.gap()).isEqualTo(wholeWindow);
              assertThat(g.problems()).containsExactly("team:empty: has no members");
            });
    assertThat(level(policy, 3))
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.gap()).isEqualTo(wholeWindow);
              assertThat(g.problems()).containsExactly("person:ghost: not in the directory");
            });
    // dan's only rule is chat, which has no provider: "no provider" counts as unreachable
    assertThat(level(policy, 4))
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.gap()).isEqualTo(wholeWindow);
              assertThat(g.unreachable()).containsExactly("dan");
            });
    // ann, reachable, is paged on level 5 all the time
    assertThat(level(policy, 5)).isEmpty();
  }

  @Test
  void aGapUnderWayKeepsTheStartTheLastCheckFoundSoItsKeyStaysTheSame() {
    Schedule schedule = saturdayNightHole("ops", List.of("ann"), List.of("cat"));
    DirectoryDocument directory =
        new DirectoryDocument(List.of(), List.of(), List.of(schedule), List.of(), List.of());
    Reachability.Report nobody = Reachability.of(List.of(), List.of(), SMS_VOICE_EMAIL);
    Instant saturdayMorning = Instant.parse("2026-10-24T07:00:00Z");
    CoverageReport yesterday =
        CoverageGaps.find(
            directory, nobody, saturdayMorning, saturdayMorning.plus(Duration.ofDays(14)));
    Instant sundayThreeAm = Instant.parse("2026-10-25T02:00:00Z"); // inside the hole

    CoverageReport found =
        CoverageGaps.find(
            directory, nobody, sundayThreeAm, sundayThreeAm.plus(Duration.ofDays(14)));
    assertThat(found.schedules().get(0).nobodyOnCall().get(0).start()).isEqualTo(sundayThreeAm);
    CoverageReport continued =
        Continuation.of(found, Map.of("ops", yesterday.schedules().get(0)), Map.of());

    Span gap = continued.schedules().get(0).nobodyOnCall().get(0);
    assertThat(gap.start()).isEqualTo(Instant.parse("2026-10-24T20:00:00Z"));
    assertThat(gap.localStart()).isEqualTo("2026-10-24T22:00:00+02:00");
    assertThat(gap.end()).isEqualTo(Instant.parse("2026-10-25T05:00:00Z"));
    assertThat(GapNotices.of(continued.schedules().get(0)).get(0).key())
        .isEqualTo(GapNotices.of(yesterday.schedules().get(0)).get(0).key());
    // and the person on call with nobody to reach keeps the since of the first finding
    assertThat(continued.schedules().get(0).unreachable().get(0).since())
        .isEqualTo(yesterday.schedules().get(0).unreachable().get(0).since());
  }

  private static List<LevelGap> level(PolicyCoverage policy, int level) {
    return policy.levels().stream().filter(g -> g.variant() == null && g.level() == level).toList();
  }

  private static org.assertj.core.groups.Tuple tuple(String start, String end) {
    return org.assertj.core.groups.Tuple.tuple(Instant.parse(start), Instant.parse(end));
  }
}
