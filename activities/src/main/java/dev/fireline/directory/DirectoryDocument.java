package dev.fireline.directory;

import java.util.List;

/**
 * Everything one directory file declares (see {@link DirectoryFile}). All lists are immutable and in
 * file order; a section the file leaves out is an empty list.
 */
public record DirectoryDocument(
    List<Person> people,
    List<Team> teams,
    List<Schedule> schedules,
    List<EscalationPolicyDefinition> escalationPolicies,
    List<ServiceDefinition> services,
    List<MaintenanceWindowDefinition> maintenanceWindows,
    List<SilenceDefinition> silences,
    List<HeartbeatDefinition> heartbeats) {

  public DirectoryDocument {
    people = people == null ? List.of() : List.copyOf(people);
    teams = teams == null ? List.of() : List.copyOf(teams);
    schedules = schedules == null ? List.of() : List.copyOf(schedules);
    escalationPolicies = escalationPolicies == null ? List.of() : List.copyOf(escalationPolicies);
    services = services == null ? List.of() : List.copyOf(services);
    maintenanceWindows = maintenanceWindows == null ? List.of() : List.copyOf(maintenanceWindows);
    silences = silences == null ? List.of() : List.copyOf(silences);
    heartbeats = heartbeats == null ? List.of() : List.copyOf(heartbeats);
  }

  /** The directory sections only: no maintenance windows, silences or heartbeats. */
  public DirectoryDocument(
      List<Person> people,
      List<Team> teams,
      List<Schedule> schedules,
      List<EscalationPolicyDefinition> escalationPolicies,
      List<ServiceDefinition> services) {
    this(people, teams, schedules, escalationPolicies, services, List.of(), List.of(), List.of());
  }

  public static DirectoryDocument empty() {
    return new DirectoryDocument(List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /** True when the file declares nothing. */
  public boolean isEmpty() {
    return people.isEmpty()
        && teams.isEmpty()
        && schedules.isEmpty()
        && escalationPolicies.isEmpty()
        && services.isEmpty()
        && maintenanceWindows.isEmpty()
        && silences.isEmpty()
        && heartbeats.isEmpty();
  }
}
