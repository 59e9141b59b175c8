package dev.fireline.directory;

import dev.fireline.directory.DirectoryStore.Change;
import dev.fireline.directory.DirectoryStore.Kind;
import dev.fireline.security.ApiKeys;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the directory match a config file: creates and updates what the file declares, removes what
 * the file managed and no longer declares, and leaves what the API created alone unless told to
 * remove it too. Applying the same file twice changes nothing. One transaction, serialised across
 * processes by an advisory lock, so several replicas can apply at start-up at once.
 */
public class DirectoryApplier {
  /** Serialises every change of the directory (file applies and API writes) across processes. */
  public static final long LOCK = 0x46_49_52_45_4c_49_4e_45L; // "FIRELINE"

  private final DirectoryStore store;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  public DirectoryApplier(DataSource dataSource, DirectoryStore store) {
    this.store = store;
    this.jdbc = JdbcClient.create(dataSource);
    this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  /** What an apply did, per kind: ids created, updated and removed. */
  public record Report(Map<String, List<String>> created, Map<String, List<String>> updated,
      Map<String, List<String>> removed, List<String> schedules) {

    public boolean changedNothing() {
      return created.values().stream().allMatch(List::isEmpty)
          && updated.values().stream().allMatch(List::isEmpty)
          && removed.values().stream().allMatch(List::isEmpty);
    }

    public String summary() {
      return "created " + count(created) + ", updated " + count(updated) + ", removed "
          + count(removed);
    }

    private static String count(Map<String, List<String>> byKind) {
      StringBuilder text = new StringBuilder();
      byKind.forEach((kind, ids) -> {
        if (!ids.isEmpty()) {
          text.append(text.length() == 0 ? "" : ", ").append(ids.size()).append(' ').append(kind)
              .append(ids.size() == 1 ? "" : "s").append(' ').append(ids);
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
    return transaction.execute(status -> {
      jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query(Object.class).single();
      Map<String, List<String>> created = new LinkedHashMap<>();
      Map<String, List<String>> updated = new LinkedHashMap<>();
      Map<String, List<String>> removed = new LinkedHashMap<>();
      sync(Kind.PERSON, document.people(), Person::id, created, updated, removed, removeApiCreated);
      sync(Kind.TEAM, document.teams(), Team::id, created, updated, removed, removeApiCreated);
      List<Schedule> withoutOverrides = document.schedules().stream()
          .map(s -> new Schedule(s.id(), s.name(), s.timeZone(), s.layers(), List.of()))
          .toList();
      sync(Kind.SCHEDULE, withoutOverrides, Schedule::id, created, updated, removed,
          removeApiCreated);
      for (Schedule schedule : document.schedules()) {
        syncOverrides(schedule, updated);
      }
      sync(Kind.ESCALATION_POLICY, document.escalationPolicies(), EscalationPolicyDefinition::id,
          created, updated, removed, removeApiCreated);
      sync(Kind.SERVICE, document.services(), ServiceDefinition::id, created, updated, removed,
          removeApiCreated);
      for (ServiceDefinition service : document.services()) {
        for (String key : service.integrationKeys()) {
          store.putIntegrationKey(ApiKeys.hash(key), service.id(), DirectoryStore.FILE);
        }
      }
      List<String> schedules = new ArrayList<>(document.schedules().stream().map(Schedule::id)
          .toList());
      schedules.addAll(removed.getOrDefault(Kind.SCHEDULE.name(), List.of()));
      return new Report(created, updated, removed, schedules);
    });
  }

  private <T> void sync(Kind<T> kind, List<T> declared, Function<T, String> id,
      Map<String, List<String>> created, Map<String, List<String>> updated,
      Map<String, List<String>> removed, boolean removeApiCreated) {
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
        if (kind.equals(Kind.SCHEDULE)) {
          jdbc.sql("delete from schedule_overrides where schedule_id = ?").param(stale).update();
        }
        if (kind.equals(Kind.SERVICE)) {
          jdbc.sql("delete from integration_keys where service_id = ?").param(stale).update();
        }
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
}
