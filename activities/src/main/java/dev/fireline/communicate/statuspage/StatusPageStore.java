package dev.fireline.communicate.statuspage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The built-in status page in PostgreSQL: the public incidents and their public updates. It holds
 * nothing internal, so everything it returns may be shown.
 */
public class StatusPageStore {
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  public StatusPageStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  public record StoredIncident(
      String incidentKey,
      String publicId,
      String name,
      String component,
      ComponentStatus impact,
      Instant startedAt,
      Instant resolvedAt) {}

  public record StoredUpdate(
      String incidentKey, IncidentStatus status, String message, Instant at) {}

  public boolean posted(String incidentKey) {
    return component(incidentKey).isPresent();
  }

  /** The component a posted incident is on. */
  public Optional<String> component(String incidentKey) {
    return jdbc.sql("select component from status_page_incidents where incident_key = ?")
        .param(incidentKey)
        .query(String.class)
        .optional();
  }

  /**
   * Applies what an announcement means for the page. Each step is idempotent (keyed by the
   * announcement) and a change's steps commit together, so a retry neither repeats nor half-posts.
   */
  public void apply(
      String incidentKey, String updateKey, String component, Instant at, StatusPageChange change) {
    if (change instanceof StatusPageChange.Nothing) {
      return;
    }
    transactions.executeWithoutResult(
        tx -> {
          if (change instanceof StatusPageChange.Open open) {
            jdbc.sql(
                    """
                insert into status_page_incidents (incident_key, public_id, name, component,
                    impact, impact_at, started_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (incident_key) do nothing
                """)
                .params(
                    incidentKey,
                    newPublicId(),
                    open.name(),
                    component,
                    open.impact().code(),
                    Timestamp.from(at),
                    Timestamp.from(at))
                .update();
            // A generic opening text is keyed by the incident: two announcements racing to open the
            // incident show it once.
            insertUpdate(
                open.messageIsPublicUpdate() ? updateKey : incidentKey + "/opened",
                incidentKey,
                open.status(),
                open.message(),
                at);
            followImpact(incidentKey, open.impact(), at);
          } else if (change instanceof StatusPageChange.Update update) {
            insertUpdate(updateKey, incidentKey, update.status(), update.message(), at);
            followImpact(incidentKey, update.impact(), at);
          } else if (change instanceof StatusPageChange.Impact impact) {
            followImpact(incidentKey, impact.impact(), at);
          } else if (change instanceof StatusPageChange.Resolve resolve) {
            jdbc.sql(
                    "update status_page_incidents set resolved_at = ? where incident_key = ?"
                        + " and resolved_at is null")
                .params(Timestamp.from(at), incidentKey)
                .update();
            insertUpdate(updateKey, incidentKey, IncidentStatus.RESOLVED, resolve.message(), at);
          }
        });
  }

  private void insertUpdate(
      String key, String incidentKey, IncidentStatus status, String message, Instant at) {
    jdbc.sql(
            """
            insert into status_page_updates (idempotency_key, incident_key, status, message, at)
            values (?, ?, ?, ?, ?) on conflict (idempotency_key) do nothing
            """)
        .params(key, incidentKey, status.code(), message, Timestamp.from(at))
        .update();
  }

  /**
   * The component state and the generic name follow the severity while the incident is open; the
   * newest announcement wins, so a late retry of an older one changes nothing.
   */
  private void followImpact(String incidentKey, ComponentStatus impact, Instant at) {
    jdbc.sql(
            """
            update status_page_incidents set impact = ?, name = ? || ': ' || component,
                impact_at = ?
            where incident_key = ? and resolved_at is null and impact_at <= ?
            """)
        .params(impact.code(), impact.label(), Timestamp.from(at), incidentKey, Timestamp.from(at))
        .update();
  }

  private static String newPublicId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  // ---- reading

  public List<StoredIncident> open() {
    return jdbc.sql(
            "select * from status_page_incidents where resolved_at is null"
                + " order by started_at desc, public_id")
        .query(StatusPageStore::incident)
        .list();
  }

  public List<StoredIncident> resolvedSince(Instant since) {
    return jdbc.sql(
            "select * from status_page_incidents where resolved_at >= ?"
                + " order by resolved_at desc, public_id")
        .param(Timestamp.from(since))
        .query(StatusPageStore::incident)
        .list();
  }

  /** The updates of these incidents, newest first. */
  public List<StoredUpdate> updates(Collection<String> incidentKeys) {
    if (incidentKeys.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            """
            select incident_key, status, message, at from status_page_updates
            where incident_key in (:keys)
            order by at desc, (status = 'resolved') desc, idempotency_key desc
            """)
        .param("keys", List.copyOf(incidentKeys))
        .query(
            (rs, row) ->
                new StoredUpdate(
                    rs.getString("incident_key"),
                    IncidentStatus.ofCode(rs.getString("status")),
                    rs.getString("message"),
                    rs.getTimestamp("at").toInstant()))
        .list();
  }

  private static StoredIncident incident(ResultSet rs, int row) throws SQLException {
    Timestamp resolved = rs.getTimestamp("resolved_at");
    return new StoredIncident(
        rs.getString("incident_key"),
        rs.getString("public_id"),
        rs.getString("name"),
        rs.getString("component"),
        ComponentStatus.ofCode(rs.getString("impact")),
        rs.getTimestamp("started_at").toInstant(),
        resolved == null ? null : resolved.toInstant());
  }
}
