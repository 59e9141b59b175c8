package dev.fireline.alerts;

import dev.fireline.alerts.AlertStore.Acknowledged;
import dev.fireline.alerts.AlertStore.Opened;
import dev.fireline.alerts.AlertStore.Repeated;
import dev.fireline.alerts.AlertStore.Resolved;
import dev.fireline.alerts.AlertStore.Routing;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.ServiceDefinition;
import dev.fireline.incident.Commands;
import dev.fireline.incident.IncidentDeclaration;
import dev.fireline.incident.IncidentKeys;
import dev.fireline.incident.IncidentStarter;
import dev.fireline.incident.IncidentWorkflow;
import dev.fireline.incident.Severity;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an accepted alert event into incident work: it is stored and routed first (so nothing
 * accepted is lost), then the incident's workflow is started, told of a repeat, resolved at the
 * source or acknowledged. A workflow call that fails is not the caller's problem: a start is retried
 * by {@link #startUnstarted}, a repeat is already counted.
 */
public class AlertRouter {
  private static final Logger log = LoggerFactory.getLogger(AlertRouter.class);
  private static final int TITLE_LIMIT = 200;

  private final AlertStore store;
  private final DirectoryStore directory;
  private final IncidentStarter starter;
  private final WorkflowClient client;
  private final SeverityMapping severities;

  public AlertRouter(AlertStore store, DirectoryStore directory, IncidentStarter starter,
      WorkflowClient client, SeverityMapping severities) {
    this.store = store;
    this.directory = directory;
    this.starter = starter;
    this.client = client;
    this.severities = severities;
  }

  /** @param incidentKey the incident the event went to; null when none */
  public record Result(String dedupKey, String outcome, String incidentKey, String detail) {}

  public Result accept(String serviceId, String format, AlertEvent event) {
    return accept(serviceId, format, event, false);
  }

  /** @param resolveAlways a resolve event resolves the incident whatever the service allows */
  public Result accept(String serviceId, String format, AlertEvent event, boolean resolveAlways) {
    String dedupKey = event.dedupKey() != null ? event.dedupKey() : UUID.randomUUID().toString();
    Severity severity = severities.severity(serviceId, event.severityLabel());
    String source = event.source() == null || event.source().isBlank() ? format : event.source();
    AlertStore.Intake intake = new AlertStore.Intake(serviceId, format, event, dedupKey, severity,
        title(event), description(event), truncate(source, 100));
    Routing routing = store.route(intake);
    Long incident = AlertStore.incidentOf(routing);
    String detail = "";
    try {
      if (routing instanceof Opened opened) {
        start(opened.incidentNumber(), intake);
      } else if (routing instanceof Repeated repeated) {
        detail = repeated.occurrences() + " occurrences";
        if (!repeated.started()) {
          start(repeated.incidentNumber(), intake);
        } else if (repeated.signal()) {
          workflow(repeated.incidentNumber()).alertFired(
              new Commands.AlertEvent(source, event.summary(), Instant.now(), false));
        }
      } else if (routing instanceof Resolved resolved) {
        boolean autoResolve = resolveAlways || directory.find(DirectoryStore.Kind.SERVICE, serviceId)
            .map(ServiceDefinition::autoResolve).orElse(false);
        workflow(resolved.incidentNumber()).alertResolved(
            new Commands.AlertEvent(source, event.summary() == null ? "resolved" : event.summary(),
                Instant.now(), autoResolve));
      } else if (routing instanceof Acknowledged acknowledged) {
        workflow(acknowledged.incidentNumber()).acknowledge(new Commands.Acknowledge(source));
      } else if (routing instanceof AlertStore.Suppressed suppressed) {
        detail = suppressed.why();
      } else if (routing instanceof AlertStore.Ignored ignored) {
        detail = ignored.why();
      }
    } catch (RuntimeException e) {
      // Stored and routed already: a start is retried by the sweeper, the rest is best effort.
      log.warn("Alert for {} stored, but the incident workflow call failed: {}",
          incident == null ? "no incident" : IncidentKeys.key(incident), e.getMessage());
    }
    return new Result(dedupKey, AlertStore.outcome(routing),
        incident == null ? null : IncidentKeys.key(incident), detail);
  }

  /** Starts the incidents whose start did not go through (Temporal was away, a process died). */
  public int startUnstarted(Instant openedBefore) {
    int started = 0;
    for (AlertStore.Unstarted u : store.unstarted(openedBefore)) {
      try {
        starter.start(new IncidentDeclaration(u.incidentNumber(), u.title(), u.serviceId(),
            u.severity(), u.description(), u.dedupKey(), u.declaredBy()));
        store.markStarted(u.incidentNumber());
        started++;
      } catch (RuntimeException e) {
        log.warn("{} still not started: {}", IncidentKeys.key(u.incidentNumber()), e.getMessage());
      }
    }
    return started;
  }

  private void start(long number, AlertStore.Intake intake) {
    starter.start(new IncidentDeclaration(number, intake.title(), intake.serviceId(),
        intake.severity(), intake.description(), intake.dedupKey(), intake.declaredBy()));
    store.markStarted(number);
  }

  private IncidentWorkflow workflow(long number) {
    return client.newWorkflowStub(IncidentWorkflow.class, IncidentKeys.key(number));
  }

  private static String title(AlertEvent event) {
    String summary = event.summary() == null || event.summary().isBlank()
        ? "Alert from " + event.source() : event.summary();
    return truncate(summary, TITLE_LIMIT);
  }

  private static String description(AlertEvent event) {
    StringBuilder text = new StringBuilder();
    if (event.details() != null && !event.details().isBlank()) {
      text.append(event.details());
    }
    if (event.link() != null) {
      text.append(text.length() > 0 ? "\n" : "").append(event.link());
    }
    if (event.startedAt() != null) {
      text.append(text.length() > 0 ? "\n" : "").append("Started at the source: ")
          .append(event.startedAt());
    }
    return text.length() == 0 ? null : truncate(text.toString(), 10_000);
  }

  private static String truncate(String text, int limit) {
    return text == null || text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
  }
}
