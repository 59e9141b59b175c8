package dev.fireline.api.directory;

import dev.fireline.api.directory.InvalidEntry.FieldError;
import dev.fireline.api.problem.ApiProblem;
import dev.fireline.directory.DirectoryApplier;
import dev.fireline.directory.DirectoryDocument;
import dev.fireline.directory.DirectoryFile;
import dev.fireline.directory.DirectoryFileException;
import dev.fireline.directory.DirectoryFileWriter;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.DirectoryStore.Kind;
import dev.fireline.directory.EscalationPolicyDefinition;
import dev.fireline.directory.EscalationPolicyDefinition.Level;
import dev.fireline.directory.EscalationPolicyDefinition.Target;
import dev.fireline.directory.IntegrationKeys;
import dev.fireline.directory.Person;
import dev.fireline.directory.Schedule;
import dev.fireline.directory.ServiceDefinition;
import dev.fireline.directory.Team;
import dev.fireline.handoff.Handoffs;
import dev.fireline.notify.ChannelProviders;
import dev.fireline.notify.ProviderSettings;
import dev.fireline.routing.RoutingDefinition;
import dev.fireline.routing.RoutingStore;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The directory as the API changes it. A request body is one entry of the directory file, checked
 * by the file's own parser against what the directory holds; entities the file manages are
 * read-only here (their schedules' overrides excepted), and nothing another entity refers to can be
 * removed. Every change runs in one transaction under the lock the file's applier takes, so API
 * changes, other replicas and a start-up apply never interleave; its audit row, with the entity
 * before and after, is written in the same transaction ({@link DirectoryAudit}).
 */
@Service
class DirectoryService {
  private static final Logger log = LoggerFactory.getLogger(DirectoryService.class);
  private static final String MANAGED_BY = "managed-by";
  /** A person's sign-in is not part of their entry: it has a route of its own. */
  private static final List<String> ACCOUNT_FIELDS = List.of("role", "password", "password-hash");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DirectoryStore store;
  private final ProviderSettings providers;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final ObjectProvider<Handoffs> handoffs;
  private final DirectoryAudit audit;
  private final RoutingStore routing;

  DirectoryService(DirectoryStore store, DataSource dataSource,
      PlatformTransactionManager transactionManager, ObjectProvider<Handoffs> handoffs,
      ProviderSettings providers, DirectoryAudit audit, RoutingStore routing) {
    this.store = store;
    this.routing = routing;
    this.audit = audit;
    this.providers = providers;
    this.jdbc = JdbcClient.create(dataSource);
    this.transaction = new TransactionTemplate(transactionManager);
    this.handoffs = handoffs;
  }

  // ------------------------------------------------------------------------------- reading

  /** Every entity; schedules without their overrides. */
  DirectoryDocument current() {
    return new DirectoryDocument(store.list(Kind.PERSON), store.list(Kind.TEAM),
        store.list(Kind.SCHEDULE), store.list(Kind.ESCALATION_POLICY), store.list(Kind.SERVICE));
  }

  /** Every entity, schedules with all their overrides, the routing rules: the directory as one file. */
  DirectoryDocument export() {
    DirectoryDocument current = current();
    return EntityKind.SCHEDULE.withSection().apply(current,
        current.schedules().stream().map(this::withOverrides).toList())
        .withRouting(routing.find().map(RoutingStore.Stored::definition).orElse(null));
  }

  <T> List<Map<String, Object>> list(EntityKind<T> kind) {
    Set<String> fileManaged = new HashSet<>(store.ids(kind.store(), DirectoryStore.FILE));
    return store.list(kind.store()).stream()
        .map(entity -> view(kind, entity, fileManaged.contains(kind.id().apply(entity))
            ? DirectoryStore.FILE : DirectoryStore.API))
        .toList();
  }

  <T> Map<String, Object> get(EntityKind<T> kind, String id) {
    return shown(kind, id).orElseThrow(() -> ApiProblem.notFound("no " + kind.describe(id)));
  }

  /** The entity as GET answers it, if there is one. */
  private <T> Optional<Map<String, Object>> shown(EntityKind<T> kind, String id) {
    return store.find(kind.store(), id).map(entity -> view(kind, entity,
        store.managedBy(kind.store(), id).orElse(DirectoryStore.API)));
  }

  /** The schedule with every override (from the file and the API). */
  Schedule schedule(String id) {
    return store.scheduleWithOverrides(id)
        .orElseThrow(() -> ApiProblem.notFound("no " + EntityKind.SCHEDULE.describe(id)));
  }

  List<Schedule> schedules() {
    return store.list(Kind.SCHEDULE).stream().map(this::withOverrides).toList();
  }

  boolean personExists(String id) {
    return store.managedBy(Kind.PERSON, id).isPresent();
  }

  private Schedule withOverrides(Schedule schedule) {
    return new Schedule(schedule.id(), schedule.name(), schedule.timeZone(), schedule.layers(),
        store.overrides(schedule.id()));
  }

  @SuppressWarnings("unchecked")
  private <T> Map<String, Object> view(EntityKind<T> kind, T entity, String managedBy) {
    T shown = entity instanceof Schedule schedule ? (T) withOverrides(schedule) : entity;
    Map<String, Object> out = kind.writer().apply(shown);
    out.put(MANAGED_BY, managedBy);
    return out;
  }

  // ------------------------------------------------------------------------------- writing

  /** POST: a new entity; 409 when the id is taken. */
  <T> Map<String, Object> create(EntityKind<T> kind, Map<String, Object> body) {
    Map<String, Object> entry = entry(body);
    Object givenId = entry.get("id");
    noAccountFields(kind, entry, givenId == null ? "{id}" : givenId.toString());
    String id = locked(() -> {
      if (givenId != null && store.managedBy(kind.store(), givenId.toString()).isPresent()) {
        throw ApiProblem.conflict(kind.describe(givenId.toString()) + " exists already: PUT "
            + kind.location(givenId.toString()) + " replaces it");
      }
      DirectoryDocument current = current();
      T entity = parse(kind, entry, current);
      save(kind, entity, entry, current, false);
      String created = kind.id().apply(entity);
      audit.changed(target(kind, created), null, shown(kind, created).orElseThrow(), 201);
      return created;
    });
    afterChange(kind, id);
    return get(kind, id);
  }

  record Replaced(Map<String, Object> entity, boolean created) {}

  /** PUT: creates or replaces {@code id}; 409 when the config file manages it. */
  <T> Replaced replace(EntityKind<T> kind, String id, Map<String, Object> body) {
    Map<String, Object> entry = entry(body);
    Object givenId = entry.get("id");
    if (givenId != null && !givenId.toString().equals(id)) {
      throw ApiProblem.badRequest("id", "'" + givenId + "' is not the id in the path ('" + id
          + "'); leave id out or make them equal (ids cannot be renamed)");
    }
    noAccountFields(kind, entry, id);
    Map<String, Object> withId = new LinkedHashMap<>();
    withId.put("id", id);
    withId.putAll(entry);
    boolean created = locked(() -> {
      Optional<String> managedBy = store.managedBy(kind.store(), id);
      if (managedBy.isPresent() && managedBy.get().equals(DirectoryStore.FILE)) {
        throw fileManaged(kind, id);
      }
      DirectoryDocument current = current();
      T entity = parse(kind, withId, kind.without(current, id));
      Map<String, Object> before = shown(kind, id).orElse(null);
      save(kind, entity, withId, current, managedBy.isPresent());
      audit.changed(target(kind, id), before, shown(kind, id).orElseThrow(),
          managedBy.isEmpty() ? 201 : 200);
      return managedBy.isEmpty();
    });
    afterChange(kind, id);
    return new Replaced(get(kind, id), created);
  }

  /** DELETE: 404 unknown, 409 when the file manages it or others refer to it. */
  <T> void delete(EntityKind<T> kind, String id) {
    locked(() -> {
      String managedBy = store.managedBy(kind.store(), id)
          .orElseThrow(() -> ApiProblem.notFound("no " + kind.describe(id)));
      if (managedBy.equals(DirectoryStore.FILE)) {
        throw fileManaged(kind, id);
      }
      List<String> referrers = referrers(kind, id, current());
      if (!referrers.isEmpty()) {
        throw ApiProblem.conflict(kind.describe(id) + " is still referred to by "
            + String.join(", ", referrers) + "; change those first");
      }
      Map<String, Object> before = shown(kind, id).orElseThrow();
      store.delete(kind.store(), id);
      audit.changed(target(kind, id), before, null, 204);
      return null;
    });
    afterChange(kind, id);
  }

  /** "person alice", "escalation policy storefront": what the audit log names. */
  private static String target(EntityKind<?> kind, String id) {
    return kind.label() + " " + id;
  }

  /**
   * {@code role} and {@code password-hash} belong to the directory file's person entries only;
   * over the API a person's sign-in has its own route (admin only, the hash made there).
   */
  private static void noAccountFields(EntityKind<?> kind, Map<String, Object> entry, String id) {
    if (kind != EntityKind.PERSON) {
      return;
    }
    List<FieldError> errors = ACCOUNT_FIELDS.stream().filter(entry::containsKey)
        .map(field -> new FieldError(field, field + ": is not part of a person entry over the "
            + "API; set the role and password with PUT /api/people/" + id + "/account"))
        .toList();
    if (!errors.isEmpty()) {
      throw new InvalidEntry(errors);
    }
  }

  private static ApiProblem fileManaged(EntityKind<?> kind, String id) {
    return ApiProblem.conflict(kind.describe(id)
        + " is managed by the config file (FIRELINE_CONFIG); change it there");
  }

  /** The body without the read-only {@code managed-by} a GET response carries. */
  private static Map<String, Object> entry(Map<String, Object> body) {
    Map<String, Object> entry = new LinkedHashMap<>(body);
    entry.remove(MANAGED_BY);
    return entry;
  }

  /** The body read as one entry of the directory file, its references checked against existing. */
  private static <T> T parse(EntityKind<T> kind, Map<String, Object> entry,
      DirectoryDocument existing) {
    DirectoryDocument parsed = parseWrapped(Map.of(kind.section(), List.of(entry)), existing,
        kind.section() + "[0]");
    return kind.in(parsed).get(0);
  }

  private static DirectoryDocument parseWrapped(Map<String, Object> wrapped,
      DirectoryDocument existing, String prefix) {
    String yaml;
    try {
      yaml = DirectoryFileWriter.yaml(wrapped);
    } catch (RuntimeException e) {
      throw new InvalidEntry(List.of(new FieldError("", "the body cannot be read: " + e)));
    }
    try {
      return DirectoryFile.parse("request", yaml, existing);
    } catch (DirectoryFileException e) {
      throw InvalidEntry.of(e, prefix);
    }
  }

  @SuppressWarnings("unchecked")
  private <T> void save(EntityKind<T> kind, T entity, Map<String, Object> entry,
      DirectoryDocument current, boolean replacing) {
    String id = kind.id().apply(entity);
    if (entity instanceof Schedule schedule) {
      saveSchedule(schedule, entry.containsKey("overrides"), current, replacing);
      return;
    }
    if (entity instanceof ServiceDefinition service) {
      checkIntegrationKeys(service);
    }
    if (entity instanceof Person person) {
      checkChannels(person);
    }
    store.put(kind.store(), id, entity, DirectoryStore.API);
    if (entity instanceof ServiceDefinition service) {
      store.replaceIntegrationKeys(id, service.integrationKeys(), DirectoryStore.API);
    }
  }

  /**
   * Strict mode: a notification rule on a channel without a provider here is refused, naming the
   * rule and what the channel needs, so no one is left with pages that reach nobody.
   */
  private void checkChannels(Person person) {
    if (!providers.strict()) {
      return;
    }
    List<FieldError> errors = new ArrayList<>();
    List<Person.NotificationRule> rules = person.rules();
    for (int i = 0; i < rules.size(); i++) {
      String channel = rules.get(i).channel().name().toLowerCase(java.util.Locale.ROOT);
      if (!providers.channels().contains(channel)) {
        errors.add(new FieldError("rules[" + i + "].channel", "rules[" + i + "].channel: "
            + channel + " has no provider in this deployment (" + ChannelProviders.needs(channel)
            + ")"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidEntry(errors);
    }
  }

  private void saveSchedule(Schedule schedule, boolean withOverrides, DirectoryDocument current,
      boolean replacing) {
    String id = schedule.id();
    Set<String> layers = new HashSet<>();
    schedule.layers().forEach(layer -> layers.add(layer.name()));
    if (replacing) {
      List<String> lostLayers = new ArrayList<>();
      for (EscalationPolicyDefinition policy : current.escalationPolicies()) {
        targets(policy)
            .filter(t -> t.type() == Target.Type.SCHEDULE && t.id().equals(id)
                && t.layer() != null && !layers.contains(t.layer()))
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
        throw ApiProblem.conflict(EntityKind.SCHEDULE.describe(id)
            + " would lose layers still referred to by " + String.join(", ", lostLayers)
            + "; change those first");
      }
    }
    if (withOverrides) {
      List<FieldError> taken = new ArrayList<>();
      for (int i = 0; i < schedule.overrides().size(); i++) {
        String overrideId = schedule.overrides().get(i).id();
        Optional<String> owner = overrideSchedule(overrideId).filter(s -> !s.equals(id));
        if (owner.isPresent()) {
          String field = "overrides[" + i + "].id";
          taken.add(new FieldError(field, field + ": override id '" + overrideId
              + "' is already used by schedule '" + owner.get() + "'"));
        }
      }
      if (!taken.isEmpty()) {
        throw new InvalidEntry(taken);
      }
    }
    store.put(Kind.SCHEDULE, id,
        new Schedule(id, schedule.name(), schedule.timeZone(), schedule.layers(), List.of()),
        DirectoryStore.API);
    if (withOverrides) {
      for (Schedule.Override override : schedule.overrides()) {
        store.addOverride(id, override, DirectoryStore.API, null);
      }
      store.pruneOverrides(id, DirectoryStore.API,
          schedule.overrides().stream().map(Schedule.Override::id).toList());
    }
  }

  private void checkIntegrationKeys(ServiceDefinition service) {
    List<FieldError> taken = new ArrayList<>();
    for (int i = 0; i < service.integrationKeys().size(); i++) {
      String field = "integration-keys[" + i + "]";
      String hash = IntegrationKeys.lookupHash(service.integrationKeys().get(i));
      store.serviceForKeyHash(hash)
          .filter(owner -> !owner.equals(service.id()))
          .ifPresent(owner -> taken.add(new FieldError(field,
              field + ": this integration key is already used by service '" + owner + "'")));
      if (routing.isRoutingKey(hash)) {
        taken.add(new FieldError(field, field + ": this key is already a routing key (GET"
            + " /api/routing); an integration key must be a key of its own"));
      }
    }
    if (!taken.isEmpty()) {
      throw new InvalidEntry(taken);
    }
  }

  /** Who refers to {@code kind}'s {@code id}: "team 'payments' (members)", ... */
  private List<String> referrers(EntityKind<?> kind, String id, DirectoryDocument d) {
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
      jdbc.sql("""
              select id, schedule_id from schedule_overrides
              where person_id = ? and ends_at > now() order by schedule_id, starts_at, id
              """)
          .param(id)
          .query((rs, row) -> "override '" + rs.getString("id") + "' of schedule '"
              + rs.getString("schedule_id") + "'")
          .list()
          .forEach(out::add);
    } else if (kind == EntityKind.SERVICE) {
      RoutingDefinition rules = routing.find().map(RoutingStore.Stored::definition)
          .orElse(RoutingDefinition.empty());
      for (int i = 0; i < rules.rules().size(); i++) {
        if (id.equals(rules.rules().get(i).service())) {
          out.add("routing (rules[" + i + "].service)");
        }
      }
      if (id.equals(rules.fallback())) {
        out.add("routing (fallback)");
      }
    } else if (kind == EntityKind.TEAM) {
      d.services().stream().filter(s -> id.equals(s.team()))
          .forEach(s -> out.add("service '" + s.id() + "'"));
      policiesTargeting(d, t -> t.type() == Target.Type.TEAM && t.id().equals(id), out);
    } else if (kind == EntityKind.SCHEDULE) {
      policiesTargeting(d, t -> t.type() == Target.Type.SCHEDULE && t.id().equals(id), out);
    } else if (kind == EntityKind.ESCALATION_POLICY) {
      d.services().stream().filter(s -> id.equals(s.escalationPolicy()))
          .forEach(s -> out.add("service '" + s.id() + "'"));
    }
    return out;
  }

  private static void policiesTargeting(DirectoryDocument d, Predicate<Target> match,
      List<String> out) {
    for (EscalationPolicyDefinition policy : d.escalationPolicies()) {
      if (targets(policy).anyMatch(match)) {
        out.add("escalation policy '" + policy.id() + "'");
      }
    }
  }

  private static Stream<Target> targets(EscalationPolicyDefinition policy) {
    Stream<Level> severityLevels = policy.bySeverity() == null ? Stream.empty()
        : policy.bySeverity().values().stream().flatMap(List::stream);
    return Stream.concat(policy.levels().stream(), severityLevels)
        .flatMap(level -> level.targets().stream());
  }

  // ----------------------------------------------------------------------------- overrides

  List<Map<String, Object>> overrides(String scheduleId) {
    Schedule schedule = schedule(scheduleId);
    ZoneId zone = ZoneId.of(schedule.timeZone());
    return schedule.overrides().stream()
        .map(o -> DirectoryFileWriter.override(o, zone))
        .toList();
  }

  /**
   * One override of {@code scheduleId} in the file's shape ({@code start, end, person, layer?,
   * id?}); allowed on schedules the file manages too. Without an id one is generated.
   */
  Map<String, Object> addOverride(String scheduleId, Map<String, Object> body, String actor) {
    Map<String, Object> entry = new LinkedHashMap<>();
    Object givenId = body.get("id");
    entry.put("id", givenId == null ? newOverrideId() : givenId);
    entry.putAll(entry(body));
    entry.putIfAbsent("id", newOverrideId()); // "id": null in the body
    Schedule.Override override = locked(() -> {
      Schedule schedule = store.find(Kind.SCHEDULE, scheduleId)
          .orElseThrow(() -> ApiProblem.notFound("no " + EntityKind.SCHEDULE.describe(scheduleId)));
      if (givenId != null) {
        overrideSchedule(givenId.toString()).ifPresent(owner -> {
          throw ApiProblem.conflict("override '" + givenId + "' exists already (schedule '"
              + owner + "')");
        });
      }
      Schedule.Override parsed = parseOverride(schedule, entry);
      store.addOverride(scheduleId, parsed, DirectoryStore.API, actor);
      audit.changed(target(EntityKind.SCHEDULE, scheduleId), null,
          DirectoryFileWriter.override(parsed, ZoneId.of(schedule.timeZone())), 201);
      return parsed;
    });
    afterChange(EntityKind.SCHEDULE, scheduleId);
    return DirectoryFileWriter.override(override, ZoneId.of(schedule(scheduleId).timeZone()));
  }

  /** Reads {@code entry} as an override of {@code schedule} with the file's checks. */
  private Schedule.Override parseOverride(Schedule schedule, Map<String, Object> entry) {
    Map<String, Object> wrapped = DirectoryFileWriter.schedule(new Schedule(schedule.id(),
        schedule.name(), schedule.timeZone(), schedule.layers(), List.of()));
    wrapped.put("overrides", List.of(entry));
    DirectoryDocument existing = EntityKind.SCHEDULE.without(current(), schedule.id());
    return parseWrapped(Map.of("schedules", List.of(wrapped)), existing,
        "schedules[0].overrides[0]").schedules().get(0).overrides().get(0);
  }

  /** The person an override puts on call and who made it; 404 when there is no such override. */
  List<String> overridePersonAndCreator(String scheduleId, String overrideId) {
    return jdbc.sql("select person_id, coalesce(created_by, '') as created_by "
            + "from schedule_overrides where schedule_id = ? and id = ?")
        .params(scheduleId, overrideId)
        .query((rs, row) -> List.of(rs.getString("person_id"), rs.getString("created_by")))
        .optional()
        .orElseThrow(() -> ApiProblem.notFound("schedule '" + scheduleId
            + "' has no override '" + overrideId + "'"));
  }

  void deleteOverride(String scheduleId, String overrideId) {
    locked(() -> {
      Schedule schedule = schedule(scheduleId);
      String managedBy = jdbc.sql(
              "select managed_by from schedule_overrides where schedule_id = ? and id = ?")
          .params(scheduleId, overrideId)
          .query(String.class)
          .optional()
          .orElseThrow(() -> ApiProblem.notFound("schedule '" + scheduleId
              + "' has no override '" + overrideId + "'"));
      if (managedBy.equals(DirectoryStore.FILE)) {
        throw ApiProblem.conflict("override '" + overrideId
            + "' is managed by the config file (FIRELINE_CONFIG); change it there");
      }
      Map<String, Object> before = store.overrides(scheduleId).stream()
          .filter(o -> o.id().equals(overrideId)).findFirst()
          .map(o -> DirectoryFileWriter.override(o, ZoneId.of(schedule.timeZone())))
          .orElseThrow();
      store.deleteOverride(scheduleId, overrideId);
      audit.changed(target(EntityKind.SCHEDULE, scheduleId), before, null, 204);
      return null;
    });
    afterChange(EntityKind.SCHEDULE, scheduleId);
  }

  /** Stores the two overrides of a swap together. */
  List<Map<String, Object>> addOverrides(String scheduleId,
      Function<Schedule, List<Schedule.Override>> plan, String actor) {
    List<Schedule.Override> planned = locked(() -> {
      Schedule schedule = schedule(scheduleId);
      List<Schedule.Override> overrides = plan.apply(schedule);
      overrides.forEach(o -> store.addOverride(scheduleId, o, DirectoryStore.API, actor));
      ZoneId zone = ZoneId.of(schedule.timeZone());
      audit.changed(target(EntityKind.SCHEDULE, scheduleId), null,
          overrides.stream().map(o -> DirectoryFileWriter.override(o, zone)).toList(), 201);
      return overrides;
    });
    afterChange(EntityKind.SCHEDULE, scheduleId);
    ZoneId zone = ZoneId.of(schedule(scheduleId).timeZone());
    return planned.stream().map(o -> DirectoryFileWriter.override(o, zone)).toList();
  }

  static String newOverrideId() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return "o-" + HexFormat.of().formatHex(bytes);
  }

  private Optional<String> overrideSchedule(String overrideId) {
    return jdbc.sql("select schedule_id from schedule_overrides where id = ?")
        .param(overrideId)
        .query(String.class)
        .optional();
  }

  // --------------------------------------------------------------------------------- plumbing

  private <R> R locked(Supplier<R> work) {
    return transaction.execute(status -> {
      jdbc.sql("select pg_advisory_xact_lock(?)").param(DirectoryApplier.LOCK).query().listOfRows();
      return work.get();
    });
  }

  /** A changed or deleted schedule re-plans its handoffs (a deleted one's workflow ends itself). */
  private void afterChange(EntityKind<?> kind, String id) {
    if (kind != EntityKind.SCHEDULE) {
      return;
    }
    Handoffs workflows = handoffs.getIfAvailable();
    if (workflows == null) {
      return;
    }
    try {
      workflows.scheduleChanged(id);
    } catch (RuntimeException e) {
      log.warn("Schedule {} changed, but its handoff workflow could not be told: {}", id,
          Objects.toString(e.getMessage(), e.toString()));
    }
  }
}
