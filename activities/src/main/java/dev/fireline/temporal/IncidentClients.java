package dev.fireline.temporal;

import dev.fireline.alerts.AlertRouter;
import dev.fireline.alerts.AlertStore;
import dev.fireline.alerts.SeverityMapping;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.heartbeat.HeartbeatChecks;
import dev.fireline.heartbeat.HeartbeatStarter;
import dev.fireline.heartbeat.Heartbeats;
import dev.fireline.incident.IncidentStarter;
import dev.fireline.incident.Severity;
import dev.fireline.incident.WorkflowSettings;
import dev.fireline.postmortem.ActionItems;
import dev.fireline.routing.RoutedAlerts;
import dev.fireline.routing.RoutingStore;
import io.temporal.client.WorkflowClient;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * What starts incidents (the API, alert ingestion, heartbeats), with the settings they start with.
 */
@Configuration(proxyBeanMethods = false)
@Import(SearchAttributes.class)
public class IncidentClients {

  @Bean
  AlertStore alertStore(DataSource dataSource) {
    return new AlertStore(dataSource);
  }

  /**
   * {@code fireline.alerts.default-severity} (SEV3) for alerts without a severity, and per service
   * {@code fireline.alerts.severity-map.<service id>.<source word>: SEVn}.
   */
  @Bean
  SeverityMapping severityMapping(Environment environment) {
    Binder binder = Binder.get(environment);
    Severity fallback =
        binder
            .bind("fireline.alerts.default-severity", String.class)
            .map(
                text ->
                    Severity.parse(text)
                        .orElseThrow(
                            () ->
                                new IllegalArgumentException(
                                    "fireline.alerts.default-severity: must be SEV1..SEV4, not "
                                        + text)))
            .orElse(Severity.SEV3);
    Map<String, Map<String, Severity>> byService = new HashMap<>();
    binder
        .bind("fireline.alerts.severity-map", Bindable.mapOf(String.class, Map.class))
        .orElse(Map.of())
        .forEach(
            (service, words) -> {
              Map<String, Severity> mapped = new HashMap<>();
              ((Map<?, ?>) words)
                  .forEach(
                      (word, level) ->
                          mapped.put(
                              word.toString().toLowerCase(Locale.ROOT),
                              Severity.parse(level.toString())
                                  .orElseThrow(
                                      () ->
                                          new IllegalArgumentException(
                                              "fireline.alerts.severity-map."
                                                  + service
                                                  + "."
                                                  + word
                                                  + ": must be SEV1..SEV4"))));
              byService.put(service, mapped);
            });
    return new SeverityMapping(fallback, byService);
  }

  @Bean
  AlertRouter alertRouter(
      AlertStore store,
      DirectoryStore directory,
      IncidentStarter starter,
      WorkflowClient client,
      SeverityMapping severities) {
    return new AlertRouter(store, directory, starter, client, severities);
  }

  @Bean
  RoutingStore routingStore(DataSource dataSource) {
    return new RoutingStore(dataSource);
  }

  /** Alerts sent with a routing key: routed by the rules, then ingested like the others. */
  @Bean
  RoutedAlerts routedAlerts(RoutingStore store, AlertRouter router, SeverityMapping severities) {
    return new RoutedAlerts(store, router, severities);
  }

  /** The action item store: the API reads and writes it, the worker's reminders read it. */
  @Bean
  ActionItems actionItems(DataSource dataSource) {
    return new ActionItems(dataSource);
  }

  @Bean
  Heartbeats heartbeats(DataSource dataSource) {
    return new Heartbeats(dataSource);
  }

  @Bean
  HeartbeatChecks heartbeatChecks(Heartbeats heartbeats, AlertRouter router) {
    return new HeartbeatChecks(heartbeats, router);
  }

  @Bean
  HeartbeatStarter heartbeatStarter(WorkflowClient client) {
    return new HeartbeatStarter(client);
  }

  /**
   * {@code fireline.temporal.eager-start} (on): where this process also runs a worker (the embedded
   * run), an incident's first workflow task comes back with the start instead of through the task
   * queue.
   */
  @Bean
  IncidentStarter incidentStarter(
      WorkflowClient client,
      SearchAttributes.Support searchAttributes,
      @Value(
              "${fireline.temporal.continue-as-new-after-events:"
                  + WorkflowSettings.DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS
                  + "}")
          int continueAsNewAfter,
      @Value("${fireline.temporal.eager-start:true}") boolean eagerStart) {
    return new IncidentStarter(
        client, new WorkflowSettings(searchAttributes.enabled(), continueAsNewAfter), eagerStart);
  }
}
