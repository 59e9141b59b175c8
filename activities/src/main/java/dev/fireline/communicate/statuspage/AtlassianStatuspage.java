package dev.fireline.communicate.statuspage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fireline.communicate.Announcement;
import dev.fireline.communicate.Announcer;
import dev.fireline.directory.ServiceDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Posts incidents to an Atlassian Statuspage page: creates the Statuspage incident when a Fireline
 * incident first posts to the status page (on declaration, or on the severity change that makes it
 * post), updates it on public status updates, severity changes and resolution.
 *
 * <p>Which Statuspage incident a Fireline incident is lives in {@code statuspage_incidents}. The
 * row is written, with a random {@code ref} that the created incident carries in its metadata,
 * before the create call; a retry that finds a create started but no id stored looks among the
 * unresolved incidents for that ref (or, failing that, the generated name created since) instead of
 * creating a second incident. Likewise each update with a text is marked before its PATCH, and a
 * retry of that announcement looks for the text among the incident's updates first. Announcements
 * of one incident are serialized by a PostgreSQL advisory lock, so two workers never race.
 *
 * <p>5xx, 429 and network failures throw, and the announce activity retries. Other 4xx answers are
 * logged and recorded on the row ({@code last_error}) and the announcement counts as delivered:
 * retrying a refused request cannot help.
 */
public class AtlassianStatuspage implements Announcer {
  public static final String NAME = "statuspage";
  private static final Logger log = LoggerFactory.getLogger(AtlassianStatuspage.class);
  private static final int LOCK_NAMESPACE = 0x53746150; // "StaP"
  private static final Duration LOCK_WAIT = Duration.ofSeconds(10);

  /** How far before our create its clock may place the incident (name fallback only). */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final StatuspageSettings settings;
  private final StatuspageClient client;
  private final DataSource dataSource;
  private final JdbcClient jdbc;

  public AtlassianStatuspage(StatuspageSettings settings, DataSource dataSource) {
    this(settings, new StatuspageClient(settings), dataSource);
  }

  public AtlassianStatuspage(
      StatuspageSettings settings, StatuspageClient client, DataSource dataSource) {
    this.settings = settings;
    this.client = client;
    this.dataSource = dataSource;
    this.jdbc = JdbcClient.create(dataSource);
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * An incident on Statuspage (or being created there) stays wanted whatever happens to its
   * service; otherwise its service's component must be mapped to a Statuspage component.
   */
  @Override
  public boolean wants(Announcement announcement, ServiceDefinition service) {
    if (find(announcement.incidentKey()).filter(Row::onStatuspage).isPresent()) {
      return true;
    }
    String component = BuiltInStatusPage.component(service);
    if (component == null || !announcement.postToStatusPage()) {
      return false;
    }
    if (settings.componentId(component).isEmpty()) {
      if (announcement.kind() == Announcement.Kind.DECLARED
          || announcement.kind() == Announcement.Kind.SEVERITY_CHANGED) {
        log.warn(
            "Statuspage: component '{}' of service '{}' is not in"
                + " fireline.statuspage.components; incident {} is not posted there",
            component,
            service.id(),
            announcement.incidentNumber());
      }
      return false;
    }
    return true;
  }

  @Override
  public void announce(Announcement announcement, ServiceDefinition service) {
    withIncidentLock(
        announcement.incidentKey(),
        db -> announceLocked(db, announcement, BuiltInStatusPage.component(service)));
  }

  private void announceLocked(JdbcClient db, Announcement a, String serviceComponent) {
    // An incident on Statuspage keeps its component; a new one takes its service's.
    Optional<Row> existing = find(db, a.incidentKey()).filter(Row::onStatuspage);
    String component = existing.map(Row::component).orElse(serviceComponent);
    String componentId =
        existing
            .map(Row::componentId)
            .or(() -> settings.componentId(serviceComponent))
            .orElse(null);
    if (component == null || componentId == null) {
      return;
    }
    Row row = claim(db, a.incidentKey(), component, componentId);
    String statuspageId = row.statuspageId();
    if (statuspageId == null && row.createStartedAt() != null) {
      Optional<String> found;
      try {
        found = findCreated(db, row);
      } catch (StatuspageClient.Rejected e) {
        reject(db, a, e);
        return;
      }
      if (found.isPresent()) {
        statuspageId = found.get();
        log.info(
            "Statuspage: incident {} was created before ({}), not creating it again",
            a.incidentNumber(),
            statuspageId);
        db.sql(
                "update statuspage_incidents set statuspage_id = ?, create_started_at = null,"
                    + " updated_at = now() where incident_key = ?")
            .params(statuspageId, a.incidentKey())
            .update();
        if (a.idempotencyKey().equals(row.createKey())) {
          return; // this announcement is what created it
        }
        row = find(db, a.incidentKey()).orElseThrow();
      }
    }
    StatusPageChange change = StatusPageChange.of(a, component, statuspageId != null);
    try {
      if (change instanceof StatusPageChange.Open open) {
        create(db, a, row, componentId, open);
      } else if (change instanceof StatusPageChange.Update update) {
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put(
            "status", row.resolved() ? IncidentStatus.RESOLVED.code() : update.status().code());
        incident.put("body", update.message());
        boolean newest =
            !row.resolved() && (row.impactAt() == null || !a.at().isBefore(row.impactAt()));
        if (newest) {
          incident.put(
              "components",
              Map.of(
                  componentId,
                  componentState(db, componentId, a.incidentKey(), update.impact()).code()));
        }
        postUpdate(db, a, row, statuspageId, incident, update.message());
        if (newest) {
          recordImpact(db, a, update.impact());
        }
      } else if (change instanceof StatusPageChange.Impact impact) {
        if (row.resolved() || (row.impactAt() != null && a.at().isBefore(row.impactAt()))) {
          return; // an older severity than the one posted, or resolved since
        }
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("name", impact.name());
        incident.put(
            "components",
            Map.of(
                componentId,
                componentState(db, componentId, a.incidentKey(), impact.impact()).code()));
        client.update(statuspageId, incident);
        recordImpact(db, a, impact.impact());
      } else if (change instanceof StatusPageChange.Resolve resolve) {
        if (row.resolved()) {
          return; // resolved there already
        }
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("status", IncidentStatus.RESOLVED.code());
        incident.put("body", resolve.message());
        // Operational again, unless another open Fireline incident holds the component down.
        incident.put(
            "components",
            Map.of(
                componentId,
                componentState(db, componentId, a.incidentKey(), ComponentStatus.OPERATIONAL)
                    .code()));
        postUpdate(db, a, row, statuspageId, incident, resolve.message());
        db.sql(
                "update statuspage_incidents set resolved = true, updated_at = now()"
                    + " where incident_key = ?")
            .param(a.incidentKey())
            .update();
      }
    } catch (StatuspageClient.Rejected e) {
      reject(db, a, e);
    }
  }

  private void create(
      JdbcClient db, Announcement a, Row row, String componentId, StatusPageChange.Open open) {
    // Written (and committed) before the call: a retry after a crash knows to look first.
    db.sql(
            """
            update statuspage_incidents set name = ?, create_key = ?, create_started_at = now(),
                updated_at = now()
            where incident_key = ?
            """)
        .params(open.name(), a.idempotencyKey(), a.incidentKey())
        .update();
    Map<String, Object> incident = new LinkedHashMap<>();
    incident.put("name", open.name());
    incident.put("status", open.status().code());
    incident.put("body", open.message());
    incident.put("component_ids", List.of(componentId));
    incident.put(
        "components",
        Map.of(
            componentId, componentState(db, componentId, a.incidentKey(), open.impact()).code()));
    incident.put("metadata", Map.of("fireline", Map.of("ref", row.ref())));
    JsonNode created;
    try {
      created = client.create(incident);
    } catch (StatuspageClient.Rejected e) {
      // Refused: nothing was created, so the next announcement may try again.
      db.sql(
              "update statuspage_incidents set create_started_at = null, create_key = null"
                  + " where incident_key = ?")
          .param(a.incidentKey())
          .update();
      throw e;
    }
    String id = created == null ? null : created.path("id").asText(null);
    if (id == null || id.isBlank()) {
      throw new IllegalStateException("Statuspage created an incident but returned no id");
    }
    db.sql(
            """
            update statuspage_incidents set statuspage_id = ?, create_started_at = null,
                impact = ?, impact_at = ?, last_error = null, last_error_at = null,
                updated_at = now()
            where incident_key = ?
            """)
        .params(id, open.impact().code(), Timestamp.from(a.at()), a.incidentKey())
        .update();
    log.info("Statuspage: incident {} posted as {}", a.incidentNumber(), id);
  }

  /**
   * PATCHes an incident update with text {@code body}, unless an earlier attempt of this same
   * announcement posted it already: its answer lost, or the process gone before the delivery was
   * recorded. The marker written before each PATCH says when to look.
   */
  private void postUpdate(
      JdbcClient db,
      Announcement a,
      Row row,
      String statuspageId,
      Map<String, Object> incident,
      String body) {
    if (a.idempotencyKey().equals(row.updateKey())
        && postedSince(statuspageId, body, row.updateStartedAt().minus(CLOCK_SKEW))) {
      log.info(
          "Statuspage: update of incident {} was posted before, not posting it again",
          a.incidentNumber());
      return;
    }
    db.sql(
            "update statuspage_incidents set update_key = ?, update_started_at = now(),"
                + " updated_at = now() where incident_key = ?")
        .params(a.idempotencyKey(), a.incidentKey())
        .update();
    client.update(statuspageId, incident);
  }

  private boolean postedSince(String statuspageId, String body, Instant notBefore) {
    JsonNode incident = client.incident(statuspageId);
    if (incident == null) {
      return false;
    }
    for (JsonNode update : incident.path("incident_updates")) {
      if (body.equals(update.path("body").asText(null))
          && createdAt(update).map(t -> !t.isBefore(notBefore)).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  /** Our incident among the unresolved ones: by the ref in its metadata, else by name and time. */
  private Optional<String> findCreated(JdbcClient db, Row row) {
    List<JsonNode> unresolved = client.unresolved();
    for (JsonNode incident : unresolved) {
      if (row.ref().equals(incident.path("metadata").path("fireline").path("ref").asText(null))) {
        return Optional.of(incident.path("id").asText());
      }
    }
    Instant notBefore = row.createStartedAt().minus(CLOCK_SKEW);
    List<String> candidates = new ArrayList<>();
    for (JsonNode incident : unresolved) {
      String id = incident.path("id").asText(null);
      if (id != null
          && incident.path("name").asText("").equals(row.name())
          && createdAt(incident).map(t -> !t.isBefore(notBefore)).orElse(false)
          && !mapped(db, id)) {
        candidates.add(id);
      }
    }
    return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
  }

  /** When Statuspage created the incident or incident update. */
  private static Optional<Instant> createdAt(JsonNode node) {
    try {
      return Optional.of(OffsetDateTime.parse(node.path("created_at").asText()).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static boolean mapped(JdbcClient db, String statuspageId) {
    return db.sql("select count(*) from statuspage_incidents where statuspage_id = ?")
            .param(statuspageId)
            .query(Long.class)
            .single()
        > 0;
  }

  /** The worst of this incident's state and those of the other open incidents on the component. */
  private static ComponentStatus componentState(
      JdbcClient db, String componentId, String incidentKey, ComponentStatus mine) {
    List<ComponentStatus> states =
        new ArrayList<>(
            db.sql(
                    """
            select impact from statuspage_incidents
            where component_id = ? and incident_key <> ? and not resolved
              and statuspage_id is not null and impact is not null
            """)
                .params(componentId, incidentKey)
                .query((rs, n) -> ComponentStatus.ofCode(rs.getString(1)))
                .list());
    states.add(mine);
    return ComponentStatus.worst(states);
  }

  private static void recordImpact(JdbcClient db, Announcement a, ComponentStatus impact) {
    db.sql(
            "update statuspage_incidents set impact = ?, impact_at = ?, updated_at = now()"
                + " where incident_key = ?")
        .params(impact.code(), Timestamp.from(a.at()), a.incidentKey())
        .update();
  }

  private static void reject(JdbcClient db, Announcement a, StatuspageClient.Rejected e) {
    log.warn(
        "Statuspage refused {} of incident {}; not retrying: {}",
        a.kind().name().toLowerCase(),
        a.incidentNumber(),
        e.getMessage());
    db.sql(
            "update statuspage_incidents set last_error = ?, last_error_at = now(),"
                + " updated_at = now() where incident_key = ?")
        .params(a.kind().name().toLowerCase() + ": " + e.getMessage(), a.incidentKey())
        .update();
  }

  // ---- the mapping table

  /** What {@code statuspage_incidents} holds of one Fireline incident. */
  public record Row(
      String incidentKey,
      String ref,
      String statuspageId,
      String name,
      String component,
      String componentId,
      String impact,
      String createKey,
      Instant createStartedAt,
      Instant impactAt,
      boolean resolved,
      String lastError,
      String updateKey,
      Instant updateStartedAt) {

    /** Created there, or a create was started (and may have happened). */
    public boolean onStatuspage() {
      return statuspageId != null || createStartedAt != null;
    }
  }

  public Optional<Row> find(String incidentKey) {
    return find(jdbc, incidentKey);
  }

  private static Optional<Row> find(JdbcClient db, String incidentKey) {
    return db.sql("select * from statuspage_incidents where incident_key = ?")
        .param(incidentKey)
        .query((rs, n) -> row(rs))
        .optional();
  }

  private static Row claim(
      JdbcClient db, String incidentKey, String component, String componentId) {
    db.sql(
            """
            insert into statuspage_incidents (incident_key, ref, component, component_id)
            values (?, ?, ?, ?)
            on conflict (incident_key) do update
                set component = excluded.component, component_id = excluded.component_id
                where statuspage_incidents.statuspage_id is null
                  and statuspage_incidents.create_started_at is null
            """)
        .params(incidentKey, UUID.randomUUID().toString(), component, componentId)
        .update();
    return find(db, incidentKey).orElseThrow();
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(
        rs.getString("incident_key"),
        rs.getString("ref"),
        rs.getString("statuspage_id"),
        rs.getString("name"),
        rs.getString("component"),
        rs.getString("component_id"),
        rs.getString("impact"),
        rs.getString("create_key"),
        instant(rs, "create_started_at"),
        instant(rs, "impact_at"),
        rs.getBoolean("resolved"),
        rs.getString("last_error"),
        rs.getString("update_key"),
        instant(rs, "update_started_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  /**
   * Runs {@code body} holding a session advisory lock on the incident, with every read and write on
   * that same connection (one pooled connection per announcement, however many wait: no pool
   * starvation). Writes commit at once (auto-commit), the lock is released at the end, and also
   * when this process dies (the connection closes).
   */
  private void withIncidentLock(String incidentKey, Consumer<JdbcClient> body) {
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
      lock(connection, incidentKey);
      try {
        body.accept(JdbcClient.create(new SingleConnectionDataSource(connection, true)));
      } finally {
        try (PreparedStatement unlock =
            connection.prepareStatement("select pg_advisory_unlock(?, hashtext(?))")) {
          unlock.setInt(1, LOCK_NAMESPACE);
          unlock.setString(2, incidentKey);
          unlock.execute();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Statuspage: cannot lock incident " + incidentKey, e);
    }
  }

  private static void lock(Connection connection, String incidentKey) throws SQLException {
    long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
    try (PreparedStatement statement =
        connection.prepareStatement("select pg_try_advisory_lock(?, hashtext(?))")) {
      statement.setInt(1, LOCK_NAMESPACE);
      statement.setString(2, incidentKey);
      while (true) {
        try (ResultSet rs = statement.executeQuery()) {
          rs.next();
          if (rs.getBoolean(1)) {
            return;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Statuspage: incident " + incidentKey + " is being announced elsewhere; try again");
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted waiting for the incident lock", e);
        }
      }
    }
  }
}
