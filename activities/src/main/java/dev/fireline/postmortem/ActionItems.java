package dev.fireline.postmortem;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Postmortem action items in PostgreSQL (table {@code action_items}). Statuses are {@code open},
 * {@code in_progress}, {@code done} and {@code wont_do}; priorities {@code P1} (most urgent) to
 * {@code P4}. An item is overdue when its due date is before today (UTC) and it is still open or in
 * progress.
 */
public class ActionItems {
  public static final List<String> STATUSES = List.of("open", "in_progress", "done", "wont_do");
  public static final List<String> UNFINISHED = List.of("open", "in_progress");
  public static final List<String> PRIORITIES = List.of("P1", "P2", "P3", "P4");
  public static final String DEFAULT_PRIORITY = "P3";

  private static final String COLUMNS =
      "id, incident_number, service, title, owner, due_date,"
          + " priority, status, created_by, created_at, updated_at, done_at";

  private final JdbcClient jdbc;

  public ActionItems(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  public record ActionItem(
      long id,
      long incidentNumber,
      String service,
      String title,
      String owner,
      LocalDate due,
      String priority,
      String status,
      String createdBy,
      Instant createdAt,
      Instant updatedAt,
      Instant doneAt) {

    public boolean overdue(LocalDate today) {
      return due != null && due.isBefore(today) && UNFINISHED.contains(status);
    }
  }

  /** What to change; null fields stay as they are. */
  public record Change(String title, String owner, LocalDate due, String priority, String status) {}

  /** Every field optional; {@code statuses} empty means any status. */
  public record Filter(
      List<String> statuses,
      Boolean overdue,
      String owner,
      String service,
      Long incidentNumber,
      LocalDate today,
      int limit) {}

  /** "in progress", "In-Progress" and "IN_PROGRESS" are in_progress. */
  public static Optional<String> parseStatus(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String normalized = text.trim().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    return STATUSES.contains(normalized) ? Optional.of(normalized) : Optional.empty();
  }

  /** "P1", "p1" and "1" are P1. */
  public static Optional<String> parsePriority(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String normalized = text.trim().toUpperCase(Locale.ROOT);
    if (normalized.matches("[1-4]")) {
      normalized = "P" + normalized;
    }
    return PRIORITIES.contains(normalized) ? Optional.of(normalized) : Optional.empty();
  }

  public ActionItem create(
      long incidentNumber,
      String service,
      String title,
      String owner,
      LocalDate due,
      String priority,
      String createdBy) {
    return jdbc.sql(
            "insert into action_items (incident_number, service, title, owner, due_date,"
                + " priority, status, created_by) values (?, ?, ?, ?, ?, ?, 'open', ?) returning "
                + COLUMNS)
        .params(incidentNumber, service, title, owner, date(due), priority, createdBy)
        .query(ActionItems::row)
        .single();
  }

  public Optional<ActionItem> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from action_items where id = ?")
        .param(id)
        .query(ActionItems::row)
        .optional();
  }

  /** Oldest first. */
  public List<ActionItem> forIncident(long incidentNumber) {
    return jdbc.sql(
            "select " + COLUMNS + " from action_items where incident_number = ? order by id")
        .param(incidentNumber)
        .query(ActionItems::row)
        .list();
  }

  /**
   * Applies the change; {@code done_at} is set when the item becomes done and cleared when it is
   * reopened. Empty when there is no such item.
   */
  public Optional<ActionItem> update(long id, Change change) {
    return jdbc.sql(
            """
            update action_items set
                title = coalesce(?, title),
                owner = coalesce(?, owner),
                due_date = coalesce(?, due_date),
                priority = coalesce(?, priority),
                done_at = case when coalesce(?, status) = 'done'
                    then (case when status = 'done' then done_at else now() end) else null end,
                status = coalesce(?, status),
                updated_at = now()
            where id = ?
            returning\s"""
                + COLUMNS)
        .params(
            change.title(),
            change.owner(),
            date(change.due()),
            change.priority(),
            change.status(),
            change.status(),
            id)
        .query(ActionItems::row)
        .optional();
  }

  /** Across incidents: soonest due first (no due date last), then oldest. */
  public List<ActionItem> list(Filter filter) {
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from action_items where true");
    List<Object> params = new ArrayList<>();
    if (filter.statuses() != null && !filter.statuses().isEmpty()) {
      sql.append(" and status in (")
          .append(String.join(", ", filter.statuses().stream().map(s -> "?").toList()))
          .append(')');
      params.addAll(filter.statuses());
    }
    if (filter.overdue() != null) {
      String overdue = "(due_date < ? and status in ('open', 'in_progress'))";
      sql.append(
          filter.overdue() ? " and " + overdue : " and not coalesce(" + overdue + ", false)");
      params.add(date(filter.today()));
    }
    if (filter.owner() != null) {
      sql.append(" and owner = ?");
      params.add(filter.owner());
    }
    if (filter.service() != null) {
      sql.append(" and service = ?");
      params.add(filter.service());
    }
    if (filter.incidentNumber() != null) {
      sql.append(" and incident_number = ?");
      params.add(filter.incidentNumber());
    }
    sql.append(" order by due_date asc nulls last, id limit ?");
    params.add(filter.limit());
    return jdbc.sql(sql.toString()).params(params).query(ActionItems::row).list();
  }

  /**
   * Open and in-progress items due on or before {@code last} (overdue ones included), by owner,
   * then soonest due, then oldest.
   */
  public List<ActionItem> unfinishedDueBy(LocalDate last) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from action_items"
                + " where status in ('open', 'in_progress') and due_date <= ?"
                + " order by owner, due_date, id")
        .param(date(last))
        .query(ActionItems::row)
        .list();
  }

  private static ActionItem row(ResultSet rs, int rowNum) throws SQLException {
    LocalDate due = rs.getObject("due_date", LocalDate.class);
    return new ActionItem(
        rs.getLong("id"),
        rs.getLong("incident_number"),
        rs.getString("service"),
        rs.getString("title"),
        rs.getString("owner"),
        due,
        rs.getString("priority"),
        rs.getString("status"),
        rs.getString("created_by"),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("updated_at")),
        instant(rs.getTimestamp("done_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  /** A date as it is bound: {@link LocalDate} itself (a DATE), never through the JVM time zone. */
  private static Object date(LocalDate date) {
    return date;
  }
}
