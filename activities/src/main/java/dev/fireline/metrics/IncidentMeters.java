package dev.fireline.metrics;

import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.incident.IncidentStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The time-to-acknowledge and time-to-resolve histograms, measured from {@code declaredAt}, tagged
 * with the incident's severity and service at that moment. Recorded by {@link IncidentStore} once
 * per incident: when the read model first sees the incident acknowledged (resolved).
 */
public class IncidentMeters implements IncidentStore.Listener {
  public static final String TIME_TO_ACKNOWLEDGE = "fireline.incident.time.to.acknowledge";
  public static final String TIME_TO_RESOLVE = "fireline.incident.time.to.resolve";

  private final MeterRegistry registry;

  public IncidentMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void firstAcknowledged(IncidentSnapshot s) {
    record(
        TIME_TO_ACKNOWLEDGE,
        "Declared to first acknowledgement",
        s,
        s.acknowledgedAt() == null ? null : Duration.between(s.declaredAt(), s.acknowledgedAt()));
  }

  @Override
  public void firstResolved(IncidentSnapshot s) {
    record(
        TIME_TO_RESOLVE,
        "Declared to resolved",
        s,
        s.resolvedAt() == null ? null : Duration.between(s.declaredAt(), s.resolvedAt()));
  }

  private void record(String name, String description, IncidentSnapshot s, Duration duration) {
    if (duration == null || duration.isNegative() || s.declaredAt() == null) {
      return;
    }
    Timer.builder(name)
        .description(description)
        .tag("severity", s.severity().name())
        .tag("service", s.service())
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofSeconds(1))
        .maximumExpectedValue(Duration.ofDays(7))
        .register(registry)
        .record(duration);
  }
}
