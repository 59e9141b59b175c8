package dev.fireline.alerts;

import dev.fireline.alerts.AlertStore.Opened;
import dev.fireline.alerts.AlertStore.Repeated;
import dev.fireline.alerts.AlertStore.Routing;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.ServiceDefinition;
import dev.fireline.incident.Commands;
import dev.fireline.incident.IncidentDeclaration;
import dev.fireline.incident.IncidentKeys;
import dev.fireline.incident.IncidentStarter;
import dev.fireline.incident.IncidentWorkflow;
import dev.fireline.incident.Severity;
import dev.fireline.policy.Urgency;
import dev.fireline.temporal.CallDeadline;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an accepted alert event into incident work: it is stored and routed first (so nothing
 * accepted is lost), then the incident's workflow is started, told of a repeat, resolved at the
 * source or acknowledged. A workflow call that fails is not the caller's problem: a start is
 * retried by {@link #startUnstarted}, what the workflow is to be told waits in {@code
 * alert_signals} for {@link #deliverWaitingSignals}.
 */
public class AlertRouter {
  private static final Logger log = LoggerFactory.getLogger(AlertRouter.class);
  private static final int TITLE_LIMIT = 200;

  /** How long ingestion waits for Temporal before leaving the rest to the sweeper. */
  private static final Duration CALL_WAIT = Duration.ofSeconds(2);

  private final AlertStore store;
  private final DirectoryStore directory;
  private final IncidentStarter starter;
  private final WorkflowClient client;
  private final SeverityMapping severities;

  public AlertRouter(
      AlertStore store,
      DirectoryStore directory,
      IncidentStarter starter,
      WorkflowClient client,
      SeverityMapping severities) {
    this.store = store;
    this.directory = directory;
    this.starter = starter;
    this.client = client;
    this.severities = severities;
  }

  /**
   * @param incidentKey the incident the event went to; null when none
   */
  public record Result(String dedupKey, String outcome, String incidentKey, String detail) {}

  public Result accept(String serviceId, String format, AlertEvent event) {
    return accept(serviceId, format, event, false);
  }

  /**
   * @param resolveAlways a resolve event resolves the incident whatever the service allows
   */
  public Result accept(String serviceId, String format, AlertEvent event, boolean resolveAlways) {
    return accept(serviceId, format, event, resolveAlways, null, RouteOptions.NONE);
  }

  /**
   * An alert a routing rule routed.
   *
   * @param serviceId null only when the rule suppresses the alert without naming a service
   * @param severity the rule's; null: mapped from the alert's own, as for an integration key
   */
  public Result accept(
      String serviceId, String format, AlertEvent event, Severity severity, RouteOptions options) {
    return accept(serviceId, format, event, false, severity, options);
  }

  private Result accept(
      String serviceId,
      String format,
      AlertEvent event,
      boolean resolveAlways,
      Severity ruleSeverity,
      RouteOptions options) {
    String dedupKey = event.dedupKey() != null ? event.dedupKey() : UUID.randomUUID().toString();
    Severity severity =
        ruleSeverity != null
            ? ruleSeverity
            : severities.severity(serviceId == null ? "" : serviceId, event.severityLabel());
    String source = event.source() == null || event.source().isBlank() ? format : event.source();
    AlertStore.Intake intake =
        new AlertStore.Intake(
            serviceId,
            format,
            event,
            dedupKey,
            severity,
            title(event),
            description(event),
            truncate(source, 100),
            options);
    boolean autoResolve =
        event.action() == AlertEvent.Action.RESOLVE
            && (resolveAlways
                || serviceId != null
                    && directory
                        .find(DirectoryStore.Kind.SERVICE, serviceId)
                        .map(ServiceDefinition::autoResolve)
                        .orElse(false));
    Routing routing = store.route(intake, autoResolve);
    Long incident = AlertStore.incidentOf(routing);
    String detail = "";
    try {
      if (routing instanceof Opened opened) {
        start(opened.incidentNumber(), intake);
      } else if (routing instanceof Repeated repeated) {
        detail = repeated.occurrences() + " occurrences";
        if (!repeated.started()) {
          start(repeated.incidentNumber(), intake);
        }
      } else if (routing instanceof AlertStore.Attached attached) {
        detail = "related to " + IncidentKeys.key(attached.incidentNumber());
      } else if (routing instanceof AlertStore.Suppressed suppressed) {
        detail = suppressed.why();
      } else if (routing instanceof AlertStore.Ignored ignored) {
        detail = ignored.why();
      }
    } catch (RuntimeException e) {
      // Stored and routed already: the sweeper starts it.
      log.warn(
          "Alert for {} stored, but its incident could not be started yet: {}",
          IncidentKeys.key(incident),
          e.getMessage());
    }
    if (AlertStore.signalKind(routing) != null) {
      deliverSignals(incident);
    }
    return new Result(
        dedupKey,
        AlertStore.outcome(routing),
        incident == null ? null : IncidentKeys.key(incident),
        detail);
  }

  /** Starts the incidents whose start did not go through (Temporal was away, a process died). */
  public int startUnstarted(Instant openedBefore) {
    int started = 0;
    for (AlertStore.Unstarted u : store.unstarted(openedBefore)) {
      try {
        CallDeadline.run(
            CALL_WAIT,
            () ->
                starter.start(
                    new IncidentDeclaration(
                        u.incidentNumber(),
                        u.title(),
                        u.serviceId(),
                        u.severity(),
                        u.description(),
                        u.dedupKey(),
                        u.declaredBy(),
                        Urgency.parse(u.urgency()).orElse(null))));
        store.markStarted(u.incidentNumber());
        started++;
      } catch (RuntimeException e) {
        log.warn("{} still not started: {}", IncidentKeys.key(u.incidentNumber()), e.getMessage());
      }
    }
    return started;
  }

  /** Sends the signals waiting since before {@code olderThan} (Temporal was away). */
  public int deliverWaitingSignals(Instant olderThan) {
    int sent = 0;
    for (long incident : store.incidentsWithWaitingSignals(olderThan)) {
      sent += deliverSignals(incident);
    }
    return sent;
  }

  private void start(long number, AlertStore.Intake intake) {
    // The alert is stored: a start that cannot be made at once is the sweeper's.
    CallDeadline.run(
        CALL_WAIT,
        () ->
            starter.start(
                new IncidentDeclaration(
                    number,
                    intake.title(),
                    intake.serviceId(),
                    intake.severity(),
                    intake.description(),
                    intake.dedupKey(),
                    intake.declaredBy(),
                    Urgency.parse(intake.options().urgency()).orElse(null))));
    store.markStarted(number);
  }

  /** Tells the workflow what alerts said; what cannot be said now the sweeper says later. */
  private int deliverSignals(long incident) {
    return store.deliverSignals(
        incident,
        signal -> {
          try {
            CallDeadline.run(CALL_WAIT, () -> send(signal));
            return true;
          } catch (WorkflowNotFoundException notRunning) {
            return !store.awaitingStart(incident); // not started yet: after its start; else closed
          } catch (WorkflowUpdateException refused) {
            return true; // the workflow answered (acknowledged before): done
          } catch (RuntimeException e) {
            log.warn(
                "{} of {} not delivered yet: {}",
                signal.kind(),
                IncidentKeys.key(incident),
                e.getMessage());
            return false;
          }
        });
  }

  private void send(AlertStore.Signal signal) {
    IncidentWorkflow workflow = workflow(signal.incidentNumber());
    switch (signal.kind()) {
      case "fired" ->
          workflow.alertFired(
              new Commands.AlertEvent(signal.source(), signal.summary(), signal.at(), false));
      case "resolved" ->
          workflow.alertResolved(
              new Commands.AlertEvent(
                  signal.source(),
                  signal.summary() == null ? "resolved" : signal.summary(),
                  signal.at(),
                  signal.autoResolve()));
      case "acknowledged" -> workflow.acknowledge(new Commands.Acknowledge(signal.source()));
      default -> throw new IllegalStateException("unknown signal " + signal.kind());
    }
  }

  private IncidentWorkflow workflow(long number) {
    return client.newWorkflowStub(IncidentWorkflow.class, IncidentKeys.key(number));
  }

  private static String title(AlertEvent event) {
    String summary =
        event.summary() == null || event.summary().isBlank()
            ? "Alert from " + event.source()
            : event.summary();
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
      text.append(text.length() > 0 ? "\n" : "")
          .append("Started at the source: ")
          .append(event.startedAt());
    }
    return text.length() == 0 ? null : truncate(text.toString(), 10_000);
  }

  private static String truncate(String text, int limit) {
    return text == null || text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
  }
}
