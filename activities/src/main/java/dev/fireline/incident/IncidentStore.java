package dev.fireline.incident;

import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import dev.fireline.json.Json;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The incident read model in PostgreSQL: written by the workflow's save activity, read by the API.
 */
public class IncidentStore implements IncidentStoreActivities {
  private static final Logger log = LoggerFactory.getLogger(IncidentStore.class);

  /**
   * Told, after the save committed, when the read model first sees an incident acknowledged or
   * resolved: once per incident however often a save is retried (dev.fireline.metrics records the
   * time-to-acknowledge and time-to-resolve histograms with it).
   */
  public interface Listener {
    Listener NONE = new Listener() {};

    default void firstAcknowledged(IncidentSnapshot snapshot) {}

    default void firstResolved(IncidentSnapshot snapshot) {}
  }

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Listener listener;

  public IncidentStore(DataSource dataSource) {
    this(dataSource, Listener.NONE);
  }

  public IncidentStore(DataSource dataSource, Listener listener) {
    this.jdbc = JdbcClient.create(dataSource);
    this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.listener = listener == null ? Listener.NONE : listener;
  }

  /** What a save changed, for the listener: decided inside the save's transaction. */
  private record Firsts(boolean acknowledged, boolean resolved) {}

  @Override
  public void save(IncidentSnapshot s) {
    Firsts firsts =
        transaction.execute(
            status -> {
              boolean wasAcknowledged = false;
              boolean wasResolved = false;
              if (listener != Listener.NONE) {
                // Saves of one incident (a retry racing the attempt it retries) take turns, so
                // exactly one
                // of them sees acknowledged_at go from null to a value.
                jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
                    .param("incident-save/" + s.number())
                    .query()
                    .listOfRows();
                List<Map<String, Object>> before =
                    jdbc.sql(
                            """
                select acknowledged_at is not null as acked, resolved_at is not null as resolved
                from incidents where number = ?
                """)
                        .param(s.number())
                        .query()
                        .listOfRows();
                if (!before.isEmpty()) {
                  wasAcknowledged = Boolean.TRUE.equals(before.get(0).get("acked"));
                  wasResolved = Boolean.TRUE.equals(before.get(0).get("resolved"));
                }
              }
              // An older version (a late retry) never overwrites a newer one.
              int written =
                  jdbc.sql(
                          """
              insert into incidents (number, key, title, service, severity, stage, dedup_key,
                  declared_by, declared_at, acknowledged_at, resolved_at, version, snapshot, updated_at)
              values (:number, :key, :title, :service, :severity, :stage, :dedupKey, :declaredBy,
                  :declaredAt, :acknowledgedAt, :resolvedAt, :version, cast(:snapshot as jsonb), now())
              on conflict (number) do update set
                  severity = excluded.severity, stage = excluded.stage,
                  acknowledged_at = excluded.acknowledged_at, resolved_at = excluded.resolved_at,
                  version = excluded.version, snapshot = excluded.snapshot, updated_at = now()
              where incidents.version < excluded.version
              """)
                      .param("number", s.number())
                      .param("key", s.key())
                      .param("title", s.title())
                      .param("service", s.service())
                      .param("severity", s.severity().name())
                      .param("stage", s.stage().name())
                      .param("dedupKey", s.dedupKey())
                      .param("declaredBy", s.declaredBy())
                      .param("declaredAt", timestamp(s.declaredAt()))
                      .param("acknowledgedAt", timestamp(s.acknowledgedAt()))
                      .param("resolvedAt", timestamp(s.resolvedAt()))
                      .param("version", s.version())
                      .param("snapshot", Json.write(s))
                      .update();
              if (!s.stage().isOpen()) {
                // Resolved: the next alert with the same dedup key opens a new incident.
                jdbc.sql("delete from open_alerts where incident_number = ?")
                    .param(s.number())
                    .update();
              }
              for (TimelineEvent event : s.timeline()) {
                jdbc.sql(
                        """
                insert into timeline_events (incident_number, seq, at, type, actor, message)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing
                """)
                    .params(
                        s.number(),
                        event.seq(),
                        timestamp(event.at()),
                        event.type(),
                        event.actor(),
                        event.message())
                    .update();
              }
              return new Firsts(
                  written == 1 && !wasAcknowledged && s.acknowledgedAt() != null,
                  written == 1 && !wasResolved && s.resolvedAt() != null);
            });
    tell(s, firsts);
  }

  private void tell(IncidentSnapshot s, Firsts firsts) {
    // Metrics never fail a save: the read model is written, whatever the listener does.
    try {
      if (firsts != null && firsts.acknowledged()) {
        listener.firstAcknowledged(s);
      }
      if (firsts != null && firsts.resolved()) {
        listener.firstResolved(s);
      }
    } catch (RuntimeException e) {
      log.warn("Incident listener failed for {}", s.key(), e);
    }
  }

  public Optional<IncidentSnapshot> find(long number) {
    return jdbc.sql("select snapshot::text from incidents where number = ?")
        .param(number)
        .query(String.class)
        .optional()
        .map(json -> Json.read(json, IncidentSnapshot.class));
  }

  /** The open (unresolved) incident of {@code service} declared with {@code dedupKey}, if any. */
  public Optional<IncidentSnapshot> findOpen(String service, String dedupKey) {
    return jdbc.sql(
            "select snapshot::text from incidents where service = ? and dedup_key = ?"
                + " and resolved_at is null order by declared_at desc limit 1")
        .params(service, dedupKey)
        .query(String.class)
        .optional()
        .map(json -> Json.read(json, IncidentSnapshot.class));
  }

  /** Newest first; every filter is optional. */
  public List<IncidentSnapshot> list(Stage stage, Severity severity, String service, int limit) {
    StringBuilder sql = new StringBuilder("select snapshot::text from incidents where true");
    List<Object> params = new ArrayList<>();
    if (stage != null) {
      sql.append(" and stage = ?");
      params.add(stage.name());
    }
    if (severity != null) {
      sql.append(" and severity = ?");
      params.add(severity.name());
    }
    if (service != null) {
      sql.append(" and service = ?");
      params.add(service);
    }
    sql.append(" order by declared_at desc, number desc limit ?");
    params.add(limit);
    return jdbc.sql(sql.toString()).params(params).query(String.class).list().stream()
        .map(json -> Json.read(json, IncidentSnapshot.class))
        .toList();
  }

  /** Incidents open now, or declared in [{@code from}, {@code to}), newest first. */
  public List<IncidentSnapshot> openOrDeclaredBetween(Instant from, Instant to) {
    return jdbc
        .sql(
            """
            select snapshot::text from incidents
            where resolved_at is null or (declared_at >= ? and declared_at < ?)
            order by declared_at desc limit 200
            """)
        .params(timestamp(from), timestamp(to))
        .query(String.class)
        .list()
        .stream()
        .map(json -> Json.read(json, IncidentSnapshot.class))
        .toList();
  }

  public long nextNumber() {
    return jdbc.sql("select nextval('incident_number_seq')").query(Long.class).single();
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
