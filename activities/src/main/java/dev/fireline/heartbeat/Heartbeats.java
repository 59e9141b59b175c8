package dev.fireline.heartbeat;

import dev.fireline.security.ApiKeys;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Heartbeat definitions; the ping key is stored hashed and shown once, when created or replaced. A
 * heartbeat declared in the config file may have no key (until one is set) or the file's key.
 */
public class Heartbeats {
  private final JdbcClient jdbc;

  public Heartbeats(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  public record Heartbeat(
      String id, String serviceId, long intervalSeconds, long graceSeconds, Instant lastPingAt) {}

  /** Creates it and answers its ping key. */
  public String create(String id, String serviceId, long intervalSeconds, long graceSeconds) {
    String key = "hb_" + ApiKeys.generate().substring(3);
    jdbc.sql(
            """
            insert into heartbeats (id, service_id, key_hash, interval_seconds, grace_seconds)
            values (?, ?, ?, ?, ?)
            """)
        .params(id, serviceId, ApiKeys.hash(key), intervalSeconds, graceSeconds)
        .update();
    return key;
  }

  /** Who owns it: {@code file} (the config file) or {@code api}; empty when there is no such id. */
  public Optional<String> managedBy(String id) {
    return jdbc.sql("select managed_by from heartbeats where id = ?")
        .param(id)
        .query(String.class)
        .optional();
  }

  /** True when its key is the config file's (the file replaces or removes it, not the API). */
  public boolean keyFromFile(String id) {
    return jdbc.sql("select key_from_file from heartbeats where id = ?")
        .param(id)
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  /** Replaces its ping key by a new one and answers it; empty when there is no such heartbeat. */
  public Optional<String> newKey(String id) {
    String key = "hb_" + ApiKeys.generate().substring(3);
    int updated =
        jdbc.sql("update heartbeats set key_hash = ?, key_from_file = false where id = ?")
            .params(ApiKeys.hash(key), id)
            .update();
    return updated == 1 ? Optional.of(key) : Optional.empty();
  }

  /** True while its missed-heartbeat incident is open (a ping is to resolve it). */
  public boolean missing(String id) {
    return jdbc.sql("select exists (select 1 from open_alerts where dedup_key = ?)")
        .param(HeartbeatChecks.dedupKey(id))
        .query(Boolean.class)
        .single();
  }

  public Optional<Heartbeat> find(String id) {
    return jdbc.sql(SELECT + " where id = ?").param(id).query(Heartbeats::row).optional();
  }

  public Optional<Heartbeat> byKey(String key) {
    return jdbc.sql(SELECT + " where key_hash = ?")
        .param(ApiKeys.hash(key))
        .query(Heartbeats::row)
        .optional();
  }

  public List<Heartbeat> list() {
    return jdbc.sql(SELECT + " order by id").query(Heartbeats::row).list();
  }

  public void pinged(String id) {
    jdbc.sql("update heartbeats set last_ping_at = now() where id = ?").param(id).update();
  }

  public boolean delete(String id) {
    return jdbc.sql("delete from heartbeats where id = ?").param(id).update() == 1;
  }

  private static final String SELECT =
      "select id, service_id, interval_seconds, grace_seconds, last_ping_at from heartbeats";

  private static Heartbeat row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    java.sql.Timestamp pinged = rs.getTimestamp("last_ping_at");
    return new Heartbeat(
        rs.getString("id"),
        rs.getString("service_id"),
        rs.getLong("interval_seconds"),
        rs.getLong("grace_seconds"),
        pinged == null ? null : pinged.toInstant());
  }
}
