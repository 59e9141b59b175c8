package dev.fireline.api.coverage;

import dev.fireline.coverage.PolicyCoverage;
import dev.fireline.coverage.ScheduleCoverage;
import java.time.Instant;
import java.util.List;

/**
 * Every schedule's and escalation policy's gaps over {@code [from, to)}, computed for this request;
 * entries without gaps are listed too (with empty lists), so what was checked is visible.
 *
 * @param checkedAt when the daily check last ran; null before it has
 */
record CoverageGapsView(
    Instant from,
    Instant to,
    Instant checkedAt,
    int gaps,
    List<ScheduleCoverage> schedules,
    List<PolicyCoverage> policies) {}
