package dev.fireline.directory;

import dev.fireline.json.Json;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The directory in PostgreSQL: whole entities as JSON, and schedule overrides as rows. */
public class DirectoryStore {
  public static final String FILE = "file";
  public static final String API = "api";

  private final JdbcClient jdbc;

  public DirectoryStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** The kinds of directory entity, with the record each is stored as. */
  public record Kind<T>(String name, Class<T> type) {
    public static final Kind<Person> PERSON = new Kind<>("person", Person.class);
    public static final Kind<Team> TEAM = new Kind<>("team", Team.class);
    public static final Kind<Schedule> SCHEDULE = new Kind<>("schedule", Schedule.class);
    public static final Kind<EscalationPolicyDefinition> ESCALATION_POLICY =
        new Kind<>("escalation_policy", EscalationPolicyDefinition.class);
    public static final Kind<ServiceDefinition> SERVICE =
        new Kind<>("service", ServiceDefinition.class);
    public static final List<Kind<?>> ALL =
        List.of(PERSON, TEAM, SCHEDULE, ESCALATION_POLICY, SERVICE);
  }

  public enum Change {
    CREATED,
    UPDATED,
    UNCHANGED
  }

  public <T> Optional<T> find(Kind<T> kind, String id) {
    return jdbc.sql("select definition::text from directory_entities where kind = ? and id = ?")
        .params(kind.name(), id)
        .query(String.class)
        .optional()
        .map(json -> Json.read(json, kind.type()));
  }

  public <T> List<T> list(Kind<T> kind) {
    return jdbc
        .sql("select definition::text from directory_entities where kind = ? order by id")
        .param(kind.name())
        .query(String.class)
        .list()
        .stream()
        .map(json -> Json.read(json, kind.type()))
        .toList();
  }

  public Optional<String> managedBy(Kind<?> kind, String id) {
    return jdbc.sql("select managed_by from directory_entities where kind = ? and id = ?")
        .params(kind.name(), id)
        .query(String.class)
        .optional();
  }

  public List<String> ids(Kind<?> kind, String managedBy) {
    return jdbc.sql(
            "select id from directory_entities where kind = ? and managed_by = ? order by id")
        .params(kind.name(), managedBy)
        .query(String.class)
        .list();
  }

  /** Creates or replaces; writes nothing when the stored definition and owner are the same. */
  public <T> Change put(Kind<T> kind, String id, T definition, String managedBy) {
    String json = Json.write(definition);
    int created =
        jdbc.sql(
                """
            insert into directory_entities (kind, id, definition, managed_by)
            values (?, ?, cast(? as jsonb), ?) on conflict (kind, id) do nothing
            """)
            .params(kind.name(), id, json, managedBy)
            .update();
    if (created == 1) {
      return Change.CREATED;
    }
    int updated =
        jdbc.sql(
                """
            update directory_entities
            set definition = cast(? as jsonb), managed_by = ?, updated_at = now()
            where kind = ? and id = ?
              and (definition <> cast(? as jsonb) or managed_by <> ?)
            """)
            .params(json, managedBy, kind.name(), id, json, managedBy)
            .update();
    return updated == 1 ? Change.UPDATED : Change.UNCHANGED;
  }

  /** Deletes the entry and what belongs to it: a schedule's overrides, a service's keys. */
  public boolean delete(Kind<?> kind, String id) {
    boolean deleted =
        jdbc.sql("delete from directory_entities where kind = ? and id = ?")
                .params(kind.name(), id)
                .update()
            == 1;
    if (kind.equals(Kind.SCHEDULE)) {
      jdbc.sql("delete from schedule_overrides where schedule_id = ?").param(id).update();
    } else if (kind.equals(Kind.SERVICE)) {
      jdbc.sql("delete from integration_keys where service_id = ?").param(id).update();
    }
    return deleted;
  }

  // ---- schedule overrides

  public void addOverride(
      String scheduleId, Schedule.Override override, String managedBy, String createdBy) {
    jdbc.sql(
            """
            insert into schedule_overrides (id, schedule_id, starts_at, ends_at, person_id, layer,
                managed_by, created_by)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (id) do update set schedule_id = excluded.schedule_id,
                starts_at = excluded.starts_at, ends_at = excluded.ends_at,
                person_id = excluded.person_id, layer = excluded.layer
            """)
        .params(
            override.id(),
            scheduleId,
            Timestamp.from(override.start()),
            Timestamp.from(override.end()),
            override.person(),
            override.layer(),
            managedBy,
            createdBy)
        .update();
  }

  public boolean deleteOverride(String scheduleId, String overrideId) {
    return jdbc.sql("delete from schedule_overrides where schedule_id = ? and id = ?")
            .params(scheduleId, overrideId)
            .update()
        == 1;
  }

  /**
   * Removes the overrides of {@code scheduleId} owned by {@code managedBy} but not in {@code keep}.
   */
  public int pruneOverrides(String scheduleId, String managedBy, List<String> keep) {
    String notKept = keep.isEmpty() ? "" : " and id not in (:keep)";
    return jdbc.sql(
            "delete from schedule_overrides where schedule_id = :schedule"
                + " and managed_by = :owner"
                + notKept)
        .param("schedule", scheduleId)
        .param("owner", managedBy)
        .param("keep", keep.isEmpty() ? List.of("") : keep)
        .update();
  }

  public List<Schedule.Override> overrides(String scheduleId) {
    return jdbc.sql(
            """
            select id, starts_at, ends_at, person_id, layer from schedule_overrides
            where schedule_id = ? order by created_at, id
            """)
        .param(scheduleId)
        .query(
            (rs, row) ->
                new Schedule.Override(
                    rs.getString("id"),
                    rs.getTimestamp("starts_at").toInstant(),
                    rs.getTimestamp("ends_at").toInstant(),
                    rs.getString("person_id"),
                    rs.getString("layer")))
        .list();
  }

  /**
   * The schedule with every override, from the file and from the API, in creation order. An
   * override of a layer the schedule no longer has is left out: it must not stop the schedule from
   * answering who is on call.
   */
  public Optional<Schedule> scheduleWithOverrides(String id) {
    return find(Kind.SCHEDULE, id)
        .map(
            s -> {
              List<String> layers = s.layers().stream().map(Schedule.Layer::name).toList();
              return new Schedule(
                  s.id(),
                  s.name(),
                  s.timeZone(),
                  s.layers(),
                  overrides(id).stream()
                      .filter(o -> o.layer() == null || layers.contains(o.layer()))
                      .toList());
            });
  }

  // ---- integration keys

  /**
   * Makes {@code keys} (plain or {@code sha256:} form) the service's keys, and only those; a key
   * another service had moves to this one.
   */
  public void replaceIntegrationKeys(String serviceId, List<String> keys, String managedBy) {
    jdbc.sql("delete from integration_keys where service_id = ?").param(serviceId).update();
    for (String key : keys) {
      jdbc.sql(
              """
              insert into integration_keys (key_hash, service_id, managed_by) values (?, ?, ?)
              on conflict (key_hash) do update set service_id = excluded.service_id
              """)
          .params(IntegrationKeys.lookupHash(key), serviceId, managedBy)
          .update();
    }
  }

  public Optional<String> serviceForKeyHash(String keyHash) {
    return jdbc.sql("select service_id from integration_keys where key_hash = ?")
        .param(keyHash)
        .query(String.class)
        .optional();
  }
}
