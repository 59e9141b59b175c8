package dev.fireline.incident;

import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import dev.fireline.json.Json;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The incident read model in PostgreSQL: written by the workflow's save activity, read by the API. */
public class IncidentStore implements IncidentStoreActivities {
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  public IncidentStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  @Override
  public void save(IncidentSnapshot s) {
    transaction.executeWithoutResult(status -> {
      // An older version (a late retry) never overwrites a newer one.
      jdbc.sql("""
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
        jdbc.sql("delete from open_alerts where incident_number = ?").param(s.number()).update();
      }
      for (TimelineEvent event : s.timeline()) {
        jdbc.sql("""
                insert into timeline_events (incident_number, seq, at, type, actor, message)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing
                """)
            .params(s.number(), event.seq(), timestamp(event.at()), event.type(), event.actor(),
                event.message())
            .update();
      }
    });
  }

  public Optional<IncidentSnapshot> find(long number) {
    return jdbc.sql("select snapshot::text from incidents where number = ?")
        .param(number)
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
    return jdbc.sql(sql.toString())
        .params(params)
        .query(String.class)
        .list()
        .stream()
        .map(json -> Json.read(json, IncidentSnapshot.class))
        .toList();
  }

  /** Incidents open now, or declared in [{@code from}, {@code to}), newest first. */
  public List<IncidentSnapshot> openOrDeclaredBetween(Instant from, Instant to) {
    return jdbc.sql("""
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
