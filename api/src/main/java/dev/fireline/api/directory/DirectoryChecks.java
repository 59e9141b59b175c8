package dev.fireline.api.directory;

import dev.fireline.api.directory.InvalidEntry.FieldError;
import dev.fireline.api.problem.ApiProblem;
import dev.fireline.directory.DirectoryDocument;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.EscalationPolicyDefinition;
import dev.fireline.directory.EscalationPolicyDefinition.Level;
import dev.fireline.directory.EscalationPolicyDefinition.Target;
import dev.fireline.directory.IntegrationKeys;
import dev.fireline.directory.Person;
import dev.fireline.directory.Schedule;
import dev.fireline.directory.ServiceDefinition;
import dev.fireline.directory.Team;
import dev.fireline.notify.ChannelProviders;
import dev.fireline.notify.ProviderSettings;
import dev.fireline.routing.RoutingDefinition;
import dev.fireline.routing.RoutingStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the file's parser cannot see of an API change: the rest of the store. Keys another service
 * or the routing already has, channels without a provider here, layers and override ids others
 * refer to, and who still refers to an entity being removed. Run by {@link DirectoryChanges} inside
 * the change's transaction.
 */
@Component
class DirectoryChecks {
  private final DirectoryStore store;
  private final ProviderSettings providers;
  private final RoutingStore routing;
  private final JdbcClient jdbc;

  DirectoryChecks(
      DirectoryStore store,
      ProviderSettings providers,
      RoutingStore routing,
      DataSource dataSource) {
    this.store = store;
    this.providers = providers;
    this.routing = routing;
    this.jdbc = JdbcClient.create(dataSource);
  }

  /**
   * @throws InvalidEntry naming the entry's fields, or ApiProblem (409)
   */
  <T> void entity(T entity, boolean withOverrides, DirectoryDocument current, boolean replacing) {
    if (entity instanceof Schedule schedule) {
      if (replacing) {
        layersStillReferredTo(schedule, withOverrides, current);
      }
      if (withOverrides) {
        overrideIdsFree(schedule);
      }
    } else if (entity instanceof ServiceDefinition service) {
      integrationKeysFree(service);
    } else if (entity instanceof Person person) {
      channelsProvided(person);
    }
  }

  /**
   * Strict mode: a notification rule on a channel without a provider here is refused, naming the
   * rule and what the channel needs, so no one is left with pages that reach nobody.
   */
  private void channelsProvided(Person person) {
    if (!providers.strict()) {
      return;
    }
    List<FieldError> errors = new ArrayList<>();
    List<Person.NotificationRule> rules = person.rules();
    for (int i = 0; i < rules.size(); i++) {
      String channel = rules.get(i).channel().name().toLowerCase(Locale.ROOT);
      if (!providers.channels().contains(channel)) {
        errors.add(
            new FieldError(
                "rules[" + i + "].channel",
                "rules["
                    + i
                    + "].channel: "
                    + channel
                    + " has no provider in this deployment ("
                    + ChannelProviders.needs(channel)
                    + ")"));
      }
    }
    throwIfAny(errors);
  }

  private void layersStillReferredTo(
      Schedule schedule, boolean withOverrides, DirectoryDocument current) {
    String id = schedule.id();
    Set<String> layers = new HashSet<>();
    schedule.layers().forEach(layer -> layers.add(layer.name()));
    List<String> lostLayers = new ArrayList<>();
    for (EscalationPolicyDefinition policy : current.escalationPolicies()) {
      targets(policy)
          .filter(
              t ->
                  t.type() == Target.Type.SCHEDULE
                      && t.id().equals(id)
                      && t.layer() != null
                      && !layers.contains(t.layer()))
          .map(t -> "escalation policy '" + policy.id() + "' (" + t.reference() + ")")
          .distinct()
          .forEach(lostLayers::add);
    }
    if (!withOverrides) {
      store.overrides(id).stream()
          .filter(o -> o.layer() != null && !layers.contains(o.layer()))
          .map(o -> "override '" + o.id() + "' (layer " + o.layer() + ")")
          .forEach(lostLayers::add);
    }
    if (!lostLayers.isEmpty()) {
      throw ApiProblem.conflict(
          EntityKind.SCHEDULE.describe(id)
              + " would lose layers still referred to by "
              + String.join(", ", lostLayers)
              + "; change those first");
    }
  }

  private void overrideIdsFree(Schedule schedule) {
    List<FieldError> taken = new ArrayList<>();
    for (int i = 0; i < schedule.overrides().size(); i++) {
      String overrideId = schedule.overrides().get(i).id();
      Optional<String> owner = overrideSchedule(overrideId).filter(s -> !s.equals(schedule.id()));
      if (owner.isPresent()) {
        String field = "overrides[" + i + "].id";
        taken.add(
            new FieldError(
                field,
                field
                    + ": override id '"
                    + overrideId
                    + "' is already used by schedule '"
                    + owner.get()
                    + "'"));
      }
    }
    throwIfAny(taken);
  }

  private void integrationKeysFree(ServiceDefinition service) {
    List<FieldError> taken = new ArrayList<>();
    for (int i = 0; i < service.integrationKeys().size(); i++) {
      String field = "integration-keys[" + i + "]";
      String hash = IntegrationKeys.lookupHash(service.integrationKeys().get(i));
      store
          .serviceForKeyHash(hash)
          .filter(owner -> !owner.equals(service.id()))
          .ifPresent(
              owner ->
                  taken.add(
                      new FieldError(
                          field,
                          field
                              + ": this integration key is already used by service '"
                              + owner
                              + "'")));
      if (routing.isRoutingKey(hash)) {
        taken.add(
            new FieldError(
                field,
                field
                    + ": this key is already a routing key (GET"
                    + " /api/routing); an integration key must be a key of its own"));
      }
    }
    throwIfAny(taken);
  }

  private static void throwIfAny(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new InvalidEntry(errors);
    }
  }

  /** The schedule that has the override {@code overrideId}, if one has. */
  Optional<String> overrideSchedule(String overrideId) {
    return jdbc.sql("select schedule_id from schedule_overrides where id = ?")
        .param(overrideId)
        .query(String.class)
        .optional();
  }

  /** Who refers to {@code kind}'s {@code id}: "team 'payments' (members)", ... */
  List<String> referrers(EntityKind<?> kind, String id, DirectoryDocument d) {
    List<String> out = new ArrayList<>();
    if (kind == EntityKind.PERSON) {
      for (Team team : d.teams()) {
        if (team.members().contains(id) || id.equals(team.lead())) {
          out.add("team '" + team.id() + "'");
        }
      }
      for (Schedule schedule : d.schedules()) {
        for (Schedule.Layer layer : schedule.layers()) {
          if (layer.rotation().participants().contains(id)) {
            out.add("schedule '" + schedule.id() + "' (layer " + layer.name() + ")");
          }
        }
      }
      policiesTargeting(d, t -> t.type() == Target.Type.PERSON && t.id().equals(id), out);
      jdbc.sql(
              """
              select id, schedule_id from schedule_overrides
              where person_id = ? and ends_at > now() order by schedule_id, starts_at, id
              """)
          .param(id)
          .query(
              (rs, row) ->
                  "override '"
                      + rs.getString("id")
                      + "' of schedule '"
                      + rs.getString("schedule_id")
                      + "'")
          .list()
          .forEach(out::add);
    } else if (kind == EntityKind.SERVICE) {
      RoutingDefinition rules =
          routing.find().map(RoutingStore.Stored::definition).orElse(RoutingDefinition.empty());
      for (int i = 0; i < rules.rules().size(); i++) {
        if (id.equals(rules.rules().get(i).service())) {
          out.add("routing (rules[" + i + "].service)");
        }
      }
      if (id.equals(rules.fallback())) {
        out.add("routing (fallback)");
      }
    } else if (kind == EntityKind.TEAM) {
      d.services().stream()
          .filter(s -> id.equals(s.team()))
          .forEach(s -> out.add("service '" + s.id() + "'"));
      policiesTargeting(d, t -> t.type() == Target.Type.TEAM && t.id().equals(id), out);
    } else if (kind == EntityKind.SCHEDULE) {
      policiesTargeting(d, t -> t.type() == Target.Type.SCHEDULE && t.id().equals(id), out);
    } else if (kind == EntityKind.ESCALATION_POLICY) {
      d.services().stream()
          .filter(s -> id.equals(s.escalationPolicy()))
          .forEach(s -> out.add("service '" + s.id() + "'"));
    }
    return out;
  }

  private static void policiesTargeting(
      DirectoryDocument d, Predicate<Target> match, List<String> out) {
    for (EscalationPolicyDefinition policy : d.escalationPolicies()) {
      if (targets(policy).anyMatch(match)) {
        out.add("escalation policy '" + policy.id() + "'");
      }
    }
  }

  private static Stream<Target> targets(EscalationPolicyDefinition policy) {
    Stream<Level> severityLevels =
        policy.bySeverity() == null
            ? Stream.empty()
            : policy.bySeverity().values().stream().flatMap(List::stream);
    return Stream.concat(policy.levels().stream(), severityLevels)
        .flatMap(level -> level.targets().stream());
  }
}
