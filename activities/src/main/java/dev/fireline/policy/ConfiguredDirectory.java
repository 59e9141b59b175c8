package dev.fireline.policy;

import dev.fireline.incident.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The directory as configuration: people with their notification rules, one escalation policy, the
 * severity policies and the business calendar. The on-call directory (schedules, per-service
 * policies) replaces it.
 */
public class ConfiguredDirectory implements PolicyActivities {
  private final Map<String, Recipient> people;
  private final IncidentPolicies policies;

  public ConfiguredDirectory(List<Recipient> people, IncidentPolicies policies) {
    this.people = people.stream().collect(Collectors.toMap(Recipient::id, Function.identity()));
    this.policies = policies;
  }

  @Override
  public IncidentPolicies policiesFor(String service, Severity severity) {
    return policies;
  }

  /** The configured policy, by its name; there is no other. */
  @Override
  public EscalationPolicy escalationPolicy(String id, Severity severity) {
    return policies.escalation().name().equals(id) ? policies.escalation() : null;
  }

  @Override
  public List<Recipient> recipients(List<String> targets, Instant at) {
    return targets.stream().map(people::get).filter(Objects::nonNull).distinct().toList();
  }
}
