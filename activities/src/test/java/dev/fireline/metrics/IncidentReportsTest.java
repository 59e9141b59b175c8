package dev.fireline.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.DirectoryStore.Kind;
import dev.fireline.directory.Person;
import dev.fireline.directory.Person.WorkingHours;
import dev.fireline.directory.Schedule;
import dev.fireline.directory.ServiceDefinition;
import dev.fireline.directory.Team;
import dev.fireline.incident.IncidentKeys;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.incident.IncidentSnapshot.AlertActivity;
import dev.fireline.incident.IncidentSnapshot.Targets;
import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import dev.fireline.incident.IncidentStore;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import dev.fireline.metrics.Report.PagesPerShift;
import dev.fireline.metrics.Report.PersonReport;
import dev.fireline.metrics.Report.ServiceReport;
import dev.fireline.metrics.Report.ShiftReport;
import dev.fireline.metrics.Report.Stats;
import dev.fireline.support.Postgres;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A synthetic month (May 2031, far from every other test's data in the shared database) whose
 * answers were computed by hand:
 *
 * <pre>
 * incident  service   sev   declared (UTC)     ack after  resolved after  started at source  timeline extras
 * A         m-pay     SEV1  Sat 05-03 10:00    120 s      3600 s          09:55 (TTD 300)    postmortem started + published
 * B         m-pay     SEV2  Sat 05-10 22:00    1200 s     14400 s         21:59 (TTD 60)     ack_target_missed, postmortem started
 * C         m-pay     SEV2  Sat 05-17 10:00    300 s      open            -                  resolution_target_missed
 * D         m-search  SEV3  Tue 05-20 08:00    600 s      3600 s          -                  closed
 * E         m-search  SEV4  Sun 05-25 12:00    -          open            12:00:30 (after the declaration: skew, left out)
 * F         m-pay     SEV1  04-30 23:59:59 (before the period)      G  m-pay  SEV1  06-01 00:00 (= to, excluded)
 *
 * whole period: 5 incidents, 2 open (C, E)
 *   MTTA over [120, 300, 600, 1200]: mean 2220/4 = 555, median (300+600)/2 = 450
 *   MTTR over [3600, 3600, 14400]:   mean 21600/3 = 7200, median 3600
 *   MTTD over [60, 300]:             mean 180, median 180 (E's negative TTD left out)
 *   by severity SEV1 1, SEV2 2, SEV3 1, SEV4 1; ack target missed 1 (B), resolution 1 (C)
 *   postmortems required 2 (A, B), published 1 (A): 0.5
 *   action items: A done + open, B wont_do, D done: total 4, done 2, won't do 1, 2/3
 * m-pay (A, B, C): MTTA [120, 300, 1200] mean 540 median 300; MTTR [3600, 14400] mean 9000 median
 *   9000; MTTD mean 180; MTBF (05-17 10:00 - 05-03 10:00) / 2 = 14 d / 2 = 604800 s
 * m-search (D, E): MTTA 600; MTTR 3600; MTTD none; MTBF 05-25 12:00 - 05-20 08:00 = 5 d 4 h = 446400 s
 *
 * pages (one per incident, pass, level and person, whatever the channels):
 *   m-alice (Europe/Berlin, Mon-Fri 09:00-17:00; CEST = UTC+2)
 *     A p1/l1 EMAIL, SMS, VOICE+2m  Sat 10:00:05Z = Sat 12:00 Berlin  -> 1 page, outside (Saturday)
 *     B p1/l1 10-05 22:00:05Z = Sun 00:00 Berlin                        -> outside
 *     D p1/l1 Tue 08:00:05Z = Tue 10:00 Berlin                          -> within
 *     G p1/l1 06-01 00:00:05Z: sent after the period, not counted; a status reminder: not a page
 *     => 3 pages, 3 incidents, 2 outside working hours
 *   m-bob (no working hours): B p1/l2 22:15:05Z; F p1/l1 05-01 00:00:04Z (sent in the period, so
 *     counted though F was declared before it) => 2 pages, 2 incidents, outside unknown (null)
 *   m-carol (America/New_York, Mon-Fri 22:00-06:00, overnight; EDT = UTC-4)
 *     D p1/l2 Tue 08:05:05Z = Tue 04:05 New York: within Monday's night  -> within
 *     E p1/l1 Sun 12:00:05Z = Sun 08:00 New York                         -> outside
 *     => 2 pages, 2 incidents, 1 outside
 * team m-team owns m-pay only: 3 incidents; m-alice 2 pages (A, B), m-bob 2 (B, F); action items
 *   of A and B: total 3, done 1, won't do 1, 1/2
 *
 * on-call: schedule m-rota (UTC), layer primary, weekly from Mon 04-28 09:00, m-alice then m-carol;
 *   override m-bob 05-10 20:00 - 05-11 08:00 (in m-carol's week). Shifts clipped to the period:
 *     m-alice  05-01 00:00 - 05-05 09:00   A 05-03 10:00:05 (its three rows are one page)  1
 *     m-carol  05-05 09:00 - 05-10 20:00                                                    0
 *     m-bob    05-10 20:00 - 05-11 08:00   override; B p1/l2 22:15:05                       1
 *     m-carol  05-11 08:00 - 05-12 09:00                                                    0
 *     m-alice  05-12 09:00 - 05-19 09:00                                                    0
 *     m-carol  05-19 09:00 - 05-26 09:00   D 05-20 08:05:05, E 05-25 12:00:05              2
 *     m-alice  05-26 09:00 - 06-01 00:00   (G's page is after the period)                   0
 *   not on call when paged, in no shift: m-alice B 05-10 22:00:05 (m-bob's override), m-alice D
 *     05-20 08:00:05 (m-carol's week), m-bob F 05-01 00:00:04 (m-alice's week)
 *   per person: m-bob 1 shift 1 page mean 1 max 1; m-carol 3 shifts 2 pages mean 2/3 max 2;
 *     m-alice 3 shifts 1 page mean 1/3 max 1
 *   team m-team (A, B, F pages only): the same shifts; m-carol's have 0, m-bob 1, m-alice 1
 * </pre>
 */
class IncidentReportsTest {
  private static final DataSource DB = Postgres.migrated();
  private static final IncidentStore STORE = new IncidentStore(DB);
  private static final DirectoryStore DIRECTORY = new DirectoryStore(DB);
  private static final JdbcClient JDBC = JdbcClient.create(DB);
  private static final IncidentReports REPORTS = new IncidentReports(DB, DIRECTORY);
  private static final Instant FROM = Instant.parse("2031-05-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2031-06-01T00:00:00Z");
  private static boolean actionItems;

  @BeforeAll
  static void month() {
    List<DayOfWeek> weekdays =
        List.of(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY);
    DIRECTORY.put(
        Kind.PERSON,
        "m-alice",
        new Person(
            "m-alice",
            "Alice M",
            List.of(),
            List.of(),
            "Europe/Berlin",
            new WorkingHours(weekdays, LocalTime.of(9, 0), LocalTime.of(17, 0))),
        "api");
    DIRECTORY.put(
        Kind.PERSON,
        "m-bob",
        new Person("m-bob", "Bob M", List.of(), List.of(), null, null),
        "api");
    DIRECTORY.put(
        Kind.PERSON,
        "m-carol",
        new Person(
            "m-carol",
            "Carol M",
            List.of(),
            List.of(),
            "America/New_York",
            new WorkingHours(weekdays, LocalTime.of(22, 0), LocalTime.of(6, 0))),
        "api");
    DIRECTORY.put(
        Kind.TEAM,
        "m-team",
        new Team("m-team", "Payments", List.of("m-alice", "m-bob"), "m-alice"),
        "api");
    DIRECTORY.put(
        Kind.SERVICE,
        "m-pay",
        new ServiceDefinition("m-pay", "Pay", "m-team", null, null, null, List.of(), false),
        "api");
    DIRECTORY.put(
        Kind.SERVICE,
        "m-search",
        new ServiceDefinition("m-search", "Search", "m-other", null, null, null, List.of(), false),
        "api");
    DIRECTORY.put(
        Kind.SCHEDULE,
        "m-rota",
        new Schedule(
            "m-rota",
            "Payments rota",
            "UTC",
            List.of(
                new Schedule.Layer(
                    "primary",
                    new Schedule.Rotation(
                        LocalDateTime.parse("2031-04-28T09:00:00"),
                        new Schedule.Turn(1, Schedule.Turn.Unit.WEEKS),
                        List.of("m-alice", "m-carol")),
                    List.of())),
            List.of()),
        "api");
    DIRECTORY.addOverride(
        "m-rota",
        new Schedule.Override(
            "m-rota-bob",
            Instant.parse("2031-05-10T20:00:00Z"),
            Instant.parse("2031-05-11T08:00:00Z"),
            "m-bob",
            null),
        "api",
        "admin");

    long a =
        save(
            "m-pay",
            Severity.SEV1,
            "2031-05-03T10:00:00Z",
            120L,
            3600L,
            "Error rate high\nStarted at the source: 2031-05-03T09:55:00Z",
            "postmortem_started",
            "postmortem_published");
    long b =
        save(
            "m-pay",
            Severity.SEV2,
            "2031-05-10T22:00:00Z",
            1200L,
            14400L,
            "Started at the source: 2031-05-10T21:59:00Z",
            "ack_target_missed",
            "postmortem_started");
    long c =
        save(
            "m-pay",
            Severity.SEV2,
            "2031-05-17T10:00:00Z",
            300L,
            null,
            null,
            "resolution_target_missed");
    long d = save("m-search", Severity.SEV3, "2031-05-20T08:00:00Z", 600L, 3600L, null, "closed");
    long e =
        save(
            "m-search",
            Severity.SEV4,
            "2031-05-25T12:00:00Z",
            null,
            null,
            "Started at the source: 2031-05-25T12:00:30Z");
    long f = save("m-pay", Severity.SEV1, "2031-04-30T23:59:59Z", 60L, 60L, null);
    long g = save("m-pay", Severity.SEV1, "2031-06-01T00:00:00Z", 60L, 60L, null);

    page(a, "p1/l1/m-alice/EMAIL+0m", "2031-05-03T10:00:05Z");
    page(a, "p1/l1/m-alice/SMS+0m", "2031-05-03T10:00:06Z");
    page(a, "p1/l1/m-alice/VOICE+2m", "2031-05-03T10:02:05Z");
    page(b, "p1/l1/m-alice/EMAIL+0m", "2031-05-10T22:00:05Z");
    page(d, "p1/l1/m-alice/EMAIL+0m", "2031-05-20T08:00:05Z");
    page(g, "p1/l1/m-alice/EMAIL+0m", "2031-06-01T00:00:05Z");
    insertNotification(
        c,
        IncidentKeys.key(c) + "/status-reminder/1",
        "STATUS_UPDATE_REMINDER",
        "m-alice",
        "2031-05-17T10:30:00Z");
    page(b, "p1/l2/m-bob/SMS+0m", "2031-05-10T22:15:05Z");
    page(f, "p1/l1/m-bob/SMS+0m", "2031-05-01T00:00:04Z");
    page(d, "p1/l2/m-carol/SMS+0m", "2031-05-20T08:05:05Z");
    page(e, "p1/l1/m-carol/SMS+0m", "2031-05-25T12:00:05Z");

    actionItems =
        JDBC.sql("select to_regclass('action_items') is not null").query(Boolean.class).single();
    if (actionItems) {
      actionItem(a, "m-pay", "done");
      actionItem(a, "m-pay", "open");
      actionItem(b, "m-pay", "wont_do");
      actionItem(d, "m-search", "done");
      actionItem(f, "m-pay", "open"); // F is not in the period
    }
  }

  @Test
  void wholePeriod() {
    Report report = REPORTS.report(FROM, TO, null, null);

    assertThat(report.incidents()).isEqualTo(5);
    assertThat(report.open()).isEqualTo(2);
    assertThat(report.mtta()).isEqualTo(new Stats(4, 555L, 450L));
    assertThat(report.mttr()).isEqualTo(new Stats(3, 7200L, 3600L));
    assertThat(report.mttd()).isEqualTo(new Stats(2, 180L, 180L));
    assertThat(report.bySeverity())
        .containsExactly(
            Map.entry(Severity.SEV1, 1),
            Map.entry(Severity.SEV2, 2),
            Map.entry(Severity.SEV3, 1),
            Map.entry(Severity.SEV4, 1));
    assertThat(report.targets()).isEqualTo(new Report.Targets(1, 1));
    assertThat(report.postmortems()).isEqualTo(new Report.Postmortems(2, 1, 0.5));
    if (actionItems) {
      assertThat(report.actionItems()).isEqualTo(new Report.ActionItems(4, 2, 1, 2.0 / 3));
    } else {
      assertThat(report.actionItems()).isNull();
    }

    assertThat(report.byService())
        .extracting(ServiceReport::service)
        .containsExactly("m-pay", "m-search");
    ServiceReport pay = report.byService().get(0);
    assertThat(pay.incidents()).isEqualTo(3);
    assertThat(pay.open()).isEqualTo(1);
    assertThat(pay.mtta()).isEqualTo(new Stats(3, 540L, 300L));
    assertThat(pay.mttr()).isEqualTo(new Stats(2, 9000L, 9000L));
    assertThat(pay.mttd()).isEqualTo(new Stats(2, 180L, 180L));
    assertThat(pay.mtbfSeconds()).isEqualTo(604800L);
    assertThat(pay.targets()).isEqualTo(new Report.Targets(1, 1));
    assertThat(pay.postmortems()).isEqualTo(new Report.Postmortems(2, 1, 0.5));
    ServiceReport search = report.byService().get(1);
    assertThat(search.incidents()).isEqualTo(2);
    assertThat(search.mtta()).isEqualTo(new Stats(1, 600L, 600L));
    assertThat(search.mttr()).isEqualTo(new Stats(1, 3600L, 3600L));
    assertThat(search.mttd()).isEqualTo(new Stats(0, null, null));
    assertThat(search.mtbfSeconds()).isEqualTo(446400L);
    assertThat(search.postmortems()).isEqualTo(new Report.Postmortems(0, 0, null));

    assertThat(report.people())
        .containsExactly(
            new PersonReport("m-alice", "Alice M", 3, 3, 2),
            new PersonReport("m-bob", "Bob M", 2, 2, null),
            new PersonReport("m-carol", "Carol M", 2, 2, 1));
  }

  @Test
  void pagesPerOnCallShift() {
    Report report = REPORTS.report(FROM, TO, null, null);

    assertThat(rota(report))
        .containsExactly(
            shift("m-alice", "2031-05-01T00:00:00Z", "2031-05-05T09:00:00Z", false, 1),
            shift("m-carol", "2031-05-05T09:00:00Z", "2031-05-10T20:00:00Z", false, 0),
            shift("m-bob", "2031-05-10T20:00:00Z", "2031-05-11T08:00:00Z", true, 1),
            shift("m-carol", "2031-05-11T08:00:00Z", "2031-05-12T09:00:00Z", false, 0),
            shift("m-alice", "2031-05-12T09:00:00Z", "2031-05-19T09:00:00Z", false, 0),
            shift("m-carol", "2031-05-19T09:00:00Z", "2031-05-26T09:00:00Z", false, 2),
            shift("m-alice", "2031-05-26T09:00:00Z", "2031-06-01T00:00:00Z", false, 0));
    // other tests' schedules share the database: only ours rotate m-alice, m-bob and m-carol
    assertThat(report.pagesPerShift())
        .filteredOn(p -> p.person().startsWith("m-"))
        .containsExactly(
            new PagesPerShift("m-bob", "Bob M", 1, 1, 1.0, 1),
            new PagesPerShift("m-carol", "Carol M", 3, 2, 2.0 / 3, 2),
            new PagesPerShift("m-alice", "Alice M", 3, 1, 1.0 / 3, 1));

    Report team = REPORTS.report(FROM, TO, null, "m-team");
    assertThat(rota(team)).extracting(ShiftReport::pages).containsExactly(1, 0, 1, 0, 0, 0, 0);
    assertThat(team.pagesPerShift())
        .filteredOn(p -> p.person().startsWith("m-"))
        .containsExactly(
            new PagesPerShift("m-bob", "Bob M", 1, 1, 1.0, 1),
            new PagesPerShift("m-alice", "Alice M", 3, 1, 1.0 / 3, 1),
            new PagesPerShift("m-carol", "Carol M", 3, 0, 0.0, 0));

    // a shorter period: shifts clipped to it; m-bob's page at 22:15:05 (= to) left out
    Report week =
        REPORTS.report(
            Instant.parse("2031-05-03T22:00:00Z"),
            Instant.parse("2031-05-10T22:15:05Z"),
            null,
            null);
    assertThat(rota(week))
        .containsExactly(
            shift("m-alice", "2031-05-03T22:00:00Z", "2031-05-05T09:00:00Z", false, 0),
            shift("m-carol", "2031-05-05T09:00:00Z", "2031-05-10T20:00:00Z", false, 0),
            shift("m-bob", "2031-05-10T20:00:00Z", "2031-05-10T22:15:05Z", true, 0));
  }

  private static List<ShiftReport> rota(Report report) {
    return report.shifts().stream().filter(s -> s.schedule().equals("m-rota")).toList();
  }

  private static ShiftReport shift(
      String person, String start, String end, boolean override, int pages) {
    return new ShiftReport(
        "m-rota", "primary", person, Instant.parse(start), Instant.parse(end), override, pages);
  }

  @Test
  void byTeamAndByService() {
    Report team = REPORTS.report(FROM, TO, null, "m-team");
    assertThat(team.filters().services()).containsExactly("m-pay");
    assertThat(team.incidents()).isEqualTo(3);
    assertThat(team.mtta()).isEqualTo(new Stats(3, 540L, 300L));
    assertThat(team.people())
        .containsExactly(
            new PersonReport("m-alice", "Alice M", 2, 2, 2),
            new PersonReport("m-bob", "Bob M", 2, 2, null));
    if (actionItems) {
      assertThat(team.actionItems()).isEqualTo(new Report.ActionItems(3, 1, 1, 0.5));
    }

    Report search = REPORTS.report(FROM, TO, "m-search", null);
    assertThat(search.incidents()).isEqualTo(2);
    assertThat(search.bySeverity())
        .containsEntry(Severity.SEV3, 1)
        .containsEntry(Severity.SEV4, 1)
        .containsEntry(Severity.SEV1, 0);
    assertThat(search.people())
        .extracting(PersonReport::person)
        .containsExactly("m-carol", "m-alice");

    // m-search is not m-team's: nothing
    assertThat(REPORTS.report(FROM, TO, "m-search", "m-team").incidents()).isZero();
    Report nobody = REPORTS.report(FROM, TO, null, "no-such-team");
    assertThat(nobody.incidents()).isZero();
    assertThat(nobody.mtta()).isEqualTo(new Stats(0, null, null));
    assertThat(nobody.people()).isEmpty();
  }

  @Test
  void periodIsHalfOpenAndBounded() {
    // [05-03 10:00, 05-10 22:00): A only; B starts exactly at the end
    Report week =
        REPORTS.report(
            Instant.parse("2031-05-03T10:00:00Z"),
            Instant.parse("2031-05-10T22:00:00Z"),
            "m-pay",
            null);
    assertThat(week.incidents()).isEqualTo(1);
    assertThat(week.byService().get(0).mtbfSeconds()).isNull();

    assertThatThrownBy(() -> REPORTS.report(TO, FROM, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> REPORTS.report(FROM, FROM.plus(Duration.ofDays(367)), null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void startedAtTheSourceIsReadFromTheDescription() {
    assertThat(
            IncidentReports.startedAtSource(
                "Disk full\nhttp://x\nStarted at the source: " + "2031-05-03T09:55:00Z"))
        .isEqualTo(Instant.parse("2031-05-03T09:55:00Z"));
    assertThat(IncidentReports.startedAtSource("Started at the source: 2031-05-03T11:55:00+02:00"))
        .isEqualTo(Instant.parse("2031-05-03T09:55:00Z"));
    assertThat(IncidentReports.startedAtSource("Started at the source: yesterday")).isNull();
    assertThat(IncidentReports.startedAtSource("declared by hand")).isNull();
    assertThat(IncidentReports.startedAtSource(null)).isNull();
  }

  // ------------------------------------------------------------------------------------ fixtures

  private static long save(
      String service,
      Severity severity,
      String declared,
      Long ackAfter,
      Long resolveAfter,
      String description,
      String... extraEvents) {
    long number = STORE.nextNumber();
    Instant at = Instant.parse(declared);
    Instant acked = ackAfter == null ? null : at.plusSeconds(ackAfter);
    Instant resolved = resolveAfter == null ? null : at.plusSeconds(resolveAfter);
    List<TimelineEvent> timeline = new ArrayList<>();
    timeline.add(new TimelineEvent(1, at, "declared", "admin", "declared"));
    if (acked != null) {
      timeline.add(new TimelineEvent(timeline.size() + 1, acked, "acknowledged", "m-alice", "ack"));
    }
    if (resolved != null) {
      timeline.add(new TimelineEvent(timeline.size() + 1, resolved, "resolved", "m-alice", "done"));
    }
    Instant last = resolved != null ? resolved : acked != null ? acked : at;
    for (String type : extraEvents) {
      last = last.plusSeconds(1);
      timeline.add(new TimelineEvent(timeline.size() + 1, last, type, null, type));
    }
    Stage stage =
        resolved != null ? Stage.RESOLVED : acked != null ? Stage.ACKNOWLEDGED : Stage.TRIGGERED;
    STORE.save(
        new IncidentSnapshot(
            number,
            IncidentKeys.key(number),
            "Synthetic " + number,
            description,
            service,
            severity,
            stage,
            null,
            "admin",
            at,
            acked,
            acked == null ? null : "m-alice",
            resolved,
            resolved == null ? null : "m-alice",
            null,
            Map.of(),
            null,
            List.of(),
            new Targets(false, false, null),
            new AlertActivity(0, null, false),
            List.of(),
            null,
            timeline,
            null,
            null,
            null,
            1));
    return number;
  }

  /** A page row as the workflow keys it: {key}/page/p{pass}/l{level}/{person}/{channel}+{after}. */
  private static void page(long incident, String step, String at) {
    String person = step.split("/")[2];
    insertNotification(incident, IncidentKeys.key(incident) + "/page/" + step, "PAGE", person, at);
  }

  private static void insertNotification(
      long incident, String key, String kind, String person, String at) {
    JDBC.sql(
            """
            insert into notifications (idempotency_key, incident_number, kind, recipient_id,
                recipient_name, channel, subject, body, status, created_at)
            values (?, ?, ?, ?, ?, 'EMAIL', 'subject', 'body', 'DELIVERED', ?)
            """)
        .params(key, incident, kind, person, person, Timestamp.from(Instant.parse(at)))
        .update();
  }

  private static void actionItem(long incident, String service, String status) {
    JDBC.sql(
            """
            insert into action_items (incident_number, service, title, owner, priority, status)
            values (?, ?, 'Follow up', 'm-alice', 'P2', ?)
            """)
        .params(incident, service, status)
        .update();
  }
}
