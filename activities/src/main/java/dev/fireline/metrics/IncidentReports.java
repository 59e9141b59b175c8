package dev.fireline.metrics;

import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.DirectoryStore.Kind;
import dev.fireline.directory.OnCallCalculator;
import dev.fireline.directory.Person;
import dev.fireline.directory.Person.WorkingHours;
import dev.fireline.directory.Schedule;
import dev.fireline.directory.ServiceDefinition;
import dev.fireline.directory.Shift;
import dev.fireline.incident.Severity;
import dev.fireline.metrics.Report.Filters;
import dev.fireline.metrics.Report.PagesPerShift;
import dev.fireline.metrics.Report.Period;
import dev.fireline.metrics.Report.PersonReport;
import dev.fireline.metrics.Report.Postmortems;
import dev.fireline.metrics.Report.ServiceReport;
import dev.fireline.metrics.Report.ShiftReport;
import dev.fireline.metrics.Report.Stats;
import dev.fireline.metrics.Report.Targets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Incident metrics computed from the PostgreSQL read model: {@code incidents}, {@code
 * timeline_events}, the delivery log ({@code notifications}) and the directory.
 * docs/alerts-postmortems-metrics.md, "Incident metrics" defines every number.
 *
 * <h2>Pages per person per on-call shift</h2>
 *
 * <p>A <em>page</em> is what {@link Report.PersonReport#pages()} counts: one escalation step for
 * one person (the delivery-log {@code notifications} rows of kind PAGE grouped by incident, person
 * and idempotency key without its last part, the channel), at the time of its first row, for the
 * filtered incidents, sent in [{@code from}, {@code to}).
 *
 * <p>A <em>shift</em> is one of {@link OnCallCalculator#shifts(Schedule, Instant, Instant)} for
 * [{@code from}, {@code to}), for every schedule in the directory (with its overrides), per layer:
 * a maximal stretch of one person on one layer, clipped to the period (so a shift running over an
 * end of the period counts only its part inside it, and still counts as a shift). An override
 * splits the turn it falls in: the overridden person gets the part before and the part after as two
 * shifts, the override's person a shift of its own. The service and team filters narrow the pages,
 * not the schedules: every schedule is listed. A schedule the calculator rejects as invalid is left
 * out.
 *
 * <p>A shift's {@code pages} are the shift person's pages whose time is in [{@code start}, {@code
 * end}). A page sent while the person was on call in two shifts at once (two layers or schedules)
 * counts in both; a page sent while the person was not on call counts in none. Per person, {@code
 * pagesPerShift} is over the person's shifts in the period: {@code mean} = the sum of their pages /
 * the number of shifts, {@code max} = the most in one; people with no shift are not listed.
 */
public class IncidentReports {
  public static final Duration MAX_RANGE = Duration.ofDays(366);

  /** What AlertRouter writes into the description of an incident an alert opened. */
  static final Pattern STARTED_AT_SOURCE = Pattern.compile("Started at the source: (\\S+)");

  private final JdbcClient jdbc;
  private final DirectoryStore directory;

  public IncidentReports(DataSource dataSource, DirectoryStore directory) {
    this.jdbc = JdbcClient.create(dataSource);
    this.directory = directory;
  }

  /**
   * The report on the incidents declared in [{@code from}, {@code to}).
   *
   * @param service only this service; null for every service
   * @param team only the services whose owning team (ServiceDefinition.team) is this; null for any
   * @throws IllegalArgumentException when {@code to} is not after {@code from} or the range is
   *     longer than {@link #MAX_RANGE}
   */
  public Report report(Instant from, Instant to, String service, String team) {
    checkPeriod(from, to);
    List<String> services = services(service, team);
    List<Row> rows =
        services != null && services.isEmpty() ? List.of() : incidents(from, to, services);
    List<Page> pages =
        services != null && services.isEmpty() ? List.of() : pages(from, to, services);
    List<ShiftReport> shifts = shifts(from, to, pages);
    return new Report(
        new Period(from, to),
        new Filters(service, team, services),
        rows.size(),
        open(rows),
        mtta(rows),
        mttr(rows),
        mttd(rows),
        bySeverity(rows),
        targets(rows),
        postmortems(rows),
        actionItems(from, to, services),
        serviceReports(rows),
        people(pages),
        shifts,
        pagesPerShift(shifts, pages));
  }

  /**
   * Only what the incidents themselves tell — MTTA, MTTR and the per-service figures — without
   * reading pages or working out anybody's shifts.
   */
  public ResponseTimes responseTimes(Instant from, Instant to, String service, String team) {
    checkPeriod(from, to);
    List<String> services = services(service, team);
    List<Row> rows =
        services != null && services.isEmpty() ? List.of() : incidents(from, to, services);
    return new ResponseTimes(
        new Period(from, to),
        new Filters(service, team, services),
        rows.size(),
        mtta(rows),
        mttr(rows),
        serviceReports(rows));
  }

  /** MTTA and MTTR of a period, overall and per service. */
  public record ResponseTimes(
      Period period,
      Filters filters,
      int incidents,
      Stats mtta,
      Stats mttr,
      List<ServiceReport> byService) {}

  private static void checkPeriod(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to must be after from");
    }
    if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw new IllegalArgumentException(
          "the period is longer than " + MAX_RANGE.toDays() + " days");
    }
  }

  private List<ServiceReport> serviceReports(List<Row> rows) {
    Map<String, List<Row>> byService = new TreeMap<>();
    for (Row row : rows) {
      byService.computeIfAbsent(row.service(), s -> new ArrayList<>()).add(row);
    }
    return byService.entrySet().stream()
        .map(e -> serviceReport(e.getKey(), e.getValue()))
        .sorted(
            Comparator.comparingInt(ServiceReport::incidents)
                .reversed()
                .thenComparing(ServiceReport::service))
        .toList();
  }

  // ------------------------------------------------------------------------------------ reading

  /** One incident of the period, with the timeline facts the report needs. */
  record Row(
      long number,
      String service,
      Severity severity,
      Instant declaredAt,
      Instant acknowledgedAt,
      Instant resolvedAt,
      Instant startedAtSource,
      boolean ackTargetMissed,
      boolean resolutionTargetMissed,
      boolean postmortemRequired,
      boolean postmortemPublished) {}

  /** One escalation step that paged a person: the first of its channels' delivery-log rows. */
  record Page(String person, String name, long incident, Instant at) {}

  private List<String> services(String service, String team) {
    if (team == null) {
      return service == null ? null : List.of(service);
    }
    return directory.list(Kind.SERVICE).stream()
        .filter(s -> team.equals(s.team()))
        .map(ServiceDefinition::id)
        .filter(id -> service == null || service.equals(id))
        .sorted()
        .toList();
  }

  private List<Row> incidents(Instant from, Instant to, List<String> services) {
    List<Object> params = new ArrayList<>(List.of(Timestamp.from(from), Timestamp.from(to)));
    String sql =
        """
        select i.number, i.service, i.severity, i.declared_at, i.acknowledged_at, i.resolved_at,
            i.snapshot ->> 'description' as description,
            exists (select 1 from timeline_events t where t.incident_number = i.number
                and t.type = 'ack_target_missed') as ack_missed,
            exists (select 1 from timeline_events t where t.incident_number = i.number
                and t.type = 'resolution_target_missed') as resolution_missed,
            exists (select 1 from timeline_events t where t.incident_number = i.number
                and t.type = 'postmortem_started') as postmortem_required,
            exists (select 1 from timeline_events t where t.incident_number = i.number
                and t.type = 'postmortem_published') as postmortem_published
        from incidents i
        where i.declared_at >= ? and i.declared_at < ?
        """
            + serviceClause(services, params)
            + " order by i.declared_at, i.number";
    return jdbc.sql(sql)
        .params(params)
        .query(
            (rs, n) ->
                new Row(
                    rs.getLong("number"),
                    rs.getString("service"),
                    Severity.parse(rs.getString("severity")).orElse(null),
                    instant(rs, "declared_at"),
                    instant(rs, "acknowledged_at"),
                    instant(rs, "resolved_at"),
                    startedAtSource(rs.getString("description")),
                    rs.getBoolean("ack_missed"),
                    rs.getBoolean("resolution_missed"),
                    rs.getBoolean("postmortem_required"),
                    rs.getBoolean("postmortem_published")))
        .list();
  }

  private List<Page> pages(Instant from, Instant to, List<String> services) {
    List<Object> params = new ArrayList<>();
    String sql =
        """
        select n.recipient_id, max(n.recipient_name) as recipient_name, n.incident_number,
            min(n.created_at) as at
        from notifications n join incidents i on i.number = n.incident_number
        where n.kind = 'PAGE'
        """
            + serviceClause(services, params)
            + """
         group by n.recipient_id, n.incident_number,
            regexp_replace(n.idempotency_key, '/[^/]*$', '')
        having min(n.created_at) >= ? and min(n.created_at) < ?
        """;
    params.add(Timestamp.from(from));
    params.add(Timestamp.from(to));
    return jdbc.sql(sql)
        .params(params)
        .query(
            (rs, n) ->
                new Page(
                    rs.getString("recipient_id"),
                    rs.getString("recipient_name"),
                    rs.getLong("incident_number"),
                    instant(rs, "at")))
        .list();
  }

  /** Null when there is no action_items table (a database before V9). */
  private Report.ActionItems actionItems(Instant from, Instant to, List<String> services) {
    boolean exists =
        jdbc.sql("select to_regclass('action_items') is not null").query(Boolean.class).single();
    if (!exists) {
      return null;
    }
    if (services != null && services.isEmpty()) {
      return new Report.ActionItems(0, 0, 0, null);
    }
    List<Object> params = new ArrayList<>(List.of(Timestamp.from(from), Timestamp.from(to)));
    String sql =
        """
        select count(*) as total,
            count(*) filter (where a.status = 'done') as done,
            count(*) filter (where a.status = 'wont_do') as wont_do
        from action_items a join incidents i on i.number = a.incident_number
        where i.declared_at >= ? and i.declared_at < ?
        """
            + serviceClause(services, params);
    Map<String, Object> row = jdbc.sql(sql).params(params).query().singleRow();
    int total = ((Number) row.get("total")).intValue();
    int done = ((Number) row.get("done")).intValue();
    int wontDo = ((Number) row.get("wont_do")).intValue();
    return new Report.ActionItems(
        total, done, wontDo, total - wontDo == 0 ? null : (double) done / (total - wontDo));
  }

  private static String serviceClause(List<String> services, List<Object> params) {
    if (services == null) {
      return "";
    }
    params.addAll(services);
    return " and i.service in ("
        + services.stream().map(s -> "?").collect(Collectors.joining(", "))
        + ")";
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  /** "Started at the source: 2026-03-04T09:58:00Z" in the description; null when absent or bad. */
  static Instant startedAtSource(String description) {
    if (description == null) {
      return null;
    }
    Matcher m = STARTED_AT_SOURCE.matcher(description);
    if (!m.find()) {
      return null;
    }
    try {
      return Instant.parse(m.group(1));
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(m.group(1)).toInstant();
      } catch (DateTimeParseException notAnInstant) {
        return null;
      }
    }
  }

  // -------------------------------------------------------------------------------- computing

  private ServiceReport serviceReport(String service, List<Row> rows) {
    return new ServiceReport(
        service,
        rows.size(),
        open(rows),
        mtta(rows),
        mttr(rows),
        mttd(rows),
        mtbf(rows),
        bySeverity(rows),
        targets(rows),
        postmortems(rows));
  }

  private static int open(List<Row> rows) {
    return (int) rows.stream().filter(r -> r.resolvedAt() == null).count();
  }

  private static Stats mtta(List<Row> rows) {
    return stats(
        rows.stream()
            .filter(r -> r.acknowledgedAt() != null)
            .map(r -> Duration.between(r.declaredAt(), r.acknowledgedAt()))
            .toList());
  }

  private static Stats mttr(List<Row> rows) {
    return stats(
        rows.stream()
            .filter(r -> r.resolvedAt() != null)
            .map(r -> Duration.between(r.declaredAt(), r.resolvedAt()))
            .toList());
  }

  /** A start at the source after the declaration (clock skew) is not a detection time: left out. */
  private static Stats mttd(List<Row> rows) {
    return stats(
        rows.stream()
            .filter(r -> r.startedAtSource() != null)
            .map(r -> Duration.between(r.startedAtSource(), r.declaredAt()))
            .filter(d -> !d.isNegative())
            .toList());
  }

  /** (last declaration - first declaration) / (n - 1): the mean gap between consecutive ones. */
  private static Long mtbf(List<Row> rows) {
    if (rows.size() < 2) {
      return null;
    }
    Instant first = rows.stream().map(Row::declaredAt).min(Comparator.naturalOrder()).orElseThrow();
    Instant last = rows.stream().map(Row::declaredAt).max(Comparator.naturalOrder()).orElseThrow();
    return Math.round(Duration.between(first, last).toMillis() / 1000.0 / (rows.size() - 1));
  }

  static Stats stats(List<Duration> durations) {
    if (durations.isEmpty()) {
      return new Stats(0, null, null);
    }
    long[] millis = durations.stream().mapToLong(Duration::toMillis).sorted().toArray();
    double sum = 0;
    for (long m : millis) {
      sum += m;
    }
    int n = millis.length;
    double median = n % 2 == 1 ? millis[n / 2] : (millis[n / 2 - 1] + millis[n / 2]) / 2.0;
    return new Stats(n, Math.round(sum / n / 1000.0), Math.round(median / 1000.0));
  }

  private static Map<Severity, Integer> bySeverity(List<Row> rows) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      counts.put(severity, 0);
    }
    rows.stream()
        .filter(r -> r.severity() != null)
        .forEach(r -> counts.merge(r.severity(), 1, Integer::sum));
    return counts;
  }

  private static Targets targets(List<Row> rows) {
    return new Targets(
        (int) rows.stream().filter(Row::ackTargetMissed).count(),
        (int) rows.stream().filter(Row::resolutionTargetMissed).count());
  }

  private static Postmortems postmortems(List<Row> rows) {
    int required = (int) rows.stream().filter(Row::postmortemRequired).count();
    int published =
        (int) rows.stream().filter(r -> r.postmortemRequired() && r.postmortemPublished()).count();
    return new Postmortems(
        required, published, required == 0 ? null : (double) published / required);
  }

  private List<PersonReport> people(List<Page> pages) {
    Map<String, List<Page>> byPerson = new LinkedHashMap<>();
    for (Page page : pages) {
      byPerson.computeIfAbsent(page.person(), p -> new ArrayList<>()).add(page);
    }
    Map<String, Optional<Person>> people = new HashMap<>();
    List<PersonReport> reports = new ArrayList<>();
    byPerson.forEach(
        (id, paged) -> {
          Optional<Person> person = people.computeIfAbsent(id, p -> directory.find(Kind.PERSON, p));
          Integer outside = null;
          if (person.isPresent() && person.get().workingHours() != null) {
            outside =
                (int) paged.stream().filter(p -> !withinWorkingHours(person.get(), p.at())).count();
          }
          Set<Long> incidents = new HashSet<>();
          paged.forEach(p -> incidents.add(p.incident()));
          String name =
              person
                  .map(Person::name)
                  .orElse(
                      paged.stream()
                          .map(Page::name)
                          .filter(n -> n != null)
                          .findFirst()
                          .orElse(null));
          reports.add(new PersonReport(id, name, paged.size(), incidents.size(), outside));
        });
    reports.sort(
        Comparator.comparingInt(PersonReport::pages)
            .reversed()
            .thenComparing(PersonReport::person));
    return reports;
  }

  /** Every schedule's shifts in [from, to), per layer, each with its person's pages in it. */
  private List<ShiftReport> shifts(Instant from, Instant to, List<Page> pages) {
    Map<String, List<Instant>> pagedAt = new HashMap<>();
    for (Page page : pages) {
      pagedAt.computeIfAbsent(page.person(), p -> new ArrayList<>()).add(page.at());
    }
    List<ShiftReport> reports = new ArrayList<>();
    for (Schedule listed : directory.list(Kind.SCHEDULE)) {
      Optional<Schedule> schedule = directory.scheduleWithOverrides(listed.id());
      if (schedule.isEmpty()) {
        continue; // deleted meanwhile
      }
      List<Shift> shifts;
      try {
        shifts = OnCallCalculator.shifts(schedule.get(), from, to);
      } catch (IllegalArgumentException invalid) {
        continue;
      }
      for (Shift shift : shifts) {
        int paged =
            (int)
                pagedAt.getOrDefault(shift.person(), List.of()).stream()
                    .filter(at -> !at.isBefore(shift.start()) && at.isBefore(shift.end()))
                    .count();
        reports.add(
            new ShiftReport(
                shift.schedule(),
                shift.layer(),
                shift.person(),
                shift.start(),
                shift.end(),
                shift.override(),
                paged));
      }
    }
    return reports;
  }

  /** Per person with a shift: mean and max pages over their shifts; highest mean first. */
  private List<PagesPerShift> pagesPerShift(List<ShiftReport> shifts, List<Page> pages) {
    Map<String, List<ShiftReport>> byPerson = new TreeMap<>();
    for (ShiftReport shift : shifts) {
      byPerson.computeIfAbsent(shift.person(), p -> new ArrayList<>()).add(shift);
    }
    Map<String, String> pagedNames = new HashMap<>();
    pages.stream()
        .filter(p -> p.name() != null)
        .forEach(p -> pagedNames.putIfAbsent(p.person(), p.name()));
    List<PagesPerShift> reports = new ArrayList<>();
    byPerson.forEach(
        (id, own) -> {
          int total = own.stream().mapToInt(ShiftReport::pages).sum();
          int max = own.stream().mapToInt(ShiftReport::pages).max().orElse(0);
          String name =
              directory.find(Kind.PERSON, id).map(Person::name).orElse(pagedNames.get(id));
          reports.add(
              new PagesPerShift(id, name, own.size(), total, (double) total / own.size(), max));
        });
    reports.sort(
        Comparator.comparingDouble(PagesPerShift::mean)
            .reversed()
            .thenComparing(PagesPerShift::person));
    return reports;
  }

  /**
   * Within [start, end) on one of the days, in the person's time zone (UTC when none or unknown).
   * Hours whose end is before their start run past midnight and belong to the day they start on.
   */
  static boolean withinWorkingHours(Person person, Instant at) {
    WorkingHours hours = person.workingHours();
    ZonedDateTime local = at.atZone(zone(person.timeZone()));
    DayOfWeek day = local.getDayOfWeek();
    LocalTime time = local.toLocalTime();
    List<DayOfWeek> days = hours.days() == null ? List.of() : hours.days();
    if (hours.start().isBefore(hours.end())) {
      return days.contains(day) && !time.isBefore(hours.start()) && time.isBefore(hours.end());
    }
    return (days.contains(day) && !time.isBefore(hours.start()))
        || (days.contains(day.minus(1)) && time.isBefore(hours.end()));
  }

  private static ZoneId zone(String id) {
    if (id == null || id.isBlank()) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }
}
