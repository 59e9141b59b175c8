package dev.fireline.directory;

import dev.fireline.directory.DirectoryStore.Kind;
import dev.fireline.directory.EscalationPolicyDefinition.Target;
import dev.fireline.incident.Severity;
import dev.fireline.persistence.DatabaseFailures;
import dev.fireline.policy.EscalationPolicy;
import dev.fireline.policy.IncidentPolicies;
import dev.fireline.policy.PolicyActivities;
import dev.fireline.policy.Recipient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The directory as the incident workflow sees it: a service's escalation policy (the severity's
 * variant where there is one), and at page time who a target means — a person, whoever is on call
 * for a schedule (or one of its layers), or every member of a team. Services and people the
 * directory does not know fall back to the configured defaults, so an incident always pages someone
 * and the timeline says who and why.
 */
public class DirectoryActivities implements PolicyActivities {
  private final DirectoryStore store;
  private final PolicyActivities defaults;
  private final List<String> admins;

  public DirectoryActivities(DirectoryStore store, PolicyActivities defaults) {
    this(store, defaults, List.of());
  }

  /**
   * @param admins the person ids that the {@value PolicyActivities#ADMINS} target means
   */
  public DirectoryActivities(DirectoryStore store, PolicyActivities defaults, List<String> admins) {
    this.store = store;
    this.defaults = defaults;
    this.admins = List.copyOf(admins);
  }

  @Override
  public IncidentPolicies policiesFor(String service, Severity severity) {
    IncidentPolicies fallback = defaults.policiesFor(service, severity);
    Optional<EscalationPolicyDefinition> policy =
        store
            .find(Kind.SERVICE, service)
            .flatMap(s -> store.find(Kind.ESCALATION_POLICY, s.escalationPolicy()));
    if (policy.isEmpty()) {
      return fallback;
    }
    return new IncidentPolicies(
        fallback.severities(),
        planned(policy.get(), severity),
        fallback.calendar(),
        fallback.postmortemLeadAfterOverdueDays(),
        fallback.warRoomSeverities());
  }

  /** The business calendar (for people without working hours of their own). */
  private dev.fireline.policy.BusinessCalendar calendar() {
    return defaults.policiesFor("", Severity.SEV1).calendar();
  }

  @Override
  public EscalationPolicy escalationPolicy(String id, Severity severity) {
    return DatabaseFailures.translated(
        () ->
            store
                .find(Kind.ESCALATION_POLICY, id)
                .map(definition -> planned(definition, severity))
                .orElseGet(() -> defaults.escalationPolicy(id, severity)));
  }

  /** The policy's levels for {@code severity}: its variant for that severity where it has one. */
  private static EscalationPolicy planned(
      EscalationPolicyDefinition definition, Severity severity) {
    List<EscalationPolicyDefinition.Level> levels =
        definition.bySeverity() != null && definition.bySeverity().containsKey(severity)
            ? definition.bySeverity().get(severity)
            : definition.levels();
    List<EscalationPolicy.Level> planned =
        levels.stream()
            .map(
                l ->
                    new EscalationPolicy.Level(
                        l.escalateAfter(), l.targets().stream().map(Target::reference).toList()))
            .toList();
    String name =
        definition.id() + (levels == definition.levels() ? "" : " (" + severity + " levels)");
    return new EscalationPolicy(name, definition.repeats(), planned);
  }

  @Override
  public List<Recipient> recipients(List<String> targets, Instant at) {
    return DatabaseFailures.translated(
        () -> {
          Map<String, Recipient> found = new LinkedHashMap<>();
          for (String target : targets) {
            for (Recipient recipient : resolve(target, at)) {
              found.putIfAbsent(recipient.id(), recipient);
            }
          }
          return new ArrayList<>(found.values());
        });
  }

  private List<Recipient> resolve(String target, Instant at) {
    int colon = target.indexOf(':');
    String type = colon < 0 ? "person" : target.substring(0, colon).toLowerCase(Locale.ROOT);
    String id = colon < 0 ? target : target.substring(colon + 1);
    if (target.equals(ADMINS)) {
      return admins.stream().flatMap(admin -> person(admin, "admin", at).stream()).toList();
    }
    return switch (type) {
      case "person" -> person(id, null, at).map(List::of).orElse(List.of());
      case "team" ->
          store
              .find(Kind.TEAM, id)
              .map(
                  team ->
                      team.members().stream()
                          .flatMap(
                              member -> person(member, "member of team " + team.id(), at).stream())
                          .toList())
              .orElse(List.of());
      case "schedule" -> onCall(id, at);
      case "service-lead" ->
          store
              .find(Kind.SERVICE, id)
              .flatMap(service -> Optional.ofNullable(service.team()))
              .flatMap(team -> store.find(Kind.TEAM, team))
              .flatMap(
                  team ->
                      Optional.ofNullable(team.lead())
                          .flatMap(lead -> person(lead, "lead of team " + team.id(), at)))
              .map(List::of)
              .orElse(List.of());
      default -> List.of();
    };
  }

  private List<Recipient> onCall(String scheduleAndLayer, Instant at) {
    int slash = scheduleAndLayer.indexOf('/');
    String scheduleId = slash < 0 ? scheduleAndLayer : scheduleAndLayer.substring(0, slash);
    String layer = slash < 0 ? null : scheduleAndLayer.substring(slash + 1);
    return store
        .scheduleWithOverrides(scheduleId)
        .flatMap(schedule -> OnCallCalculator.onCall(schedule, layer, at))
        .flatMap(
            person ->
                person(
                    person,
                    "on call for " + scheduleId + (layer == null ? "" : " (" + layer + ")"),
                    at))
        .map(List::of)
        .orElse(List.of());
  }

  /** Who {@code id} is, with when their working hours start if {@code at} is outside them. */
  private Optional<Recipient> person(String id, String reason, Instant at) {
    Optional<Recipient> known =
        store
            .find(Kind.PERSON, id)
            .map(
                p ->
                    new Recipient(
                        p.id(),
                        p.name(),
                        p.rules().stream()
                            .map(
                                r ->
                                    new Recipient.Rule(
                                        r.channel().name().toLowerCase(Locale.ROOT), r.after()))
                            .toList(),
                        reason,
                        WorkingWindows.nextStart(p, calendar(), at).orElse(null)));
    if (known.isPresent()) {
      return known;
    }
    return defaults.recipients(List.of(id), Instant.EPOCH).stream()
        .findFirst()
        .map(r -> new Recipient(r.id(), r.name(), r.rules(), reason));
  }
}
