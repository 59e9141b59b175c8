package dev.fireline.coverage;

import dev.fireline.coverage.ScheduleCoverage.Unreachable;
import dev.fireline.directory.DirectoryDocument;
import dev.fireline.directory.EscalationPolicyDefinition;
import dev.fireline.directory.OnCallCalculator;
import dev.fireline.directory.Schedule;
import dev.fireline.directory.Shift;
import dev.fireline.notify.Reachability;
import dev.fireline.notify.Reachability.PersonReach;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds coverage gaps in a directory: per schedule the stretches with nobody on call and the people
 * on call whom no rule reaches; per escalation policy the stretches where a level pages nobody who
 * can be reached. Pure and exact: intervals come from the shifts {@link OnCallCalculator} computes,
 * never from sampling, so a gap is as precise as the schedule (DST included).
 */
public final class CoverageGaps {
  private static final Logger log = LoggerFactory.getLogger(CoverageGaps.class);

  private CoverageGaps() {}

  /**
   * @param directory people, teams, schedules (with their overrides), policies
   * @param reach who can be reached how ({@link Reachability#of}): a person is unreachable when
   *     none of their rules is REACHABLE (no address, no provider, log-only delivery)
   */
  public static CoverageReport find(
      DirectoryDocument directory, Reachability.Report reach, Instant from, Instant to) {
    Map<String, PersonReach> people =
        reach.people().stream()
            .collect(Collectors.toMap(PersonReach::id, Function.identity(), (a, b) -> a));
    List<ScheduleCoverage> schedules = new ArrayList<>();
    for (Schedule schedule : directory.schedules()) {
      try {
        schedules.add(schedule(schedule, people, from, to));
      } catch (IllegalArgumentException invalid) {
        // Stored schedules are validated on write; one that is not must not hide the others' gaps.
        log.warn("Coverage check: schedule {} skipped: {}", schedule.id(), invalid.getMessage());
      }
    }
    Set<String> reachable =
        people.values().stream()
            .filter(PersonReach::reachable)
            .map(PersonReach::id)
            .collect(Collectors.toSet());
    LevelResolution levels = new LevelResolution(directory, reachable, from, to);
    List<PolicyCoverage> policies = new ArrayList<>();
    for (EscalationPolicyDefinition policy : directory.escalationPolicies()) {
      policies.add(levels.policy(policy));
    }
    return new CoverageReport(from, to, List.copyOf(schedules), List.copyOf(policies));
  }

  /** One schedule's gaps over {@code [from, to)}. */
  static ScheduleCoverage schedule(
      Schedule schedule, Map<String, PersonReach> people, Instant from, Instant to) {
    return new ScheduleCoverage(
        schedule.id(),
        schedule.name(),
        schedule.timeZone(),
        nobodyOnCall(schedule, from, to),
        unreachable(schedule, people, from, to));
  }

  /**
   * The stretches of {@code [from, to)} where the schedule as a whole has nobody on call: the
   * complement of its effective shifts, so touching shifts leave no gap and a gap is merged however
   * many layers are off duty in it.
   */
  public static List<Span> nobodyOnCall(Schedule schedule, Instant from, Instant to) {
    ZoneId zone = ZoneId.of(schedule.timeZone());
    List<Span> gaps = new ArrayList<>();
    Instant cursor = from;
    for (Shift shift : OnCallCalculator.effectiveShifts(schedule, from, to)) {
      if (shift.start().isAfter(cursor)) {
        gaps.add(Span.of(cursor, shift.start(), zone));
      }
      if (shift.end().isAfter(cursor)) {
        cursor = shift.end();
      }
    }
    if (cursor.isBefore(to)) {
      gaps.add(Span.of(cursor, to, zone));
    }
    return List.copyOf(gaps);
  }

  /**
   * The people with a shift on any layer in {@code [from, to)} whom no notification rule reaches: a
   * secondary who cannot be reached is a gap too, as policies page layers by name. People the
   * directory does not know are unreachable.
   */
  static List<Unreachable> unreachable(
      Schedule schedule, Map<String, PersonReach> people, Instant from, Instant to) {
    ZoneId zone = ZoneId.of(schedule.timeZone());
    Map<String, List<Shift>> byPerson = new LinkedHashMap<>();
    OnCallCalculator.shifts(schedule, from, to)
        .forEach(s -> byPerson.computeIfAbsent(s.person(), p -> new ArrayList<>()).add(s));
    List<Unreachable> out = new ArrayList<>();
    byPerson.forEach(
        (person, shifts) -> {
          PersonReach reach = people.get(person);
          if (reach != null && reach.reachable()) {
            return;
          }
          List<Span> onCall = merged(shifts, zone);
          out.add(
              new Unreachable(
                  person,
                  reach == null ? person : reach.name(),
                  onCall.get(0).start(),
                  onCall,
                  reasons(reach)));
        });
    out.sort(Comparator.comparing(Unreachable::since).thenComparing(Unreachable::personId));
    return List.copyOf(out);
  }

  private static List<String> reasons(PersonReach reach) {
    if (reach == null) {
      return List.of("not in the directory");
    }
    if (reach.rules().isEmpty()) {
      return List.of("no notification rules");
    }
    return reach.rules().stream().map(r -> r.channel() + ": " + r.detail()).toList();
  }

  /** Shifts of one person, overlapping or touching across layers, as disjoint spans. */
  private static List<Span> merged(List<Shift> shifts, ZoneId zone) {
    List<Shift> sorted = new ArrayList<>(shifts);
    sorted.sort(Comparator.comparing(Shift::start));
    List<Instant[]> ranges = new ArrayList<>();
    for (Shift shift : sorted) {
      Instant[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
      if (last != null && !shift.start().isAfter(last[1])) {
        if (shift.end().isAfter(last[1])) {
          last[1] = shift.end();
        }
      } else {
        ranges.add(new Instant[] {shift.start(), shift.end()});
      }
    }
    return ranges.stream().map(r -> Span.of(r[0], r[1], zone)).toList();
  }
}
