package dev.fireline.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.alerts.AlertEvent;
import dev.fireline.alerts.AlertParsers;
import dev.fireline.alerts.AlertRouter;
import dev.fireline.alerts.AlertStore;
import dev.fireline.alerts.SeverityMapping;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.incident.IncidentDeclaration;
import dev.fireline.incident.IncidentStarter;
import dev.fireline.incident.IncidentWorkflow;
import dev.fireline.incident.Severity;
import dev.fireline.policy.Urgency;
import dev.fireline.support.Postgres;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Routed ingestion and correlation on the real PostgreSQL: label routing, suppression, and a second
 * service's alert attached to the first one's incident (one incident, started once) under
 * concurrency. Temporal is absent: starts are recorded, signals wait in alert_signals.
 */
class RoutedAlertsTest {
  private final DataSource db = Postgres.migrated();
  private final AlertStore alerts = new AlertStore(db);
  private final RoutingStore routing = new RoutingStore(db);
  private final List<IncidentDeclaration> started = Collections.synchronizedList(new ArrayList<>());
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String checkout = "checkout-" + run;
  private final String search = "search-" + run;
  private final AlertRouter router =
      new AlertRouter(
          alerts,
          new DirectoryStore(db),
          new IncidentStarter(null, null) {
            @Override
            public IncidentWorkflow start(IncidentDeclaration declaration) {
              started.add(declaration);
              return null;
            }
          },
          null,
          new SeverityMapping(Severity.SEV3, Map.of()));
  private final RoutedAlerts routed =
      new RoutedAlerts(routing, router, new SeverityMapping(Severity.SEV3, Map.of()));

  private RoutingDefinition definition() {
    Correlation byClusterAndRegion =
        new Correlation(List.of("cluster", "region"), java.time.Duration.ofMinutes(10));
    return new RoutingDefinition(
        List.of("sha256:" + "0".repeat(64)),
        List.of(
            new RoutingRule(
                "drop",
                List.of(new Condition("labels.alertname", Condition.Operator.EQUALS, "Watchdog")),
                null,
                null,
                null,
                null,
                true,
                null),
            new RoutingRule(
                "search",
                List.of(new Condition("labels.team", Condition.Operator.EQUALS, "search")),
                search,
                Severity.SEV2,
                Urgency.LOW,
                "{{labels.alertname}}/{{labels.cluster}}",
                false,
                byClusterAndRegion),
            new RoutingRule(
                "checkout",
                List.of(new Condition("labels.team", Condition.Operator.EQUALS, "checkout")),
                checkout,
                null,
                null,
                "{{labels.alertname}}/{{labels.cluster}}",
                false,
                byClusterAndRegion)),
        checkout);
  }

  @AfterEach
  void noRulesLeft() {
    routing.delete();
  }

  private List<RoutedAlerts.Routed> send(
      String team, String alertname, String cluster, String region, String action) {
    String json =
        "{\"action\":\""
            + action
            + "\",\"summary\":\""
            + alertname
            + " on "
            + cluster
            + "\",\"labels\":{\"team\":\""
            + team
            + "\",\"alertname\":\""
            + alertname
            + "\",\"cluster\":\""
            + cluster
            + "\",\"region\":\""
            + region
            + "\"}"
            + (action.equals("trigger")
                ? ""
                : ",\"dedup_key\":\"" + alertname + "/" + cluster + "\"")
            + "}";
    AlertEvent event = AlertParsers.generic(json);
    return routed.accept(definition(), "generic", event, json);
  }

  @Test
  void labelsRouteToTwoServicesAndTheRuleIsRecorded() {
    RoutedAlerts.Routed toSearch = send("search", "Latency", "c-" + run, "eu", "trigger").get(0);
    RoutedAlerts.Routed toFallback = send("web", "Latency", "w-" + run, "eu", "trigger").get(0);

    assertThat(toSearch.service()).isEqualTo(search);
    assertThat(toSearch.rule()).isEqualTo("rules[1] (search)");
    assertThat(toSearch.dedupKey()).isEqualTo("Latency/c-" + run);
    assertThat(toSearch.outcome()).isEqualTo("opened");
    assertThat(toFallback.service()).isEqualTo(checkout);
    assertThat(toFallback.rule()).isEqualTo("fallback");

    AlertStore.Stored stored = alerts.recent(search, 1).get(0);
    assertThat(stored.routingRule()).isEqualTo("rules[1] (search)");
    assertThat(stored.urgency()).isEqualTo("low");
    assertThat(stored.severity()).isEqualTo("SEV2");
    assertThat(alerts.recent(checkout, 1).get(0).urgency())
        .as("no rule said: the severity decides")
        .isNull();
  }

  @Test
  void aSuppressedAlertIsRecordedAndOpensNothing() {
    RoutedAlerts.Routed dropped = send("search", "Watchdog", "c-" + run, "eu", "trigger").get(0);
    assertThat(dropped.outcome()).isEqualTo("suppressed");
    assertThat(dropped.incidentKey()).isNull();
    assertThat(started).isEmpty();
    assertThat(alerts.recent(null, "suppressed", 20))
        .anySatisfy(
            e -> {
              assertThat(e.routingRule()).isEqualTo("rules[0] (drop)");
              assertThat(e.serviceId()).isNull();
              assertThat(e.dedupKey()).isEqualTo(dropped.dedupKey());
            });
  }

  @Test
  void aSecondServicesAlertAttachesToTheOpenIncidentAndFollowsIt() {
    String cluster = "k-" + run;
    RoutedAlerts.Routed first = send("checkout", "Errors", cluster, "eu", "trigger").get(0);
    RoutedAlerts.Routed related = send("search", "Latency", cluster, "eu", "trigger").get(0);

    assertThat(first.outcome()).isEqualTo("opened");
    assertThat(related.outcome()).isEqualTo("attached");
    assertThat(related.incidentKey()).isEqualTo(first.incidentKey());
    assertThat(started).as("one incident, started (and paged) once").hasSize(1);
    long incident = Long.parseLong(first.incidentKey().substring(4));
    assertThat(heard(incident))
        .containsExactly("fired: Related alert on " + search + ": Latency on " + cluster);

    // its later firing and its resolution go to the same incident; resolving it ends nothing
    jdbc()
        .sql(
            "update open_alerts set last_signalled_at = now() - interval '1 hour'"
                + " where service_id = ?")
        .param(search)
        .update();
    assertThat(send("search", "Latency", cluster, "eu", "trigger").get(0))
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo("repeated");
              assertThat(r.incidentKey()).isEqualTo(first.incidentKey());
            });
    assertThat(send("search", "Latency", cluster, "eu", "resolve").get(0).outcome())
        .isEqualTo("resolved");
    assertThat(heard(incident))
        .containsExactly(
            "fired: Related alert on " + search + ": Latency on " + cluster,
            "fired: Related alert on " + search + ": Latency on " + cluster,
            "resolved: Related alert on " + search + ": Latency on " + cluster + " (auto false)");

    // another region is another outage; and an old alert is not related any more
    assertThat(send("search", "Latency", cluster, "us", "trigger").get(0).outcome())
        .isEqualTo("opened");
    jdbc()
        .sql(
            "update open_alerts set last_seen = now() - interval '11 minutes'"
                + " where service_id = ?")
        .param(checkout)
        .update();
    assertThat(send("search", "Disk", cluster, "eu", "trigger").get(0).outcome())
        .isEqualTo("opened");
    assertThat(started).extracting(IncidentDeclaration::number).doesNotHaveDuplicates().hasSize(3);
  }

  @Test
  void alertsOfTwoServicesArrivingTogetherOpenOneIncident() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 10; round++) {
        String cluster = "r" + round + "-" + run;
        List<Callable<RoutedAlerts.Routed>> calls = new ArrayList<>();
        for (String team : List.of("checkout", "search", "checkout", "search")) {
          calls.add(() -> send(team, "Down", cluster, "eu", "trigger").get(0));
        }
        List<String> outcomes = new ArrayList<>();
        List<String> incidents = new ArrayList<>();
        for (Future<RoutedAlerts.Routed> answer : pool.invokeAll(calls)) {
          outcomes.add(answer.get().outcome());
          incidents.add(answer.get().incidentKey());
        }
        assertThat(outcomes).as("round %d", round).filteredOn("opened"::equals).hasSize(1);
        assertThat(incidents).as("round %d", round).containsOnly(incidents.get(0));
      }
      // a repeat before the start is confirmed starts again (harmless: same workflow id)
      assertThat(started.stream().map(IncidentDeclaration::number).distinct()).hasSize(10);
    } finally {
      pool.shutdownNow();
    }
  }

  private List<String> heard(long incident) {
    return jdbc()
        .sql(
            "select kind, summary, auto_resolve from alert_signals"
                + " where incident_number = ? order by id")
        .param(incident)
        .query(
            (rs, row) ->
                rs.getString(1)
                    + ": "
                    + rs.getString(2)
                    + (rs.getString(1).equals("resolved")
                        ? " (auto " + rs.getBoolean(3) + ")"
                        : ""))
        .list();
  }

  private JdbcClient jdbc() {
    return JdbcClient.create(db);
  }
}
