package dev.fireline.security;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every write, by whom and from where: appended, never changed (the table refuses updates and
 * deletes). {@code before}/{@code after} are JSON documents, for directory changes.
 */
public class AuditLog {
  private final JdbcClient jdbc;

  public AuditLog(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /**
   * @param actorKind person, service_key, personal_token, directory_file, anonymous
   * @param channel api, console, sms, voice, email_link, directory_file
   * @param before JSON text (the database's jsonb), answered as the JSON document it is
   */
  public record Entry(
      long id,
      Instant at,
      String actor,
      String actorKind,
      String onBehalfOf,
      String ip,
      String channel,
      String action,
      String target,
      Integer status,
      @JsonRawValue String before,
      @JsonRawValue String after) {}

  /** A row to append (id and time are the database's). */
  public record NewEntry(
      String actor,
      String actorKind,
      String onBehalfOf,
      String ip,
      String channel,
      String action,
      String target,
      Integer status,
      String before,
      String after) {}

  /** Which rows to read; null fields do not filter. */
  public record Query(String actor, String target, Instant since, Instant until, int limit) {}

  public void append(NewEntry entry) {
    jdbc.sql(
            """
            insert into audit_log (actor, actor_kind, on_behalf_of, ip, channel, action, target,
                                   status, before, after)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)
            """)
        .params(
            entry.actor(),
            entry.actorKind(),
            entry.onBehalfOf(),
            entry.ip(),
            entry.channel(),
            entry.action(),
            entry.target(),
            entry.status(),
            entry.before(),
            entry.after())
        .update();
  }

  /** Newest first. */
  public List<Entry> list(Query query) {
    StringBuilder sql =
        new StringBuilder(
            """
        select id, at, actor, actor_kind, on_behalf_of, ip, channel, action, target, status,
               before::text as before, after::text as after
        from audit_log where true""");
    List<Object> params = new ArrayList<>();
    if (query.actor() != null) {
      sql.append(" and (actor = ? or on_behalf_of = ?)");
      params.add(query.actor());
      params.add(query.actor());
    }
    if (query.target() != null) {
      sql.append(" and target = ?");
      params.add(query.target());
    }
    if (query.since() != null) {
      sql.append(" and at >= ?");
      params.add(Timestamp.from(query.since()));
    }
    if (query.until() != null) {
      sql.append(" and at < ?");
      params.add(Timestamp.from(query.until()));
    }
    sql.append(" order by id desc limit ?");
    params.add(query.limit());
    return jdbc.sql(sql.toString()).params(params).query(AuditLog::entry).list();
  }

  private static Entry entry(ResultSet rs, int row) throws SQLException {
    Integer status = rs.getObject("status") == null ? null : rs.getInt("status");
    return new Entry(
        rs.getLong("id"),
        rs.getTimestamp("at").toInstant(),
        rs.getString("actor"),
        rs.getString("actor_kind"),
        rs.getString("on_behalf_of"),
        rs.getString("ip"),
        rs.getString("channel"),
        rs.getString("action"),
        rs.getString("target"),
        status,
        rs.getString("before"),
        rs.getString("after"));
  }
}
