package dev.fireline.coverage;

import dev.fireline.directory.DirectoryDocument;
import dev.fireline.directory.EscalationPolicyDefinition;
import dev.fireline.directory.EscalationPolicyDefinition.Level;
import dev.fireline.directory.EscalationPolicyDefinition.Target;
import dev.fireline.directory.Schedule;
import dev.fireline.directory.ServiceDefinition;
import dev.fireline.directory.Team;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Who is told of a gap. The directory gives a schedule no team (a {@link Schedule} names none;
 * teams own services, a service names its escalation policy, policies target schedules), so we
 * chose: the leads of the teams owning the services whose policy pages the schedule (on any level
 * of any severity variant) — the teams whose incidents would go unanswered; for a schedule no
 * service's policy pages, the leads of the teams with a member among its participants. A policy's
 * gaps go to the leads of the teams owning the services that use it. A team without a lead tells
 * nobody; the gap is still stored and shown by the API.
 */
final class Leads {
  private final DirectoryDocument directory;

  Leads(DirectoryDocument directory) {
    this.directory = directory;
  }

  List<String> ofSchedule(String scheduleId) {
    Set<String> teams = new TreeSet<>();
    for (ServiceDefinition service : directory.services()) {
      directory.escalationPolicies().stream()
          .filter(p -> p.id().equals(service.escalationPolicy()) && targets(p, scheduleId))
          .findFirst()
          .ifPresent(p -> add(teams, service.team()));
    }
    if (teams.isEmpty()) {
      Set<String> participants = new TreeSet<>();
      directory.schedules().stream()
          .filter(s -> s.id().equals(scheduleId))
          .flatMap(s -> s.layers().stream())
          .forEach(l -> participants.addAll(l.rotation().participants()));
      directory.teams().stream()
          .filter(t -> t.members() != null && t.members().stream().anyMatch(participants::contains))
          .forEach(t -> teams.add(t.id()));
    }
    return leads(teams);
  }

  List<String> ofPolicy(String policyId) {
    Set<String> teams = new TreeSet<>();
    directory.services().stream()
        .filter(s -> policyId.equals(s.escalationPolicy()))
        .forEach(s -> add(teams, s.team()));
    return leads(teams);
  }

  private static boolean targets(EscalationPolicyDefinition policy, String scheduleId) {
    Stream<Level> levels =
        policy.bySeverity() == null
            ? policy.levels().stream()
            : Stream.concat(
                policy.levels().stream(),
                policy.bySeverity().values().stream().flatMap(List::stream));
    return levels
        .flatMap(l -> l.targets().stream())
        .anyMatch(t -> t.type() == Target.Type.SCHEDULE && t.id().equals(scheduleId));
  }

  private static void add(Set<String> teams, String team) {
    if (team != null) {
      teams.add(team);
    }
  }

  private List<String> leads(Set<String> teamIds) {
    List<String> leads = new ArrayList<>();
    directory.teams().stream()
        .filter(t -> teamIds.contains(t.id()))
        .map(Team::lead)
        .filter(Objects::nonNull)
        .distinct()
        .sorted()
        .forEach(leads::add);
    return leads;
  }
}
