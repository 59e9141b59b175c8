package dev.fireline.directory;

import dev.fireline.routing.RoutingDefinition;
import dev.fireline.security.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one directory file declares (see {@link DirectoryFile}). All lists are immutable and
 * in file order; a section the file leaves out is an empty list.
 *
 * @param accounts the sign-in of people whose entry has {@code role} (and {@code password-hash}),
 *     by person id. Kept apart from {@link Person}, which is answered over the API and stored as
 *     the directory's JSON: a password hash must go nowhere but the accounts table.
 * @param routing the {@code routing:} section; null when the file has none
 */
public record DirectoryDocument(
    List<Person> people,
    List<Team> teams,
    List<Schedule> schedules,
    List<EscalationPolicyDefinition> escalationPolicies,
    List<ServiceDefinition> services,
    List<MaintenanceWindowDefinition> maintenanceWindows,
    List<SilenceDefinition> silences,
    List<HeartbeatDefinition> heartbeats,
    Map<String, FileAccount> accounts,
    RoutingDefinition routing) {

  /**
   * A person's sign-in as the file declares it.
   *
   * @param passwordHash in the delegating encoder's form ({@code {bcrypt}$2a$...}); null: no
   *     password sign-in (single sign-on), the role still applies
   */
  public record FileAccount(Role role, String passwordHash) {
    /** Never the hash: a document may end up in a log or an assertion message. */
    @Override
    public String toString() {
      return "FileAccount[role=" + role + ", password=" + (passwordHash != null) + "]";
    }
  }

  public DirectoryDocument {
    people = people == null ? List.of() : List.copyOf(people);
    teams = teams == null ? List.of() : List.copyOf(teams);
    schedules = schedules == null ? List.of() : List.copyOf(schedules);
    escalationPolicies = escalationPolicies == null ? List.of() : List.copyOf(escalationPolicies);
    services = services == null ? List.of() : List.copyOf(services);
    maintenanceWindows = maintenanceWindows == null ? List.of() : List.copyOf(maintenanceWindows);
    silences = silences == null ? List.of() : List.copyOf(silences);
    heartbeats = heartbeats == null ? List.of() : List.copyOf(heartbeats);
    accounts =
        accounts == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(accounts));
  }

  /** Every section but routing. */
  public DirectoryDocument(
      List<Person> people,
      List<Team> teams,
      List<Schedule> schedules,
      List<EscalationPolicyDefinition> escalationPolicies,
      List<ServiceDefinition> services,
      List<MaintenanceWindowDefinition> maintenanceWindows,
      List<SilenceDefinition> silences,
      List<HeartbeatDefinition> heartbeats,
      Map<String, FileAccount> accounts) {
    this(
        people,
        teams,
        schedules,
        escalationPolicies,
        services,
        maintenanceWindows,
        silences,
        heartbeats,
        accounts,
        null);
  }

  /** Every section, no accounts. */
  public DirectoryDocument(
      List<Person> people,
      List<Team> teams,
      List<Schedule> schedules,
      List<EscalationPolicyDefinition> escalationPolicies,
      List<ServiceDefinition> services,
      List<MaintenanceWindowDefinition> maintenanceWindows,
      List<SilenceDefinition> silences,
      List<HeartbeatDefinition> heartbeats) {
    this(
        people,
        teams,
        schedules,
        escalationPolicies,
        services,
        maintenanceWindows,
        silences,
        heartbeats,
        Map.of());
  }

  /** The directory sections only: no maintenance windows, silences or heartbeats. */
  public DirectoryDocument(
      List<Person> people,
      List<Team> teams,
      List<Schedule> schedules,
      List<EscalationPolicyDefinition> escalationPolicies,
      List<ServiceDefinition> services) {
    this(
        people,
        teams,
        schedules,
        escalationPolicies,
        services,
        List.of(),
        List.of(),
        List.of(),
        Map.of());
  }

  /** This document with {@code accounts} (people's roles, for the export). */
  public DirectoryDocument withAccounts(Map<String, FileAccount> accounts) {
    return new DirectoryDocument(
        people,
        teams,
        schedules,
        escalationPolicies,
        services,
        maintenanceWindows,
        silences,
        heartbeats,
        accounts,
        routing);
  }

  /** This document with {@code routing} (null: no routing section). */
  public DirectoryDocument withRouting(RoutingDefinition routing) {
    return new DirectoryDocument(
        people,
        teams,
        schedules,
        escalationPolicies,
        services,
        maintenanceWindows,
        silences,
        heartbeats,
        accounts,
        routing);
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
        && heartbeats.isEmpty()
        && routing == null;
  }
}
