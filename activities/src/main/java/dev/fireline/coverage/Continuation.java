package dev.fireline.coverage;

import dev.fireline.coverage.PolicyCoverage.LevelGap;
import dev.fireline.coverage.ScheduleCoverage.Unreachable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Carries a gap's start over from the last stored check. A window starts now, so a gap already
 * under way would otherwise start anew at every check (and its lead be told again each day): when a
 * gap begins at the window's start and the stored check had the same gap covering that instant, it
 * keeps the stored start. Likewise a person still unreachable keeps the {@code since} of the first
 * check that found them. The start is what the notification key is made of.
 */
final class Continuation {
  private Continuation() {}

  static CoverageReport of(
      CoverageReport found,
      Map<String, ScheduleCoverage> schedules,
      Map<String, PolicyCoverage> policies) {
    return new CoverageReport(
        found.from(),
        found.to(),
        found.schedules().stream()
            .map(s -> schedule(s, schedules.get(s.scheduleId()), found))
            .toList(),
        found.policies().stream().map(p -> policy(p, policies.get(p.policyId()), found)).toList());
  }

  private static ScheduleCoverage schedule(
      ScheduleCoverage now, ScheduleCoverage before, CoverageReport found) {
    if (before == null) {
      return now;
    }
    List<Span> gaps =
        now.nobodyOnCall().stream()
            .map(
                gap ->
                    !gap.start().equals(found.from())
                        ? gap
                        : before.nobodyOnCall().stream()
                            .filter(b -> b.covers(found.from()))
                            .findFirst()
                            .map(gap::from)
                            .orElse(gap))
            .toList();
    List<Unreachable> unreachable =
        now.unreachable().stream()
            .map(
                u ->
                    before.unreachable().stream()
                        .filter(
                            b -> b.personId().equals(u.personId()) && b.since().isBefore(u.since()))
                        .findFirst()
                        .map(
                            b ->
                                new Unreachable(
                                    u.personId(), u.name(), b.since(), u.onCall(), u.reasons()))
                        .orElse(u))
            .toList();
    return new ScheduleCoverage(now.scheduleId(), now.name(), now.timeZone(), gaps, unreachable);
  }

  private static PolicyCoverage policy(
      PolicyCoverage now, PolicyCoverage before, CoverageReport found) {
    if (before == null) {
      return now;
    }
    List<LevelGap> levels =
        now.levels().stream()
            .map(
                gap ->
                    !gap.gap().start().equals(found.from())
                        ? gap
                        : before.levels().stream()
                            .filter(
                                b ->
                                    Objects.equals(b.variant(), gap.variant())
                                        && b.level() == gap.level()
                                        && b.unreachable().equals(gap.unreachable())
                                        && b.gap().covers(found.from()))
                            .findFirst()
                            .map(b -> gap.startingAt(b.gap()))
                            .orElse(gap))
            .toList();
    return new PolicyCoverage(now.policyId(), now.name(), now.timeZone(), levels);
  }
}
