package dev.fireline.coverage;

import dev.fireline.coverage.PolicyCoverage.LevelGap;
import dev.fireline.directory.DirectoryDocument;
import dev.fireline.directory.EscalationPolicyDefinition;
import dev.fireline.directory.EscalationPolicyDefinition.Level;
import dev.fireline.directory.EscalationPolicyDefinition.Target;
import dev.fireline.directory.OnCallCalculator;
import dev.fireline.directory.Person;
import dev.fireline.directory.Schedule;
import dev.fireline.directory.Shift;
import dev.fireline.directory.Team;
import dev.fireline.incident.Severity;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Who an escalation level pages over a window, as intervals: targets resolve as {@code
 * DirectoryActivities} resolves them at page time — a person, every member of a team, whoever is on
 * call for a schedule (the schedule as a whole, or one layer) — and the stretches where the union
 * holds nobody who can be reached are the level's gaps.
 *
 * <p>Only the directory counts: a person known only from {@code fireline.people} (the configured
 * fallback) is "not in the directory" here, as the check must answer the same in the api, which has
 * no such configuration.
 */
final class LevelResolution {
  private static final ZoneId UTC = ZoneId.of("UTC");

  private final Map<String, Person> people;
  private final Map<String, Team> teams;
  private final Map<String, Schedule> schedules;
  private final Set<String> reachable;
  private final Instant from;
  private final Instant to;

  LevelResolution(DirectoryDocument directory, Set<String> reachable, Instant from, Instant to) {
    this.people = byId(directory.people(), Person::id);
    this.teams = byId(directory.teams(), Team::id);
    this.schedules = byId(directory.schedules(), Schedule::id);
    this.reachable = reachable;
    this.from = from;
    this.to = to;
  }

  private static <T> Map<String, T> byId(List<T> list, Function<T, String> id) {
    return list.stream().collect(Collectors.toMap(id, Function.identity(), (a, b) -> a));
  }

  /** Someone on call for a target from {@code start} to {@code end}. */
  private record Piece(Instant start, Instant end, String person) {}

  /** What a level's targets yield: pieces, and targets that yield nobody ever. */
  private record Resolved(List<Piece> pieces, List<String> problems) {}

  PolicyCoverage policy(EscalationPolicyDefinition policy) {
    ZoneId zone = zone(policy);
    List<LevelGap> gaps = new ArrayList<>();
    gaps.addAll(levels(null, policy.levels(), zone));
    if (policy.bySeverity() != null) {
      new TreeMap<Severity, List<Level>>(policy.bySeverity())
          .forEach((severity, levels) -> gaps.addAll(levels(severity.name(), levels, zone)));
    }
    return new PolicyCoverage(policy.id(), policy.name(), zone.getId(), List.copyOf(gaps));
  }

  private List<LevelGap> levels(String variant, List<Level> levels, ZoneId zone) {
    List<LevelGap> gaps = new ArrayList<>();
    for (int i = 0; i < levels.size(); i++) {
      Level level = levels.get(i);
      List<String> references = level.targets().stream().map(Target::reference).toList();
      Resolved resolved = resolve(level.targets());
      for (Stretch stretch : uncovered(resolved.pieces())) {
        gaps.add(
            LevelGap.of(
                variant,
                i + 1,
                references,
                Span.of(stretch.start, stretch.end, zone),
                stretch.unreachable,
                resolved.problems()));
      }
    }
    return gaps;
  }

  private Resolved resolve(List<Target> targets) {
    List<Piece> pieces = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Target target : targets) {
      String ref = target.reference();
      switch (target.type()) {
        case PERSON -> {
          if (people.containsKey(target.id())) {
            pieces.add(new Piece(from, to, target.id()));
          } else {
            problems.add(ref + ": not in the directory");
          }
        }
        case TEAM -> {
          Team team = teams.get(target.id());
          List<String> members =
              team == null || team.members() == null
                  ? List.of()
                  : team.members().stream().filter(people::containsKey).toList();
          if (team == null) {
            problems.add(ref + ": not in the directory");
          } else if (members.isEmpty()) {
            problems.add(ref + ": has no members");
          }
          members.forEach(m -> pieces.add(new Piece(from, to, m)));
        }
        case SCHEDULE ->
            onCall(target, ref, problems)
                .forEach(s -> pieces.add(new Piece(s.start(), s.end(), s.person())));
      }
    }
    return new Resolved(pieces, List.copyOf(problems));
  }

  private List<Shift> onCall(Target target, String ref, List<String> problems) {
    Schedule schedule = schedules.get(target.id());
    if (schedule == null) {
      problems.add(ref + ": not in the directory");
      return List.of();
    }
    if (target.layer() != null
        && schedule.layers().stream().noneMatch(l -> l.name().equals(target.layer()))) {
      problems.add(ref + ": the schedule has no layer '" + target.layer() + "'");
      return List.of();
    }
    try {
      return target.layer() == null
          ? OnCallCalculator.effectiveShifts(schedule, from, to)
          : OnCallCalculator.shifts(schedule, target.layer(), from, to);
    } catch (IllegalArgumentException invalid) {
      problems.add(ref + ": " + invalid.getMessage());
      return List.of();
    }
  }

  /** A stretch where nobody reachable is paged; {@code unreachable}: whom the targets yield. */
  private record Stretch(Instant start, Instant end, List<String> unreachable) {}

  /**
   * Sweeps the window at every piece boundary: between two boundaries the set of people is
   * constant, so each elementary stretch is decided exactly; adjacent ones alike are merged.
   */
  private List<Stretch> uncovered(List<Piece> pieces) {
    TreeSet<Instant> points = new TreeSet<>(List.of(from, to));
    for (Piece piece : pieces) {
      if (piece.start().isAfter(from) && piece.start().isBefore(to)) {
        points.add(piece.start());
      }
      if (piece.end().isAfter(from) && piece.end().isBefore(to)) {
        points.add(piece.end());
      }
    }
    List<Stretch> out = new ArrayList<>();
    Instant start = null;
    for (Instant point : points) {
      if (start != null) {
        Instant at = start;
        Set<String> here =
            pieces.stream()
                .filter(p -> !p.start().isAfter(at) && p.end().isAfter(at))
                .map(Piece::person)
                .collect(Collectors.toCollection(TreeSet::new));
        if (here.stream().noneMatch(reachable::contains)) {
          append(out, new Stretch(start, point, List.copyOf(here)));
        }
      }
      start = point;
    }
    return out;
  }

  private static void append(List<Stretch> out, Stretch stretch) {
    int last = out.size() - 1;
    if (last >= 0
        && out.get(last).end.equals(stretch.start)
        && out.get(last).unreachable.equals(stretch.unreachable)) {
      out.set(last, new Stretch(out.get(last).start, stretch.end, stretch.unreachable));
    } else {
      out.add(stretch);
    }
  }

  /** The zone of the first schedule the policy targets; UTC when it targets none. */
  private ZoneId zone(EscalationPolicyDefinition policy) {
    List<Level> all = new ArrayList<>(policy.levels());
    if (policy.bySeverity() != null) {
      new TreeMap<>(policy.bySeverity()).values().forEach(all::addAll);
    }
    return all.stream()
        .flatMap(l -> l.targets().stream())
        .filter(t -> t.type() == Target.Type.SCHEDULE)
        .map(t -> schedules.get(t.id()))
        .filter(Objects::nonNull)
        .map(s -> ZoneId.of(s.timeZone()))
        .findFirst()
        .orElse(UTC);
  }
}
