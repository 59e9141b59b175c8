package dev.fireline.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.incident.Severity;
import dev.fireline.support.Postgres;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Ingestion keeps what a page says of the alert (its link and description) with the event, and the
 * first trigger of an incident is what its pages say, whatever the repeats say.
 */
class AlertOriginTest {
  private final AlertStore store = new AlertStore(Postgres.migrated());
  private final String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);

  private long opened(String format, AlertEvent event) {
    String dedupKey = event.dedupKey() != null ? event.dedupKey() : UUID.randomUUID().toString();
    AlertStore.Routing routing =
        store.route(
            new AlertStore.Intake(
                service,
                format,
                event,
                dedupKey + "-" + service,
                Severity.SEV2,
                event.summary(),
                null,
                "test"),
            false);
    return AlertStore.incidentOf(routing);
  }

  @Test
  void alertmanagersGeneratorUrlAndDescriptionAreStored() {
    AlertEvent event = AlertParsers.alertmanager(Samples.text("alertmanager-firing.json"));

    AlertStore.Origin origin = store.origin(opened("alertmanager", event)).orElseThrow();

    assertThat(origin)
        .isEqualTo(
            new AlertStore.Origin(
                service,
                "http://prometheus.example.org:9090/graph?g0.expr=probe_success+%3D%3D+0&g0.tab=1",
                "https://shop.example.org has been down for over 5m"));
  }

  @Test
  void pagerDutysFirstLinkElseItsClientUrlIsStored() {
    String withLinks =
        """
        {"routing_key": "R1", "event_action": "trigger", "dedup_key": "pd-links",
         "payload": {"summary": "Disk full", "source": "db-1", "severity": "critical",
           "custom_details": {"summary": "Only 1% left on /var"}},
         "links": [{"href": "https://grafana.example.com/d/db"}],
         "client": "Grafana", "client_url": "https://monitoring.example.com/alert/7"}""";
    String clientOnly =
        withLinks
            .replace("\"pd-links\"", "\"pd-client\"")
            .replace("\"links\": [{\"href\": \"https://grafana.example.com/d/db\"}],", "");

    long first = opened("pagerduty", AlertParsers.pagerDuty(withLinks).event());
    long second = opened("pagerduty", AlertParsers.pagerDuty(clientOnly).event());

    assertThat(store.origin(first))
        .contains(
            new AlertStore.Origin(
                service, "https://grafana.example.com/d/db", "Only 1% left on /var"));
    assertThat(store.origin(second))
        .hasValueSatisfying(
            origin ->
                assertThat(origin.link()).isEqualTo("https://monitoring.example.com/alert/7"));
  }

  @Test
  void theTriggerThatOpenedTheIncidentIsItsOrigin() {
    String trigger =
        """
        {"dedup_key": "k-%s", "summary": "Checkout slow", "link": "https://grafana.example.org/%s",
         "details": "%s"}""";
    long incident =
        opened("generic", AlertParsers.generic(trigger.formatted(service, "first", "p99 2.4 s")));
    opened("generic", AlertParsers.generic(trigger.formatted(service, "second", "p99 9 s")));

    assertThat(store.origin(incident))
        .contains(new AlertStore.Origin(service, "https://grafana.example.org/first", "p99 2.4 s"));
    assertThat(store.origin(Long.MAX_VALUE)).as("declared by a person").isEmpty();
  }
}
