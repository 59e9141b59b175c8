package dev.fireline.metrics;

import dev.fireline.incident.Severity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code fireline.incidents.open{severity}}: incidents not yet resolved, read from the read model
 * at most once per {@code maxAge} (10 s in the apps) however often the registry is scraped.
 */
public class OpenIncidentsGauge implements MeterBinder {
  public static final String NAME = "fireline.incidents.open";

  private final JdbcClient jdbc;
  private final long maxAgeNanos;
  private Map<Severity, Long> counts;
  private long readAt;

  public OpenIncidentsGauge(DataSource dataSource, Duration maxAge) {
    this.jdbc = JdbcClient.create(dataSource);
    this.maxAgeNanos = maxAge.toNanos();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Severity severity : Severity.values()) {
      Gauge.builder(NAME, this, gauge -> gauge.count(severity))
          .description("Incidents declared and not yet resolved")
          .tag("severity", severity.name())
          .register(registry);
    }
  }

  double count(Severity severity) {
    Map<Severity, Long> current = counts();
    return current == null ? Double.NaN : current.getOrDefault(severity, 0L);
  }

  /** The cached counts; null when they could never be read (the gauge then reads NaN). */
  private synchronized Map<Severity, Long> counts() {
    long now = System.nanoTime();
    if (counts == null || now - readAt >= maxAgeNanos) {
      try {
        Map<Severity, Long> fresh = new EnumMap<>(Severity.class);
        for (Map<String, Object> row :
            jdbc.sql(
                    """
                select severity, count(*) as n from incidents where resolved_at is null
                group by severity
                """)
                .query()
                .listOfRows()) {
          Severity.parse((String) row.get("severity"))
              .ifPresent(s -> fresh.put(s, ((Number) row.get("n")).longValue()));
        }
        counts = fresh;
      } catch (RuntimeException e) {
        // the database is away: keep the last counts (or none) and try again after maxAge
      }
      readAt = now;
    }
    return counts;
  }
}
