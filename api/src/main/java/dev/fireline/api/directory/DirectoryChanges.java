package dev.fireline.api.directory;

import dev.fireline.api.problem.ApiProblem;
import dev.fireline.directory.DirectoryApplier;
import dev.fireline.directory.DirectoryDocument;
import dev.fireline.directory.DirectoryFileWriter;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.DirectoryStore.Kind;
import dev.fireline.directory.Schedule;
import dev.fireline.directory.ServiceDefinition;
import dev.fireline.handoff.Handoffs;
import dev.fireline.routing.RoutingStore;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The directory's entities as the API changes them: entities the config file manages are read-only
 * (their schedules' overrides excepted), and nothing another entity refers to can be removed. Every
 * change runs in one transaction under the lock the file's applier takes, so API changes, other
 * replicas and a start-up apply never interleave; its audit row, with the entity before and after,
 * is written in the same transaction ({@link DirectoryAudit}). What a change writes is read by the
 * caller's {@code parse} against the directory as it is inside that transaction ({@link
 * DirectoryService} reads request bodies with the file's parser).
 */
@Service
class DirectoryChanges {
  private static final Logger log = LoggerFactory.getLogger(DirectoryChanges.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DirectoryStore store;
  private final DirectoryChecks checks;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final ObjectProvider<Handoffs> handoffs;
  private final DirectoryAudit audit;
  private final RoutingStore routing;

  DirectoryChanges(
      DirectoryStore store,
      DirectoryChecks checks,
      DataSource dataSource,
      PlatformTransactionManager transactionManager,
      ObjectProvider<Handoffs> handoffs,
      DirectoryAudit audit,
      RoutingStore routing) {
    this.store = store;
    this.checks = checks;
    this.routing = routing;
    this.audit = audit;
    this.jdbc = JdbcClient.create(dataSource);
    this.transaction = new TransactionTemplate(transactionManager);
    this.handoffs = handoffs;
  }

  // ------------------------------------------------------------------------------- reading

  /** Every entity; schedules without their overrides. */
  DirectoryDocument current() {
    return new DirectoryDocument(
        store.list(Kind.PERSON),
        store.list(Kind.TEAM),
        store.list(Kind.SCHEDULE),
        store.list(Kind.ESCALATION_POLICY),
        store.list(Kind.SERVICE));
  }

  /**
   * Every entity, schedules with all their overrides, the routing rules: the directory as one file.
   */
  DirectoryDocument export() {
    DirectoryDocument current = current();
    return EntityKind.SCHEDULE
        .withSection()
        .apply(current, current.schedules().stream().map(this::withOverrides).toList())
        .withRouting(routing.find().map(RoutingStore.Stored::definition).orElse(null));
  }

  /** Every entity of {@code kind} as the API shows it. */
  <T> List<Map<String, Object>> shown(EntityKind<T> kind) {
    Set<String> fileManaged = new HashSet<>(store.ids(kind.store(), DirectoryStore.FILE));
    return store.list(kind.store()).stream()
        .map(
            entity ->
                kind.view(
                    withOverrides(entity),
                    fileManaged.contains(kind.id().apply(entity))
                        ? DirectoryStore.FILE
                        : DirectoryStore.API))
        .toList();
  }

  /** The entity as the API shows it (and the audit records it), if there is one. */
  <T> Optional<Map<String, Object>> shown(EntityKind<T> kind, String id) {
    return store
        .find(kind.store(), id)
        .map(
            entity ->
                kind.view(
                    withOverrides(entity),
                    store.managedBy(kind.store(), id).orElse(DirectoryStore.API)));
  }

  /** The schedule with every override (from the file and the API). */
  Schedule schedule(String id) {
    return store
        .scheduleWithOverrides(id)
        .orElseThrow(() -> ApiProblem.notFound("no " + EntityKind.SCHEDULE.describe(id)));
  }

  List<Schedule> schedules() {
    return store.list(Kind.SCHEDULE).stream().map(this::withOverrides).toList();
  }

  boolean personExists(String id) {
    return store.managedBy(Kind.PERSON, id).isPresent();
  }

  @SuppressWarnings("unchecked")
  private <T> T withOverrides(T entity) {
    return entity instanceof Schedule s
        ? (T) new Schedule(s.id(), s.name(), s.timeZone(), s.layers(), store.overrides(s.id()))
        : entity;
  }

  // ------------------------------------------------------------------------------- writing

  /**
   * A new entity ({@code givenId} null when the entry names none); 409 when the id is taken.
   *
   * @param parse the entity, read against the directory as it is
   * @param withOverrides the entry gives a schedule's overrides (they are replaced)
   * @return the new entity's id
   */
  <T> String create(
      EntityKind<T> kind,
      String givenId,
      Function<DirectoryDocument, T> parse,
      boolean withOverrides) {
    String id =
        locked(
            () -> {
              if (givenId != null && store.managedBy(kind.store(), givenId).isPresent()) {
                throw ApiProblem.conflict(
                    kind.describe(givenId)
                        + " exists already: PUT "
                        + kind.location(givenId)
                        + " replaces it");
              }
              DirectoryDocument current = current();
              T entity = parse.apply(current);
              save(kind, entity, withOverrides, current, false);
              String created = kind.id().apply(entity);
              audit.changed(target(kind, created), null, shown(kind, created).orElseThrow(), 201);
              return created;
            });
    afterChange(kind, id);
    return id;
  }

  /**
   * Creates or replaces {@code id}; 409 when the config file manages it.
   *
   * @param parse the entity, read against the directory as it is (the entity itself included)
   * @return true when it was created
   */
  <T> boolean replace(
      EntityKind<T> kind, String id, Function<DirectoryDocument, T> parse, boolean withOverrides) {
    boolean created =
        locked(
            () -> {
              Optional<String> managedBy = store.managedBy(kind.store(), id);
              if (managedBy.isPresent() && managedBy.get().equals(DirectoryStore.FILE)) {
                throw fileManaged(kind, id);
              }
              DirectoryDocument current = current();
              T entity = parse.apply(current);
              Map<String, Object> before = shown(kind, id).orElse(null);
              save(kind, entity, withOverrides, current, managedBy.isPresent());
              audit.changed(
                  target(kind, id),
                  before,
                  shown(kind, id).orElseThrow(),
                  managedBy.isEmpty() ? 201 : 200);
              return managedBy.isEmpty();
            });
    afterChange(kind, id);
    return created;
  }

  /** 404 unknown, 409 when the file manages it or others refer to it. */
  <T> void delete(EntityKind<T> kind, String id) {
    locked(
        () -> {
          String managedBy =
              store
                  .managedBy(kind.store(), id)
                  .orElseThrow(() -> ApiProblem.notFound("no " + kind.describe(id)));
          if (managedBy.equals(DirectoryStore.FILE)) {
            throw fileManaged(kind, id);
          }
          List<String> referrers = checks.referrers(kind, id, current());
          if (!referrers.isEmpty()) {
            throw ApiProblem.conflict(
                kind.describe(id)
                    + " is still referred to by "
                    + String.join(", ", referrers)
                    + "; change those first");
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

  private static ApiProblem fileManaged(EntityKind<?> kind, String id) {
    return ApiProblem.conflict(
        kind.describe(id) + " is managed by the config file (FIRELINE_CONFIG); change it there");
  }

  private <T> void save(
      EntityKind<T> kind,
      T entity,
      boolean withOverrides,
      DirectoryDocument current,
      boolean replacing) {
    checks.entity(entity, withOverrides, current, replacing);
    String id = kind.id().apply(entity);
    if (entity instanceof Schedule schedule) {
      store.put(
          Kind.SCHEDULE,
          id,
          new Schedule(id, schedule.name(), schedule.timeZone(), schedule.layers(), List.of()),
          DirectoryStore.API);
      if (withOverrides) {
        for (Schedule.Override override : schedule.overrides()) {
          store.addOverride(id, override, DirectoryStore.API, null);
        }
        store.pruneOverrides(
            id,
            DirectoryStore.API,
            schedule.overrides().stream().map(Schedule.Override::id).toList());
      }
      return;
    }
    store.put(kind.store(), id, entity, DirectoryStore.API);
    if (entity instanceof ServiceDefinition service) {
      store.replaceIntegrationKeys(id, service.integrationKeys(), DirectoryStore.API);
    }
  }

  // ----------------------------------------------------------------------------- overrides

  /**
   * One override of {@code scheduleId}, allowed on schedules the file manages too; 409 when {@code
   * givenId} is taken.
   *
   * @param parse the override, read for the schedule against the directory as it is
   */
  Schedule.Override addOverride(
      String scheduleId,
      String givenId,
      BiFunction<Schedule, DirectoryDocument, Schedule.Override> parse,
      String actor) {
    Schedule.Override override =
        locked(
            () -> {
              Schedule schedule =
                  store
                      .find(Kind.SCHEDULE, scheduleId)
                      .orElseThrow(
                          () ->
                              ApiProblem.notFound(
                                  "no " + EntityKind.SCHEDULE.describe(scheduleId)));
              if (givenId != null) {
                checks
                    .overrideSchedule(givenId)
                    .ifPresent(
                        owner -> {
                          throw ApiProblem.conflict(
                              "override '"
                                  + givenId
                                  + "' exists already (schedule '"
                                  + owner
                                  + "')");
                        });
              }
              Schedule.Override parsed = parse.apply(schedule, current());
              store.addOverride(scheduleId, parsed, DirectoryStore.API, actor);
              audit.changed(
                  target(EntityKind.SCHEDULE, scheduleId),
                  null,
                  DirectoryFileWriter.override(parsed, ZoneId.of(schedule.timeZone())),
                  201);
              return parsed;
            });
    afterChange(EntityKind.SCHEDULE, scheduleId);
    return override;
  }

  /** The person an override puts on call and who made it; 404 when there is no such override. */
  List<String> overridePersonAndCreator(String scheduleId, String overrideId) {
    return jdbc.sql(
            "select person_id, coalesce(created_by, '') as created_by "
                + "from schedule_overrides where schedule_id = ? and id = ?")
        .params(scheduleId, overrideId)
        .query((rs, row) -> List.of(rs.getString("person_id"), rs.getString("created_by")))
        .optional()
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "schedule '" + scheduleId + "' has no override '" + overrideId + "'"));
  }

  void deleteOverride(String scheduleId, String overrideId) {
    locked(
        () -> {
          Schedule schedule = schedule(scheduleId);
          String managedBy =
              jdbc.sql("select managed_by from schedule_overrides where schedule_id = ? and id = ?")
                  .params(scheduleId, overrideId)
                  .query(String.class)
                  .optional()
                  .orElseThrow(
                      () ->
                          ApiProblem.notFound(
                              "schedule '"
                                  + scheduleId
                                  + "' has no override '"
                                  + overrideId
                                  + "'"));
          if (managedBy.equals(DirectoryStore.FILE)) {
            throw ApiProblem.conflict(
                "override '"
                    + overrideId
                    + "' is managed by the config file (FIRELINE_CONFIG); change it there");
          }
          Map<String, Object> before =
              store.overrides(scheduleId).stream()
                  .filter(o -> o.id().equals(overrideId))
                  .findFirst()
                  .map(o -> DirectoryFileWriter.override(o, ZoneId.of(schedule.timeZone())))
                  .orElseThrow();
          store.deleteOverride(scheduleId, overrideId);
          audit.changed(target(EntityKind.SCHEDULE, scheduleId), before, null, 204);
          return null;
        });
    afterChange(EntityKind.SCHEDULE, scheduleId);
  }

  /** Stores the overrides {@code plan} makes of the schedule (the two of a swap) together. */
  List<Schedule.Override> addOverrides(
      String scheduleId, Function<Schedule, List<Schedule.Override>> plan, String actor) {
    List<Schedule.Override> planned =
        locked(
            () -> {
              Schedule schedule = schedule(scheduleId);
              List<Schedule.Override> overrides = plan.apply(schedule);
              overrides.forEach(o -> store.addOverride(scheduleId, o, DirectoryStore.API, actor));
              ZoneId zone = ZoneId.of(schedule.timeZone());
              audit.changed(
                  target(EntityKind.SCHEDULE, scheduleId),
                  null,
                  overrides.stream().map(o -> DirectoryFileWriter.override(o, zone)).toList(),
                  201);
              return overrides;
            });
    afterChange(EntityKind.SCHEDULE, scheduleId);
    return planned;
  }

  static String newOverrideId() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return "o-" + HexFormat.of().formatHex(bytes);
  }

  // --------------------------------------------------------------------------------- plumbing

  private <R> R locked(Supplier<R> work) {
    return transaction.execute(
        status -> {
          jdbc.sql("select pg_advisory_xact_lock(?)")
              .param(DirectoryApplier.LOCK)
              .query()
              .listOfRows();
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
      log.warn(
          "Schedule {} changed, but its handoff workflow could not be told: {}",
          id,
          Objects.toString(e.getMessage(), e.toString()));
    }
  }
}
