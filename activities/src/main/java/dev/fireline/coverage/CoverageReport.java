package dev.fireline.coverage;

import java.time.Instant;
import java.util.List;

/** Every schedule and escalation policy checked over {@code [from, to)}. */
public record CoverageReport(
    Instant from, Instant to, List<ScheduleCoverage> schedules, List<PolicyCoverage> policies) {

  public int gaps() {
    return schedules.stream().mapToInt(ScheduleCoverage::gaps).sum()
        + policies.stream().mapToInt(p -> p.levels().size()).sum();
  }
}
