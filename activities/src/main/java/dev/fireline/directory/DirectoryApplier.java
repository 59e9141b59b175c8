package dev.fireline.directory;

import dev.fireline.directory.DirectoryDocument.FileAccount;
import dev.fireline.directory.DirectoryStore.Change;
import dev.fireline.directory.DirectoryStore.Kind;
import dev.fireline.json.Json;
import dev.fireline.routing.RoutingDefinition;
import dev.fireline.routing.RoutingStore;
import dev.fireline.security.Accounts;
import dev.fireline.security.ApiKeys;
import dev.fireline.security.AuditLog;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the directory match a config file: creates and updates what the file declares, removes what
 * the file managed and no longer declares, and leaves what the API created alone unless told to
 * remove it too. Applying the same file twice changes nothing. The same holds for the file's
 * maintenance windows, silences and heartbeats (rows with {@code managed_by}); a heartbeat's key is
 * stored as its hash, and a heartbeat the file declares without a key keeps a key set through the
 * API. Heartbeat workflows are the caller's (the report names the heartbeats created, updated and
 * removed). People's accounts (role, password hash) the file declares are written as file-managed,
 * and file-managed accounts it no longer declares are removed.
 *
 * <p>Every change is appended to the audit log in the same transaction, as {@value #ACTOR}'s
 * ({@link DirectoryFileAudit}). One transaction, serialised across processes by an advisory lock,
 * so several replicas can apply at start-up at once.
 */
public class DirectoryApplier {
  /** Serialises every change of the directory (file applies and API writes) across processes. */
  public static final long LOCK = 0x46_49_52_45_4c_49_4e_45L; // "FIRELINE"

  /** The report's names of the kinds that are rows of their own tables, not directory entities. */
  public static final String MAINTENANCE_WINDOW = "maintenance_window";

  public static final String SILENCE = "silence";
  public static final String HEARTBEAT = "heartbeat";

  /** The report's name (and only id) of the routing rules. */
  public static final String ROUTING = "routing";

  /** The report's name of people's accounts. */
  public static final String ACCOUNT = "account";

  /** Who the audit log says made the file's changes. */
  public static final String ACTOR = "directory-file";

  private static final String CREATED_BY = "config file";

  private final DirectoryStore store;
  private final Accounts accounts;
  private final AuditLog auditLog;
  private final DirectoryFileAudit audit;
  private final RoutingStore routing;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  public DirectoryApplier(DataSource dataSource, DirectoryStore store) {
    this.store = store;
    this.accounts = new Accounts(dataSource);
    this.auditLog = new AuditLog(dataSource);
    this.audit = new DirectoryFileAudit(store, auditLog);
    this.routing = new RoutingStore(dataSource);
    this.jdbc = JdbcClient.create(dataSource);
    this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  /** What an apply did, per kind: ids created, updated and removed. */
  public record Report(
      Map<String, List<String>> created,
      Map<String, List<String>> updated,
      Map<String, List<String>> removed,
      List<String> schedules) {

    public boolean changedNothing() {
      return created.values().stream().allMatch(List::isEmpty)
          && updated.values().stream().allMatch(List::isEmpty)
          && removed.values().stream().allMatch(List::isEmpty);
    }

    public String summary() {
      return "created "
          + count(created)
          + ", updated "
          + count(updated)
          + ", removed "
          + count(removed);
    }

    private static String count(Map<String, List<String>> byKind) {
      StringBuilder text = new StringBuilder();
      byKind.forEach(
          (kind, ids) -> {
            if (!ids.isEmpty()) {
              text.append(text.length() == 0 ? "" : ", ")
                  .append(ids.size())
                  .append(' ')
                  .append(kind)
                  .append(ids.size() == 1 ? "" : "s")
                  .append(' ')
                  .append(ids);
            }
          });
      return text.length() == 0 ? "nothing" : text.toString();
    }
  }

  /**
   * @param removeApiCreated also remove entities created through the API that the file does not
   *     declare (the file becomes the whole directory)
   */
  public Report apply(DirectoryDocument document, boolean removeApiCreated) {
    return transaction.execute(
        status -> {
          jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query(Object.class).single();
          Map<String, List<String>> created = new LinkedHashMap<>();
          Map<String, List<String>> updated = new LinkedHashMap<>();
          Map<String, List<String>> removed = new LinkedHashMap<>();
          Map<String, Map<String, String>> before = audit.snapshot();
          sync(
              Kind.PERSON,
              document.people(),
              Person::id,
              created,
              updated,
              removed,
              removeApiCreated);
          sync(Kind.TEAM, document.teams(), Team::id, created, updated, removed, removeApiCreated);
          List<Schedule> withoutOverrides =
              document.schedules().stream()
                  .map(s -> new Schedule(s.id(), s.name(), s.timeZone(), s.layers(), List.of()))
                  .toList();
          sync(
              Kind.SCHEDULE,
              withoutOverrides,
              Schedule::id,
              created,
              updated,
              removed,
              removeApiCreated);
          for (Schedule schedule : document.schedules()) {
            syncOverrides(schedule, updated);
          }
          sync(
              Kind.ESCALATION_POLICY,
              document.escalationPolicies(),
              EscalationPolicyDefinition::id,
              created,
              updated,
              removed,
              removeApiCreated);
          sync(
              Kind.SERVICE,
              document.services(),
              ServiceDefinition::id,
              created,
              updated,
              removed,
              removeApiCreated);
          for (ServiceDefinition service : document.services()) {
            store.replaceIntegrationKeys(
                service.id(), service.integrationKeys(), DirectoryStore.FILE);
          }
          syncRows(
              MAINTENANCE_WINDOW,
              "maintenance_windows",
              document.maintenanceWindows(),
              MaintenanceWindowDefinition::id,
              this::putMaintenance,
              created,
              updated,
              removed,
              removeApiCreated);
          syncRows(
              SILENCE,
              "silences",
              document.silences(),
              SilenceDefinition::id,
              this::putSilence,
              created,
              updated,
              removed,
              removeApiCreated);
          syncRows(
              HEARTBEAT,
              "heartbeats",
              document.heartbeats(),
              HeartbeatDefinition::id,
              this::putHeartbeat,
              created,
              updated,
              removed,
              removeApiCreated);
          audit.changes(document, before, audit.snapshot(), created, updated, removed);
          syncRouting(document.routing(), created, updated, removed, removeApiCreated);
          syncAccounts(document.accounts(), created, updated, removed);
          List<String> schedules =
              new ArrayList<>(document.schedules().stream().map(Schedule::id).toList());
          schedules.addAll(removed.getOrDefault(Kind.SCHEDULE.name(), List.of()));
          return new Report(created, updated, removed, schedules);
        });
  }

  private <T> void sync(
      Kind<T> kind,
      List<T> declared,
      Function<T, String> id,
      Map<String, List<String>> created,
      Map<String, List<String>> updated,
      Map<String, List<String>> removed,
      boolean removeApiCreated) {
    List<String> createdIds = created.computeIfAbsent(kind.name(), k -> new ArrayList<>());
    List<String> updatedIds = updated.computeIfAbsent(kind.name(), k -> new ArrayList<>());
    List<String> removedIds = removed.computeIfAbsent(kind.name(), k -> new ArrayList<>());
    Set<String> declaredIds = new HashSet<>();
    for (T entity : declared) {
      declaredIds.add(id.apply(entity));
      Change change = store.put(kind, id.apply(entity), entity, DirectoryStore.FILE);
      if (change == Change.CREATED) {
        createdIds.add(id.apply(entity));
      } else if (change == Change.UPDATED) {
        updatedIds.add(id.apply(entity));
      }
    }
    List<String> candidates = new ArrayList<>(store.ids(kind, DirectoryStore.FILE));
    if (removeApiCreated) {
      candidates.addAll(store.ids(kind, DirectoryStore.API));
    }
    for (String stale : candidates) {
      if (!declaredIds.contains(stale) && store.delete(kind, stale)) {
        removedIds.add(stale);
      }
    }
  }

  private void syncOverrides(Schedule schedule, Map<String, List<String>> updated) {
    List<Schedule.Override> before = store.overrides(schedule.id());
    List<String> keep = schedule.overrides().stream().map(Schedule.Override::id).toList();
    for (Schedule.Override override : schedule.overrides()) {
      store.addOverride(schedule.id(), override, DirectoryStore.FILE, "config file");
    }
    int pruned = store.pruneOverrides(schedule.id(), DirectoryStore.FILE, keep);
    List<Schedule.Override> after = store.overrides(schedule.id());
    List<String> scheduleUpdates = updated.get(Kind.SCHEDULE.name());
    if ((pruned > 0 || !new HashSet<>(after).equals(new HashSet<>(before)))
        && !scheduleUpdates.contains(schedule.id())) {
      scheduleUpdates.add(schedule.id());
    }
  }

  // -------------------------------------------------------------------------------- routing

  /**
   * The file's routing section replaces the rules (whoever made them); without one, rules the file
   * made before are removed, and rules made over the API only with {@code removeApiCreated}.
   */
  private void syncRouting(
      RoutingDefinition declared,
      Map<String, List<String>> created,
      Map<String, List<String>> updated,
      Map<String, List<String>> removed,
      boolean removeApiCreated) {
    List<String> createdIds = created.computeIfAbsent(ROUTING, k -> new ArrayList<>());
    List<String> updatedIds = updated.computeIfAbsent(ROUTING, k -> new ArrayList<>());
    List<String> removedIds = removed.computeIfAbsent(ROUTING, k -> new ArrayList<>());
    Optional<RoutingStore.Stored> before = routing.find();
    String was =
        before.map(b -> Json.write(DirectoryFileWriter.routing(b.definition()))).orElse(null);
    if (declared != null) {
      Change change = routing.put(declared, DirectoryStore.FILE);
      String is = Json.write(DirectoryFileWriter.routing(declared));
      if (change == Change.CREATED) {
        createdIds.add(ROUTING);
        auditLog.append(DirectoryFileAudit.row("create", ROUTING, ROUTING, null, is));
      } else if (change == Change.UPDATED) {
        updatedIds.add(ROUTING);
        auditLog.append(DirectoryFileAudit.row("update", ROUTING, ROUTING, was, is));
      }
    } else if (before.isPresent()
        && (before.get().managedBy().equals(DirectoryStore.FILE) || removeApiCreated)) {
      routing.delete();
      removedIds.add(ROUTING);
      auditLog.append(DirectoryFileAudit.row("remove", ROUTING, ROUTING, was, null));
    }
  }

  // ------------------------------------------------------------------------------- accounts

  /** The accounts as the file declares them, each change with its audit row. */
  private void syncAccounts(
      Map<String, FileAccount> declared,
      Map<String, List<String>> created,
      Map<String, List<String>> updated,
      Map<String, List<String>> removed) {
    List<String> createdIds = created.computeIfAbsent(ACCOUNT, k -> new ArrayList<>());
    List<String> updatedIds = updated.computeIfAbsent(ACCOUNT, k -> new ArrayList<>());
    List<String> removedIds = removed.computeIfAbsent(ACCOUNT, k -> new ArrayList<>());
    declared.forEach(
        (personId, account) -> {
          Optional<Accounts.Account> existing = accounts.find(personId);
          if (existing
              .filter(
                  a ->
                      a.managedByFile()
                          && a.role() == account.role()
                          && Objects.equals(a.passwordHash(), account.passwordHash()))
              .isPresent()) {
            return;
          }
          accounts.replaceFromFile(personId, account.role(), account.passwordHash(), ACTOR);
          (existing.isPresent() ? updatedIds : createdIds).add(personId);
          auditLog.append(
              DirectoryFileAudit.row(
                  existing.isPresent() ? "update" : "create",
                  ACCOUNT,
                  personId,
                  existing.map(DirectoryFileAudit::accountJson).orElse(null),
                  accounts.find(personId).map(DirectoryFileAudit::accountJson).orElse(null)));
        });
    for (Accounts.Account stale : accounts.list()) {
      if (stale.managedByFile() && !declared.containsKey(stale.personId())) {
        removedIds.add(stale.personId());
        auditLog.append(
            DirectoryFileAudit.row(
                "remove", ACCOUNT, stale.personId(), DirectoryFileAudit.accountJson(stale), null));
      }
    }
    accounts.removeFileAccountsExcept(declared.keySet());
  }

  // ------------------------------------------------- maintenance windows, silences, heartbeats

  /** Creates or replaces one row as file-managed; writes nothing when it is the same already. */
  private interface RowWriter<T> {
    Change put(T definition);
  }

  private <T> void syncRows(
      String kind,
      String table,
      List<T> declared,
      Function<T, String> id,
      RowWriter<T> writer,
      Map<String, List<String>> created,
      Map<String, List<String>> updated,
      Map<String, List<String>> removed,
      boolean removeApiCreated) {
    List<String> createdIds = created.computeIfAbsent(kind, k -> new ArrayList<>());
    List<String> updatedIds = updated.computeIfAbsent(kind, k -> new ArrayList<>());
    List<String> removedIds = removed.computeIfAbsent(kind, k -> new ArrayList<>());
    Set<String> declaredIds = new HashSet<>();
    for (T definition : declared) {
      declaredIds.add(id.apply(definition));
      Change change = writer.put(definition);
      if (change == Change.CREATED) {
        createdIds.add(id.apply(definition));
      } else if (change == Change.UPDATED) {
        updatedIds.add(id.apply(definition));
      }
    }
    List<String> owners =
        removeApiCreated
            ? List.of(DirectoryStore.FILE, DirectoryStore.API)
            : List.of(DirectoryStore.FILE);
    List<String> candidates =
        jdbc.sql("select id from " + table + " where managed_by in (:owners) order by id")
            .param("owners", owners)
            .query(String.class)
            .list();
    for (String stale : candidates) {
      if (!declaredIds.contains(stale)
          && jdbc.sql("delete from " + table + " where id = ?").param(stale).update() == 1) {
        removedIds.add(stale);
      }
    }
  }

  private Change putMaintenance(MaintenanceWindowDefinition w) {
    int created =
        jdbc.sql(
                """
            insert into maintenance_windows (id, service_id, starts_at, ends_at, reason,
                created_by, managed_by)
            values (:id, :service, :start, :end, :reason, :createdBy, :file)
            on conflict (id) do nothing
            """)
            .param("id", w.id())
            .param("service", w.service())
            .param("start", timestamp(w.start()))
            .param("end", timestamp(w.end()))
            .param("reason", w.reason())
            .param("createdBy", CREATED_BY)
            .param("file", DirectoryStore.FILE)
            .update();
    if (created == 1) {
      return Change.CREATED;
    }
    int updated =
        jdbc.sql(
                """
            update maintenance_windows
            set service_id = :service, starts_at = cast(:start as timestamptz),
                ends_at = cast(:end as timestamptz), reason = cast(:reason as text),
                managed_by = :file
            where id = :id
              and (service_id is distinct from :service
                or starts_at is distinct from cast(:start as timestamptz)
                or ends_at is distinct from cast(:end as timestamptz)
                or reason is distinct from cast(:reason as text)
                or managed_by is distinct from :file)
            """)
            .param("id", w.id())
            .param("service", w.service())
            .param("start", timestamp(w.start()))
            .param("end", timestamp(w.end()))
            .param("reason", w.reason())
            .param("file", DirectoryStore.FILE)
            .update();
    return updated == 1 ? Change.UPDATED : Change.UNCHANGED;
  }

  /**
   * A silence without a start starts when it is first applied, and keeps that start; a start after
   * the end it now has is moved back to just before that end.
   */
  private Change putSilence(SilenceDefinition silence) {
    String matchers = Json.write(silence.matchers());
    int created =
        jdbc.sql(
                """
            insert into silences (id, service_id, matchers, starts_at, ends_at, comment, created_by,
                managed_by)
            values (:id, :service, cast(:matchers as jsonb),
                coalesce(cast(:start as timestamptz),
                    least(now(), cast(:end as timestamptz) - interval '1 second')),
                cast(:end as timestamptz), :comment, :createdBy, :file)
            on conflict (id) do nothing
            """)
            .param("id", silence.id())
            .param("service", silence.service())
            .param("matchers", matchers)
            .param("start", timestamp(silence.start()))
            .param("end", timestamp(silence.end()))
            .param("comment", silence.comment())
            .param("createdBy", CREATED_BY)
            .param("file", DirectoryStore.FILE)
            .update();
    if (created == 1) {
      return Change.CREATED;
    }
    String start =
        "coalesce(cast(:start as timestamptz),"
            + " least(starts_at, cast(:end as timestamptz) - interval '1 second'))";
    int updated =
        jdbc.sql(
                """
            update silences
            set service_id = cast(:service as text), matchers = cast(:matchers as jsonb),
                starts_at = %1$s, ends_at = cast(:end as timestamptz),
                comment = cast(:comment as text), managed_by = :file
            where id = :id
              and (service_id is distinct from cast(:service as text)
                or matchers is distinct from cast(:matchers as jsonb)
                or starts_at is distinct from %1$s
                or ends_at is distinct from cast(:end as timestamptz)
                or comment is distinct from cast(:comment as text)
                or managed_by is distinct from :file)
            """
                    .formatted(start))
            .param("id", silence.id())
            .param("service", silence.service())
            .param("matchers", matchers)
            .param("start", timestamp(silence.start()))
            .param("end", timestamp(silence.end()))
            .param("comment", silence.comment())
            .param("file", DirectoryStore.FILE)
            .update();
    return updated == 1 ? Change.UPDATED : Change.UNCHANGED;
  }

  /**
   * The file's key replaces the stored one; without a key in the file, a key the file set before is
   * removed and a key set through the API is kept.
   */
  private Change putHeartbeat(HeartbeatDefinition h) {
    String keyHash = h.key() == null ? null : ApiKeys.hash(h.key());
    if (keyHash != null) {
      jdbc.sql("select id from heartbeats where key_hash = ? and id <> ?")
          .params(keyHash, h.id())
          .query(String.class)
          .optional()
          .ifPresent(
              other -> {
                throw new IllegalStateException(
                    "heartbeat '"
                        + h.id()
                        + "': its key is already the"
                        + " key of heartbeat '"
                        + other
                        + "'; choose another one");
              });
    }
    int created =
        jdbc.sql(
                """
            insert into heartbeats (id, service_id, key_hash, key_from_file, interval_seconds,
                grace_seconds, managed_by)
            values (:id, :service, cast(:hash as text), cast(:hash as text) is not null, :interval,
                :grace, :file)
            on conflict (id) do nothing
            """)
            .param("id", h.id())
            .param("service", h.service())
            .param("hash", keyHash)
            .param("interval", (int) h.interval().toSeconds())
            .param("grace", (int) h.grace().toSeconds())
            .param("file", DirectoryStore.FILE)
            .update();
    if (created == 1) {
      return Change.CREATED;
    }
    String key =
        "case when cast(:hash as text) is not null then cast(:hash as text)"
            + " when key_from_file then null else key_hash end";
    int updated =
        jdbc.sql(
                """
            update heartbeats
            set service_id = :service, key_hash = %1$s,
                key_from_file = cast(:hash as text) is not null,
                interval_seconds = :interval, grace_seconds = :grace, managed_by = :file
            where id = :id
              and (service_id is distinct from :service
                or key_hash is distinct from %1$s
                or key_from_file is distinct from (cast(:hash as text) is not null)
                or interval_seconds is distinct from :interval
                or grace_seconds is distinct from :grace
                or managed_by is distinct from :file)
            """
                    .formatted(key))
            .param("id", h.id())
            .param("service", h.service())
            .param("hash", keyHash)
            .param("interval", (int) h.interval().toSeconds())
            .param("grace", (int) h.grace().toSeconds())
            .param("file", DirectoryStore.FILE)
            .update();
    return updated == 1 ? Change.UPDATED : Change.UNCHANGED;
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
