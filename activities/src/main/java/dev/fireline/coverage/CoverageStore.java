package dev.fireline.coverage;

import dev.fireline.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The last coverage check in PostgreSQL (table {@code coverage_gaps}): one row per owner. */
public class CoverageStore {
  static final String SCHEDULE = "schedule";
  static final String POLICY = "escalation_policy";

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  public CoverageStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  /** What one check stored for one schedule or policy, and when. */
  public record Checked<T>(Instant checkedAt, Instant from, Instant to, T coverage) {}

  /** Makes {@code report} the stored check: every row replaced in one transaction. */
  public void replace(CoverageReport report) {
    transaction.executeWithoutResult(
        status -> {
          jdbc.sql("delete from coverage_gaps").update();
          report.schedules().forEach(s -> insert(SCHEDULE, s.scheduleId(), report, s.gaps(), s));
          report
              .policies()
              .forEach(p -> insert(POLICY, p.policyId(), report, p.levels().size(), p));
        });
  }

  private void insert(String kind, String id, CoverageReport report, int gaps, Object findings) {
    jdbc.sql(
            """
            insert into coverage_gaps (owner_kind, owner_id, window_start, window_end, gap_count,
                findings)
            values (?, ?, ?, ?, ?, cast(? as jsonb))
            """)
        .params(
            kind,
            id,
            Timestamp.from(report.from()),
            Timestamp.from(report.to()),
            gaps,
            Json.write(findings))
        .update();
  }

  /** The stored schedules' findings, by schedule id. */
  public Map<String, Checked<ScheduleCoverage>> schedules() {
    return read(SCHEDULE, ScheduleCoverage.class);
  }

  /** The stored policies' findings, by policy id. */
  public Map<String, Checked<PolicyCoverage>> policies() {
    return read(POLICY, PolicyCoverage.class);
  }

  /** When the last check ran; empty before the first. */
  public Optional<Instant> lastChecked() {
    return jdbc
        .sql("select checked_at from coverage_gaps order by checked_at desc limit 1")
        .query(Timestamp.class)
        .list()
        .stream()
        .findFirst()
        .map(Timestamp::toInstant);
  }

  private <T> Map<String, Checked<T>> read(String kind, Class<T> type) {
    Map<String, Checked<T>> out = new LinkedHashMap<>();
    jdbc.sql(
            """
            select owner_id, checked_at, window_start, window_end, findings::text
            from coverage_gaps where owner_kind = ? order by owner_id
            """)
        .param(kind)
        .query(
            (rs, row) ->
                Map.entry(
                    rs.getString("owner_id"),
                    new Checked<>(
                        instant(rs, "checked_at"),
                        instant(rs, "window_start"),
                        instant(rs, "window_end"),
                        Json.read(rs.getString("findings"), type))))
        .list()
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }
}
