package dev.fireline.metrics;

import dev.fireline.incident.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Incident metrics for the incidents declared in [{@code from}, {@code to}) (see
 * docs/alerts-postmortems-metrics.md, "Incident metrics" for every definition). Durations are whole
 * seconds; a statistic over no incidents is null.
 *
 * @param incidents incidents declared in the period (after the filters)
 * @param open of those, not resolved yet
 * @param mtta declared to acknowledged, over the acknowledged incidents
 * @param mttr declared to resolved, over the resolved incidents
 * @param mttd started at the source to declared, over the alert incidents whose start is known
 * @param bySeverity by the incident's current severity, every severity present (0 when none)
 * @param actionItems the action items of the period's incidents; null where the database has no
 *     action_items table
 * @param people pages sent in the period to each person, for the filtered incidents
 * @param shifts every on-call shift of every schedule in the directory, per layer, clipped to the
 *     period, with the pages its person got during it (see {@link ShiftReport})
 * @param pagesPerShift per person with at least one shift in the period: pages per shift (see
 *     {@link PagesPerShift})
 */
public record Report(
    Period period,
    Filters filters,
    int incidents,
    int open,
    Stats mtta,
    Stats mttr,
    Stats mttd,
    Map<Severity, Integer> bySeverity,
    Targets targets,
    Postmortems postmortems,
    ActionItems actionItems,
    List<ServiceReport> byService,
    List<PersonReport> people,
    List<ShiftReport> shifts,
    List<PagesPerShift> pagesPerShift) {

  public record Period(Instant from, Instant to) {}

  /**
   * @param services the services reported on; null when not filtered (every service)
   */
  public record Filters(String service, String team, List<String> services) {}

  /**
   * @param count how many incidents the statistic is over
   */
  public record Stats(int count, Long meanSeconds, Long medianSeconds) {}

  /** Incidents whose timeline records a missed acknowledgement (resolution) target. */
  public record Targets(int ackTargetMissed, int resolutionTargetMissed) {}

  /**
   * @param required incidents whose resolution started a postmortem (the severity required one)
   * @param published of those, the ones whose postmortem is published
   * @param completion published / required; null when none was required
   */
  public record Postmortems(int required, int published, Double completion) {}

  /**
   * @param total every item, whatever its status
   * @param done status done
   * @param wontDo status wont_do: dropped on purpose, neither done nor outstanding
   * @param completion done / (total - wontDo); null when that is 0
   */
  public record ActionItems(int total, int done, int wontDo, Double completion) {}

  /**
   * @param mtbfSeconds mean time between consecutive incident declarations; null under two
   */
  public record ServiceReport(
      String service,
      int incidents,
      int open,
      Stats mtta,
      Stats mttr,
      Stats mttd,
      Long mtbfSeconds,
      Map<Severity, Integer> bySeverity,
      Targets targets,
      Postmortems postmortems) {}

  /**
   * @param pages escalation steps that paged the person (one per incident, pass and level, however
   *     many channels it used)
   * @param incidents distinct incidents the person was paged for
   * @param outsideWorkingHours pages sent outside the person's working hours; null when the person
   *     has no working hours (or is not in the directory)
   */
  public record PersonReport(
      String person, String name, int pages, int incidents, Integer outsideWorkingHours) {}

  /**
   * One on-call shift (as {@code OnCallCalculator.shifts} gives them: a maximal stretch of one
   * person on one layer, an override splitting the turn it falls in), clipped to the period.
   *
   * @param override the stretch comes from a schedule override
   * @param pages pages (as counted in {@link PersonReport#pages()}: one per escalation step, of the
   *     filtered incidents, sent in the period) to this shift's person whose time is in [{@code
   *     start}, {@code end}); a page within two of the person's shifts at once (two layers or two
   *     schedules) counts in each
   */
  public record ShiftReport(
      String schedule,
      String layer,
      String person,
      Instant start,
      Instant end,
      boolean override,
      int pages) {}

  /**
   * @param shifts the person's shifts in the period (every schedule and layer)
   * @param pages the sum of those shifts' pages (pages sent while the person was not on call are
   *     not in it)
   * @param mean pages / shifts
   * @param max the most pages in one of those shifts
   */
  public record PagesPerShift(
      String person, String name, int shifts, int pages, double mean, int max) {}
}
