package dev.fireline.api.coverage;

import dev.fireline.coverage.ScheduleCoverage;
import dev.fireline.coverage.Span;
import java.time.Instant;
import java.util.List;

/**
 * One schedule's gaps over {@code [from, to)}, computed for this request.
 *
 * @param checkedAt when the daily check last looked at this schedule; null before it has
 */
record ScheduleGapsView(
    String schedule,
    String name,
    String timeZone,
    Instant from,
    Instant to,
    Instant checkedAt,
    List<Span> nobodyOnCall,
    List<ScheduleCoverage.Unreachable> unreachable) {}
