package dev.fireline.api.reports;

import dev.fireline.api.directory.Instants;
import dev.fireline.api.problem.ApiProblem;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.DirectoryStore.Kind;
import dev.fireline.metrics.IncidentReports;
import dev.fireline.metrics.Report;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Incident metrics over a period: GET /api/reports/incidents (everything) and
 * /api/reports/mtta-mttr (MTTA and MTTR per service). Definitions:
 * docs/alerts-postmortems-metrics.md, "Incident metrics".
 */
@RestController
@RequestMapping("/api/reports")
class ReportsController {
  static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

  private final IncidentReports reports;
  private final DirectoryStore directory;
  private final Clock clock = Clock.systemUTC();

  ReportsController(IncidentReports reports, DirectoryStore directory) {
    this.reports = reports;
    this.directory = directory;
  }

  @GetMapping("/incidents")
  Report incidents(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String team) {
    Query q = query(from, to, service, team);
    return reports.report(q.from(), q.to(), q.service(), q.team());
  }

  /** "What was our MTTA and MTTR last month, per service": the same report, trimmed. */
  record MttaMttr(
      Report.Period period,
      Report.Filters filters,
      int incidents,
      Report.Stats mtta,
      Report.Stats mttr,
      List<ServiceMttaMttr> byService) {}

  record ServiceMttaMttr(String service, int incidents, Report.Stats mtta, Report.Stats mttr) {}

  @GetMapping("/mtta-mttr")
  MttaMttr mttaMttr(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String team) {
    Query q = query(from, to, service, team);
    IncidentReports.ResponseTimes r =
        reports.responseTimes(q.from(), q.to(), q.service(), q.team());
    return new MttaMttr(
        r.period(),
        r.filters(),
        r.incidents(),
        r.mtta(),
        r.mttr(),
        r.byService().stream()
            .map(s -> new ServiceMttaMttr(s.service(), s.incidents(), s.mtta(), s.mttr()))
            .toList());
  }

  private record Query(Instant from, Instant to, String service, String team) {}

  private Query query(String fromText, String toText, String serviceText, String teamText) {
    Instant to = isBlank(toText) ? null : instant("to", toText);
    Instant from = isBlank(fromText) ? null : instant("from", fromText);
    // Neither: the last 30 days. One: the 30 days after from (before to).
    if (to == null) {
      to = from == null ? clock.instant() : from.plus(DEFAULT_PERIOD);
    }
    if (from == null) {
      from = to.minus(DEFAULT_PERIOD);
    }
    if (!to.isAfter(from)) {
      throw ApiProblem.badRequest("to", "must be after from (" + from + ")");
    }
    if (Duration.between(from, to).compareTo(IncidentReports.MAX_RANGE) > 0) {
      throw ApiProblem.badRequest(
          "to",
          "the period from "
              + from
              + " to "
              + to
              + " is longer than "
              + IncidentReports.MAX_RANGE.toDays()
              + " days");
    }
    String service = isBlank(serviceText) ? null : serviceText.trim();
    String team = isBlank(teamText) ? null : teamText.trim();
    if (team != null && directory.find(Kind.TEAM, team).isEmpty()) {
      throw ApiProblem.badRequest("team", "no team '" + team + "' in the directory");
    }
    return new Query(from, to, service, team);
  }

  /** ISO-8601 instant (Z or an offset) or a date, which means its start in UTC. */
  static Instant instant(String field, String text) {
    return Instants.instant(text)
        .orElseGet(
            () -> {
              try {
                return LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
              } catch (DateTimeParseException e) {
                throw ApiProblem.badRequest(
                    field,
                    "'"
                        + text
                        + "' is neither an instant nor a date: write"
                        + " ISO-8601, e.g. 2026-03-01 or 2026-03-01T00:00:00Z");
              }
            });
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
