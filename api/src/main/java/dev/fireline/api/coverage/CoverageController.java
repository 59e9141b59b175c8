package dev.fireline.api.coverage;

import dev.fireline.api.problem.ApiProblem;
import dev.fireline.coverage.Coverage;
import dev.fireline.coverage.CoverageReport;
import dev.fireline.coverage.CoverageStore;
import dev.fireline.coverage.ScheduleCoverage;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.DirectoryStore.Kind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Coverage gaps of the next 14 days, computed from the directory as it is at the request (so a fix
 * shows at once, not only after tomorrow's check), with when the daily check last ran.
 */
@RestController
class CoverageController {
  private final Coverage coverage;
  private final CoverageStore stored;
  private final DirectoryStore directory;

  CoverageController(Coverage coverage, CoverageStore stored, DirectoryStore directory) {
    this.coverage = coverage;
    this.stored = stored;
    this.directory = directory;
  }

  @GetMapping("/api/schedules/{id}/gaps")
  ScheduleGapsView scheduleGaps(@PathVariable String id) {
    if (directory.find(Kind.SCHEDULE, id).isEmpty()) {
      throw ApiProblem.notFound("no schedule '" + id + "'");
    }
    CoverageReport report = coverage.compute(now());
    ScheduleCoverage schedule =
        report.schedules().stream()
            .filter(s -> s.scheduleId().equals(id))
            .findFirst()
            // listed by the directory but left out by the check: its definition does not validate
            .orElseThrow(
                () ->
                    ApiProblem.conflict(
                        "schedule '" + id + "' is not valid: see GET " + "/api/schedules/" + id));
    CoverageStore.Checked<ScheduleCoverage> checked = stored.schedules().get(id);
    return new ScheduleGapsView(
        schedule.scheduleId(),
        schedule.name(),
        schedule.timeZone(),
        report.from(),
        report.to(),
        checked == null ? null : checked.checkedAt(),
        schedule.nobodyOnCall(),
        schedule.unreachable());
  }

  /** Whole seconds: the window's edges read as times, not as a clock reading. */
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  @GetMapping("/api/coverage/gaps")
  CoverageGapsView allGaps() {
    CoverageReport report = coverage.compute(now());
    return new CoverageGapsView(
        report.from(),
        report.to(),
        stored.lastChecked().orElse(null),
        report.gaps(),
        report.schedules(),
        report.policies());
  }
}
