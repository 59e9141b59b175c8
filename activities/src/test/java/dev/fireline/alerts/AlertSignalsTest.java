package dev.fireline.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.alerts.AlertEvent.Action;
import dev.fireline.incident.Severity;
import dev.fireline.support.Postgres;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What alerts tell a workflow waits in the database until it is delivered, once and in order. */
class AlertSignalsTest {
  private final AlertStore store = new AlertStore(Postgres.migrated());
  private final String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);

  private AlertStore.Routing route(Action action, String dedupKey, boolean autoResolve) {
    AlertEvent event =
        new AlertEvent(
            action,
            dedupKey,
            "disk full",
            "prometheus",
            null,
            null,
            Map.of(),
            null,
            null,
            List.of());
    return store.route(
        new AlertStore.Intake(
            service, "generic", event, dedupKey, Severity.SEV2, "disk full", null, "prometheus"),
        autoResolve);
  }

  @Test
  void aSignalStaysUntilDeliveredAndTheyGoInOrder() {
    long incident = ((AlertStore.Opened) route(Action.TRIGGER, "k1", false)).incidentNumber();
    store.markStarted(incident);
    route(Action.ACKNOWLEDGE, "k1", false);
    route(Action.RESOLVE, "k1", true);

    // Temporal away: the first cannot be sent, so neither is the second
    assertThat(store.deliverSignals(incident, signal -> false)).isZero();
    assertThat(store.incidentsWithWaitingSignals(Instant.now().plusSeconds(1))).contains(incident);

    List<AlertStore.Signal> heard = new ArrayList<>();
    assertThat(store.deliverSignals(incident, heard::add)).isEqualTo(2);
    assertThat(heard)
        .extracting(AlertStore.Signal::kind)
        .containsExactly("acknowledged", "resolved");
    assertThat(heard.get(1).autoResolve()).isTrue();
    assertThat(heard.get(1).source()).isEqualTo("prometheus");
    assertThat(store.deliverSignals(incident, heard::add)).as("sent once").isZero();
    assertThat(store.incidentsWithWaitingSignals(Instant.now().plusSeconds(1)))
        .doesNotContain(incident);
  }

  @Test
  void twoDeliverersAtOnceSendEachSignalOnce() throws Exception {
    long incident = ((AlertStore.Opened) route(Action.TRIGGER, "k2", false)).incidentNumber();
    store.markStarted(incident);
    route(Action.RESOLVE, "k2", false);
    CountDownLatch firstIsSending = new CountDownLatch(1);
    CountDownLatch secondTried = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> first =
          pool.submit(
              () ->
                  store.deliverSignals(
                      incident,
                      signal -> {
                        firstIsSending.countDown();
                        try {
                          return secondTried.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          throw new IllegalStateException(e);
                        }
                      }));
      assertThat(firstIsSending.await(10, TimeUnit.SECONDS)).isTrue();
      int second = store.deliverSignals(incident, signal -> true);
      secondTried.countDown();
      assertThat(second).as("the other deliverer holds the incident").isZero();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anIncidentWaitsForItsStartOnlyUntilItIsStarted() {
    long incident = ((AlertStore.Opened) route(Action.TRIGGER, "k3", false)).incidentNumber();
    assertThat(store.awaitingStart(incident)).isTrue();
    store.markStarted(incident);
    assertThat(store.awaitingStart(incident)).isFalse();
  }
}
