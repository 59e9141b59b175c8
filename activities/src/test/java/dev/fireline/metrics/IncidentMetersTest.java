package dev.fireline.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.incident.IncidentKeys;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.incident.IncidentSnapshot.AlertActivity;
import dev.fireline.incident.IncidentSnapshot.Targets;
import dev.fireline.incident.IncidentStore;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import dev.fireline.support.Postgres;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The histograms are recorded once per incident, by whichever save first shows the change. */
class IncidentMetersTest {
  private static final Instant T0 = Instant.parse("2032-01-05T10:00:00Z");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final IncidentStore store =
      new IncidentStore(Postgres.migrated(), new IncidentMeters(registry));

  @Test
  void retriedAndLateSavesRecordOnce() {
    long number = store.nextNumber();
    IncidentSnapshot triggered = snapshot(number, "meters-a", Stage.TRIGGERED, 1, null, null);
    IncidentSnapshot acked = snapshot(number, "meters-a", Stage.ACKNOWLEDGED, 2, 90L, null);
    IncidentSnapshot updated = snapshot(number, "meters-a", Stage.IDENTIFIED, 3, 90L, null);
    IncidentSnapshot resolved = snapshot(number, "meters-a", Stage.RESOLVED, 4, 90L, 1800L);

    store.save(triggered);
    assertThat(timer(IncidentMeters.TIME_TO_ACKNOWLEDGE, "meters-a")).isNull();
    store.save(acked);
    store.save(acked); // a retried activity
    store.save(triggered); // a late retry of an older save
    store.save(updated); // still acknowledged: not a first acknowledgement
    store.save(resolved);
    store.save(resolved);
    store.save(acked);

    Timer ack = timer(IncidentMeters.TIME_TO_ACKNOWLEDGE, "meters-a");
    assertThat(ack.count()).isEqualTo(1);
    assertThat(ack.totalTime(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(90);
    Timer resolve = timer(IncidentMeters.TIME_TO_RESOLVE, "meters-a");
    assertThat(resolve.count()).isEqualTo(1);
    assertThat(resolve.totalTime(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1800);
    assertThat(resolve.getId().getTag("severity")).isEqualTo("SEV2");
  }

  @Test
  void aFirstSaveAlreadyResolvedRecordsBoth() {
    long number = store.nextNumber();
    IncidentSnapshot resolved = snapshot(number, "meters-b", Stage.RESOLVED, 5, 30L, 600L);
    store.save(resolved);
    store.save(resolved);
    assertThat(timer(IncidentMeters.TIME_TO_ACKNOWLEDGE, "meters-b").count()).isEqualTo(1);
    assertThat(timer(IncidentMeters.TIME_TO_RESOLVE, "meters-b").count()).isEqualTo(1);
  }

  @Test
  void concurrentRetriesRecordOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 5; round++) {
        long number = store.nextNumber();
        IncidentSnapshot triggered = snapshot(number, "meters-c", Stage.TRIGGERED, 1, null, null);
        IncidentSnapshot acked = snapshot(number, "meters-c", Stage.ACKNOWLEDGED, 2, 60L, null);
        IncidentSnapshot acked3 = snapshot(number, "meters-c", Stage.INVESTIGATING, 3, 60L, null);
        List<Callable<Void>> saves = new ArrayList<>();
        for (IncidentSnapshot s :
            List.of(triggered, acked, acked, acked3, acked, acked3, triggered, acked)) {
          saves.add(
              () -> {
                store.save(s);
                return null;
              });
        }
        for (Future<Void> f : pool.invokeAll(saves)) {
          f.get();
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(timer(IncidentMeters.TIME_TO_ACKNOWLEDGE, "meters-c").count()).isEqualTo(5);
  }

  @Test
  void openIncidentsGaugeCountsUnresolvedBySeverity() {
    OpenIncidentsGauge gauge = new OpenIncidentsGauge(Postgres.migrated(), Duration.ZERO);
    gauge.bindTo(registry);
    double before = registry.get(OpenIncidentsGauge.NAME).tag("severity", "SEV4").gauge().value();

    long open = store.nextNumber();
    long closed = store.nextNumber();
    store.save(snapshot(open, "meters-d", Stage.TRIGGERED, 1, null, null, Severity.SEV4));
    store.save(snapshot(closed, "meters-d", Stage.RESOLVED, 1, 10L, 20L, Severity.SEV4));

    assertThat(registry.get(OpenIncidentsGauge.NAME).tag("severity", "SEV4").gauge().value())
        .isEqualTo(before + 1);

    // cached: a second registry reading within maxAge does not see the next incident
    OpenIncidentsGauge cached = new OpenIncidentsGauge(Postgres.migrated(), Duration.ofHours(1));
    assertThat(cached.count(Severity.SEV4)).isEqualTo(before + 1);
    store.save(
        snapshot(store.nextNumber(), "meters-d", Stage.TRIGGERED, 1, null, null, Severity.SEV4));
    assertThat(cached.count(Severity.SEV4)).isEqualTo(before + 1);
    assertThat(gauge.count(Severity.SEV4)).isEqualTo(before + 2);
  }

  private Timer timer(String name, String service) {
    return registry.find(name).tag("service", service).timer();
  }

  private static IncidentSnapshot snapshot(
      long number, String service, Stage stage, long version, Long ackAfter, Long resolveAfter) {
    return snapshot(number, service, stage, version, ackAfter, resolveAfter, Severity.SEV2);
  }

  private static IncidentSnapshot snapshot(
      long number,
      String service,
      Stage stage,
      long version,
      Long ackAfter,
      Long resolveAfter,
      Severity severity) {
    Instant acked = ackAfter == null ? null : T0.plusSeconds(ackAfter);
    Instant resolved = resolveAfter == null ? null : T0.plusSeconds(resolveAfter);
    return new IncidentSnapshot(
        number,
        IncidentKeys.key(number),
        "Meters",
        null,
        service,
        severity,
        stage,
        null,
        "admin",
        T0,
        acked,
        acked == null ? null : "alice",
        resolved,
        resolved == null ? null : "alice",
        null,
        Map.of(),
        null,
        List.of(),
        new Targets(false, false, null),
        new AlertActivity(0, null, false),
        List.of(),
        null,
        List.of(),
        null,
        null,
        null,
        version);
  }
}
