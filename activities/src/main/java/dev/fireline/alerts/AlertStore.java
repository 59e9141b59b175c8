package dev.fireline.alerts;

import dev.fireline.incident.Severity;
import dev.fireline.json.Json;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where an alert event goes, decided in one transaction: a new incident, an occurrence of the open
 * one, its resolution, or nowhere (maintenance, silence). The open-alert row's primary key
 * (service, dedup key) is what makes concurrent identical triggers open exactly one incident, on
 * any number of api replicas; repeats cost one row update, not a workflow round trip.
 */
public class AlertStore {
  /** An open incident hears of repeats at most this often (the rest are counted). */
  static final String SIGNAL_INTERVAL = "30 seconds";

  private static final int SIGNAL_LOCK = 0x53696721; // "Sig!"

  /** Serialises correlation decisions on the same label values, across processes. */
  private static final int CORRELATE_LOCK = 0x436f7272; // "Corr"

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  public AlertStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  /**
   * What ingestion knows of an accepted event, besides the event.
   *
   * @param serviceId null only for an alert a routing rule suppresses without naming a service
   */
  public record Intake(
      String serviceId,
      String format,
      AlertEvent event,
      String dedupKey,
      Severity severity,
      String title,
      String description,
      String declaredBy,
      RouteOptions options) {
    public Intake {
      options = options == null ? RouteOptions.NONE : options;
    }

    /** An alert sent with a service's integration key: no routing rule. */
    public Intake(
        String serviceId,
        String format,
        AlertEvent event,
        String dedupKey,
        Severity severity,
        String title,
        String description,
        String declaredBy) {
      this(
          serviceId,
          format,
          event,
          dedupKey,
          severity,
          title,
          description,
          declaredBy,
          RouteOptions.NONE);
    }
  }

  /** Where an event went. */
  public sealed interface Routing {}

  /** A new incident: its workflow is to be started. */
  public record Opened(long incidentNumber) implements Routing {}

  /**
   * Another occurrence of an open incident; {@code signal}: tell its workflow now. {@code related}:
   * of an alert attached to the incident by correlation.
   */
  public record Repeated(
      long incidentNumber, boolean started, boolean signal, int occurrences, boolean related)
      implements Routing {
    public Repeated(long incidentNumber, boolean started, boolean signal, int occurrences) {
      this(incidentNumber, started, signal, occurrences, false);
    }
  }

  /** {@code related}: an alert attached by correlation resolved; the incident is not resolved. */
  public record Resolved(long incidentNumber, boolean related) implements Routing {
    public Resolved(long incidentNumber) {
      this(incidentNumber, false);
    }
  }

  /** Correlated: linked to another alert's open incident as related; nobody is paged again. */
  public record Attached(long incidentNumber) implements Routing {}

  public record Acknowledged(long incidentNumber) implements Routing {}

  /** Recorded, nobody paged: a maintenance window or a silence. */
  public record Suppressed(String why) implements Routing {}

  /** Nothing open to resolve or acknowledge. */
  public record Ignored(String why) implements Routing {}

  /** An incident opened by alerts whose workflow start has not been confirmed. */
  /**
   * @param urgency what a routing rule said ({@code high}/{@code low}); null: the severity's
   */
  public record Unstarted(
      long incidentNumber,
      String serviceId,
      String dedupKey,
      String title,
      Severity severity,
      String description,
      String declaredBy,
      String urgency) {}

  /**
   * @param autoResolve a resolve event resolves the incident (kept with its signal)
   */
  public Routing route(Intake intake, boolean autoResolve) {
    return transaction.execute(
        status -> {
          Routing routing = decide(intake);
          Long incident = incidentOf(routing);
          enqueueSignal(routing, intake, autoResolve);
          jdbc.sql(
                  """
              insert into alert_events (service_id, dedup_key, format, action, summary, severity,
                  labels, incident_number, outcome, link, description, urgency, routing_rule)
              values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?)
              """)
              .params(
                  intake.serviceId(),
                  intake.dedupKey(),
                  intake.format(),
                  intake.event().action().name(),
                  intake.event().summary(),
                  intake.severity() == null ? null : intake.severity().name(),
                  labelsJson(intake),
                  incident,
                  outcome(routing),
                  intake.event().link(),
                  intake.event().description(),
                  intake.options().urgency(),
                  intake.options().rule())
              .update();
          if (incident != null) {
            for (AlertEvent.Alert alert : intake.event().alerts()) {
              jdbc.sql(
                      """
                  insert into alert_fingerprints (incident_number, fingerprint, firing, labels)
                  values (?, ?, ?, cast(? as jsonb))
                  on conflict (incident_number, fingerprint) do update
                  set firing = excluded.firing, labels = excluded.labels, updated_at = now()
                  """)
                  .params(incident, alert.fingerprint(), alert.firing(), Json.write(alert.labels()))
                  .update();
            }
          }
          return routing;
        });
  }

  /** What an alert tells an incident's workflow, kept until the workflow has it. */
  public record Signal(
      long id,
      long incidentNumber,
      String kind,
      String source,
      String summary,
      boolean autoResolve,
      Instant at) {}

  /** What the routing tells the incident's workflow: fired, resolved, acknowledged; else null. */
  public static String signalKind(Routing routing) {
    return routing instanceof Resolved
        ? "resolved"
        : routing instanceof Acknowledged
            ? "acknowledged"
            : routing instanceof Attached
                ? "fired"
                : routing instanceof Repeated r && r.started() && r.signal() ? "fired" : null;
  }

  /** Whether the routing is about an alert attached to its incident by correlation. */
  static boolean related(Routing routing) {
    return routing instanceof Attached
        || routing instanceof Repeated r && r.related()
        || routing instanceof Resolved r && r.related();
  }

  private void enqueueSignal(Routing routing, Intake intake, boolean autoResolve) {
    String kind = signalKind(routing);
    if (kind == null) {
      return;
    }
    String summary = intake.event().summary();
    boolean related = related(routing);
    if (related) {
      // the incident is about another alert: say whose this one is
      summary = "Related alert on " + intake.serviceId() + ": " + summary;
    }
    jdbc.sql(
            """
            insert into alert_signals (incident_number, kind, source, summary, auto_resolve)
            values (?, ?, ?, ?, ?)
            """)
        .params(
            incidentOf(routing),
            kind,
            intake.declaredBy(),
            summary,
            autoResolve && !related) // a related alert's recovery does not end the incident
        .update();
  }

  /**
   * Offers the incident's waiting signals to {@code send} in order, deleting each it took, up to
   * the first it could not. One deliverer per incident at a time (the others skip it), so the
   * workflow hears them once and in order.
   */
  public int deliverSignals(long incidentNumber, Predicate<Signal> send) {
    Integer delivered =
        transaction.execute(
            status -> {
              boolean mine =
                  jdbc.sql("select pg_try_advisory_xact_lock(?, cast(? % 2147483647 as integer))")
                      .params(SIGNAL_LOCK, incidentNumber)
                      .query(Boolean.class)
                      .single();
              if (!mine) {
                return 0;
              }
              int sent = 0;
              for (Signal signal :
                  jdbc.sql(
                          """
              select id, incident_number, kind, source, summary, auto_resolve, created_at
              from alert_signals where incident_number = ? order by id
              """)
                      .param(incidentNumber)
                      .query(
                          (rs, row) ->
                              new Signal(
                                  rs.getLong(1),
                                  rs.getLong(2),
                                  rs.getString(3),
                                  rs.getString(4),
                                  rs.getString(5),
                                  rs.getBoolean(6),
                                  rs.getTimestamp(7).toInstant()))
                      .list()) {
                if (!send.test(signal)) {
                  break;
                }
                jdbc.sql("delete from alert_signals where id = ?").param(signal.id()).update();
                sent++;
              }
              return sent;
            });
    return delivered == null ? 0 : delivered;
  }

  /** Incidents with signals waiting since before {@code olderThan}. */
  public List<Long> incidentsWithWaitingSignals(Instant olderThan) {
    return jdbc.sql(
            """
            select incident_number from alert_signals where created_at < ?
            group by incident_number order by min(id) limit 100
            """)
        .param(Timestamp.from(olderThan))
        .query(Long.class)
        .list();
  }

  private Routing decide(Intake intake) {
    AlertEvent event = intake.event();
    if (intake.options().suppress()) {
      return new Suppressed("routing rule " + intake.options().rule());
    }
    switch (event.action()) {
      case RESOLVE -> {
        return jdbc.sql(
                "delete from open_alerts where service_id = ? and dedup_key = ?"
                    + " returning incident_number, related")
            .params(intake.serviceId(), intake.dedupKey())
            .query((rs, row) -> (Routing) new Resolved(rs.getLong(1), rs.getBoolean(2)))
            .optional()
            .orElseGet(() -> new Ignored("no open incident for this dedup key"));
      }
      case ACKNOWLEDGE -> {
        return openIncident(intake.serviceId(), intake.dedupKey())
            .<Routing>map(Acknowledged::new)
            .orElseGet(() -> new Ignored("no open incident for this dedup key"));
      }
      default -> {
        Optional<String> suppressed = suppression(intake.serviceId(), event.labels());
        if (suppressed.isPresent()) {
          return new Suppressed(suppressed.get());
        }
        if (intake.options().correlateOn() != null) {
          Optional<Routing> correlated = correlate(intake);
          if (correlated.isPresent()) {
            return correlated.get();
          }
        }
        // The open alert may close (its incident resolved) between the insert that found it and
        // the update: then this trigger opens a new incident, as it would a moment later.
        for (int attempt = 1; ; attempt++) {
          Optional<Long> opened =
              jdbc.sql(
                      """
                  insert into open_alerts (service_id, dedup_key, incident_number, title, severity,
                      description, declared_by, labels, urgency)
                  values (?, ?, nextval('incident_number_seq'), ?, ?, ?, ?, cast(? as jsonb), ?)
                  on conflict (service_id, dedup_key) do nothing
                  returning incident_number
                  """)
                  .params(
                      intake.serviceId(),
                      intake.dedupKey(),
                      intake.title(),
                      intake.severity().name(),
                      intake.description(),
                      intake.declaredBy(),
                      labelsJson(intake),
                      intake.options().urgency())
                  .query(Long.class)
                  .optional();
          if (opened.isPresent()) {
            return new Opened(opened.get());
          }
          Optional<Routing> repeated = repeat(intake);
          if (repeated.isPresent() || attempt == 3) {
            return repeated.orElseThrow(
                () ->
                    new IllegalStateException(
                        "open alert "
                            + intake.dedupKey()
                            + " of "
                            + intake.serviceId()
                            + " kept changing"));
          }
        }
      }
    }
  }

  private Optional<Routing> repeat(Intake intake) {
    return jdbc.sql(
            """
            update open_alerts set occurrences = occurrences + 1, last_seen = now(),
                last_signalled_at = case
                    when last_signalled_at < now() - interval '%s' then now()
                    else last_signalled_at end
            where service_id = ? and dedup_key = ?
            returning incident_number, started, last_signalled_at = now() as signal,
                occurrences, related
            """
                .formatted(SIGNAL_INTERVAL))
        .params(intake.serviceId(), intake.dedupKey())
        .query(
            (rs, row) ->
                (Routing)
                    new Repeated(
                        rs.getLong("incident_number"),
                        rs.getBoolean("started"),
                        rs.getBoolean("signal"),
                        rs.getInt("occurrences"),
                        rs.getBoolean("related")))
        .optional();
  }

  /**
   * A trigger with no open incident of its own attaches to the open incident (of any service) one
   * of whose alerts was seen within the window with the same values of the correlated labels. The
   * decision is taken under an advisory lock on those values, so of two such alerts arriving at
   * once on two replicas one opens the incident and the other (waiting, then seeing it) attaches.
   */
  private Optional<Routing> correlate(Intake intake) {
    RouteOptions options = intake.options();
    StringBuilder key = new StringBuilder();
    options
        .correlateOn()
        .forEach((label, value) -> key.append(label).append('=').append(value).append('\n'));
    jdbc.sql("select pg_advisory_xact_lock(?, hashtext(?))")
        .params(CORRELATE_LOCK, key.toString())
        .query()
        .listOfRows();
    Optional<Routing> repeated = repeat(intake);
    if (repeated.isPresent()) {
      return repeated;
    }
    Optional<Long> incident =
        jdbc.sql(
                """
            select incident_number from open_alerts
            where last_seen >= now() - ? * interval '1 millisecond'
              and labels @> cast(? as jsonb)
            order by last_seen desc limit 1
            """)
            .params(options.window().toMillis(), Json.write(options.correlateOn()))
            .query(Long.class)
            .optional();
    if (incident.isEmpty()) {
      return Optional.empty();
    }
    // started: the incident's workflow is the opener's to start; this row only points at it
    int attached =
        jdbc.sql(
                """
            insert into open_alerts (service_id, dedup_key, incident_number, title, severity,
                description, declared_by, labels, urgency, related, started)
            values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, true, true)
            on conflict (service_id, dedup_key) do nothing
            """)
            .params(
                intake.serviceId(),
                intake.dedupKey(),
                incident.get(),
                intake.title(),
                intake.severity().name(),
                intake.description(),
                intake.declaredBy(),
                labelsJson(intake),
                options.urgency())
            .update();
    return attached == 1 ? Optional.of(new Attached(incident.get())) : Optional.empty();
  }

  private static String labelsJson(Intake intake) {
    return Json.write(intake.event().labels() == null ? Map.of() : intake.event().labels());
  }

  private Optional<Long> openIncident(String serviceId, String dedupKey) {
    return jdbc.sql(
            "select incident_number from open_alerts where service_id = ? and dedup_key = ?")
        .params(serviceId, dedupKey)
        .query(Long.class)
        .optional();
  }

  /** Why alerts of this service with these labels page nobody now, if they do not. */
  Optional<String> suppression(String serviceId, Map<String, String> labels) {
    Optional<String> maintenance =
        jdbc.sql(
                """
            select id from maintenance_windows
            where service_id = ? and starts_at <= now() and ends_at > now() limit 1
            """)
            .param(serviceId)
            .query(String.class)
            .optional();
    if (maintenance.isPresent()) {
      return Optional.of("maintenance window " + maintenance.get());
    }
    List<Silence> silences =
        jdbc.sql(
                """
            select id, service_id, matchers::text from silences
            where (service_id is null or service_id = ?) and starts_at <= now() and ends_at > now()
            """)
            .param(serviceId)
            .query(
                (rs, row) ->
                    new Silence(
                        rs.getString("id"),
                        rs.getString("service_id"),
                        List.of(Json.read(rs.getString(3), Silence.Matcher[].class)),
                        null,
                        null,
                        null))
            .list();
    return silences.stream()
        .filter(s -> s.matches(labels == null ? Map.of() : labels))
        .findFirst()
        .map(s -> "silence " + s.id());
  }

  /** A service's maintenance window: its alerts are recorded and page nobody. */
  public record MaintenanceWindow(
      String id,
      String serviceId,
      Instant startsAt,
      Instant endsAt,
      String reason,
      String createdBy) {}

  public void addMaintenance(MaintenanceWindow w) {
    jdbc.sql(
            "insert into maintenance_windows (id, service_id, starts_at, ends_at, reason,"
                + " created_by) values (?, ?, ?, ?, ?, ?)")
        .params(
            w.id(),
            w.serviceId(),
            Timestamp.from(w.startsAt()),
            Timestamp.from(w.endsAt()),
            w.reason(),
            w.createdBy())
        .update();
  }

  /** Windows not yet over, soonest first. */
  public List<MaintenanceWindow> maintenance() {
    return jdbc.sql(
            "select id, service_id, starts_at, ends_at, reason, created_by"
                + " from maintenance_windows where ends_at > now() order by starts_at")
        .query(
            (rs, row) ->
                new MaintenanceWindow(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getTimestamp(3).toInstant(),
                    rs.getTimestamp(4).toInstant(),
                    rs.getString(5),
                    rs.getString(6)))
        .list();
  }

  /** Who owns the window: {@code file} (the config file) or {@code api}; empty: no such window. */
  public Optional<String> maintenanceManagedBy(String id) {
    return jdbc.sql("select managed_by from maintenance_windows where id = ?")
        .param(id)
        .query(String.class)
        .optional();
  }

  public boolean deleteMaintenance(String id) {
    return jdbc.sql("delete from maintenance_windows where id = ?").param(id).update() == 1;
  }

  public void addSilence(Silence silence, String createdBy) {
    jdbc.sql(
            "insert into silences (id, service_id, matchers, starts_at, ends_at, comment,"
                + " created_by) values (?, ?, cast(? as jsonb), ?, ?, ?, ?)")
        .params(
            silence.id(),
            silence.serviceId(),
            Json.write(silence.matchers()),
            Timestamp.from(silence.startsAt()),
            Timestamp.from(silence.endsAt()),
            silence.comment(),
            createdBy)
        .update();
  }

  /** Silences not yet over. */
  public List<Silence> silences() {
    return jdbc.sql(
            "select id, service_id, matchers::text, starts_at, ends_at, comment"
                + " from silences where ends_at > now() order by starts_at")
        .query(
            (rs, row) ->
                new Silence(
                    rs.getString(1),
                    rs.getString(2),
                    List.of(Json.read(rs.getString(3), Silence.Matcher[].class)),
                    rs.getTimestamp(4).toInstant(),
                    rs.getTimestamp(5).toInstant(),
                    rs.getString(6)))
        .list();
  }

  /**
   * Who owns the silence: {@code file} (the config file) or {@code api}; empty: no such silence.
   */
  public Optional<String> silenceManagedBy(String id) {
    return jdbc.sql("select managed_by from silences where id = ?")
        .param(id)
        .query(String.class)
        .optional();
  }

  public boolean deleteSilence(String id) {
    return jdbc.sql("delete from silences where id = ?").param(id).update() == 1;
  }

  public void markStarted(long incidentNumber) {
    jdbc.sql("update open_alerts set started = true where incident_number = ?")
        .param(incidentNumber)
        .update();
  }

  /** Whether the incident was opened by an alert and its workflow start is not confirmed. */
  public boolean awaitingStart(long incidentNumber) {
    return jdbc.sql("select count(*) from open_alerts where incident_number = ? and not started")
            .param(incidentNumber)
            .query(Long.class)
            .single()
        > 0;
  }

  /** Incidents opened more than {@code olderThan} ago whose workflow start is not confirmed. */
  public List<Unstarted> unstarted(Instant olderThan) {
    return jdbc.sql(
            """
            select incident_number, service_id, dedup_key, title, severity, description, declared_by,
                urgency
            from open_alerts where not started and not related and first_seen < ?
            order by first_seen limit 100
            """)
        .param(Timestamp.from(olderThan))
        .query(
            (rs, row) ->
                new Unstarted(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    Severity.valueOf(rs.getString(5)),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8)))
        .list();
  }

  /**
   * An accepted event as stored.
   *
   * @param routingRule the routing rule that routed it ({@code rules[0] (name)}, {@code fallback});
   *     null when it came with a service's integration key
   */
  public record Stored(
      long id,
      String serviceId,
      String dedupKey,
      String format,
      String action,
      String summary,
      String severity,
      Long incidentNumber,
      String outcome,
      Instant receivedAt,
      String urgency,
      String routingRule) {}

  /** Newest first; {@code serviceId} null for all services. */
  public List<Stored> recent(String serviceId, int limit) {
    return recent(serviceId, null, limit);
  }

  /** Newest first; {@code serviceId} and {@code outcome} null for any. */
  public List<Stored> recent(String serviceId, String outcome, int limit) {
    return jdbc.sql(
            "select id, service_id, dedup_key, format, action, summary, severity,"
                + " incident_number, outcome, received_at, urgency, routing_rule from alert_events"
                + " where (cast(? as text) is null or service_id = ?)"
                + " and (cast(? as text) is null or outcome = ?)"
                + " order by id desc limit ?")
        .params(serviceId, serviceId, outcome, outcome, limit)
        .query(
            (rs, row) ->
                new Stored(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    (Long) rs.getObject(8),
                    rs.getString(9),
                    rs.getTimestamp(10).toInstant(),
                    rs.getString(11),
                    rs.getString(12)))
        .list();
  }

  /** How many accepted events of a service (or all) ended how, since event id {@code afterId}. */
  public Map<String, Long> counts(String serviceId, long afterId) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    jdbc.sql(
            "select outcome, count(*) from alert_events where id > ?"
                + (serviceId == null ? " and cast(? as text) is null" : " and service_id = ?")
                + " group by outcome")
        .params(afterId, serviceId)
        .query((rs, row) -> counts.put(rs.getString(1), rs.getLong(2)))
        .list();
    return counts;
  }

  public long lastId() {
    return jdbc.sql("select coalesce(max(id), 0) from alert_events").query(Long.class).single();
  }

  /**
   * The alert that opened an incident, as a page tells of it: its service, link and description.
   *
   * @param link Alertmanager's generatorURL, PagerDuty's first link or client_url, the generic link
   */
  public record Origin(String serviceId, String link, String description) {}

  /**
   * The first trigger of incident {@code incidentNumber} (the one that opened it: what it said does
   * not change as repeats arrive); empty for an incident declared by a person.
   */
  public Optional<Origin> origin(long incidentNumber) {
    return jdbc.sql(
            """
            select service_id, link, description from alert_events
            where incident_number = ? and action = 'TRIGGER' order by id limit 1
            """)
        .param(incidentNumber)
        .query((rs, row) -> new Origin(rs.getString(1), rs.getString(2), rs.getString(3)))
        .optional();
  }

  static Long incidentOf(Routing routing) {
    if (routing instanceof Opened o) {
      return o.incidentNumber();
    } else if (routing instanceof Repeated r) {
      return r.incidentNumber();
    } else if (routing instanceof Resolved r) {
      return r.incidentNumber();
    } else if (routing instanceof Acknowledged a) {
      return a.incidentNumber();
    } else if (routing instanceof Attached a) {
      return a.incidentNumber();
    }
    return null;
  }

  static String outcome(Routing routing) {
    return routing.getClass().getSimpleName().toLowerCase();
  }
}
