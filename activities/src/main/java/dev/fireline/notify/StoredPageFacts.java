package dev.fireline.notify;

import dev.fireline.alerts.AlertStore;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.ServiceDefinition;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.incident.IncidentStore;
import java.time.Duration;
import java.util.Optional;

/**
 * A page's facts from PostgreSQL: the alert that opened the incident (its service, link and
 * description, stored at ingestion), else the incident read model (its service and description),
 * and the service's runbook from the directory.
 *
 * <p>The first page of a declared incident usually goes out before the workflow's first save of the
 * read model (both are scheduled by the same workflow task), so when neither the alert nor the read
 * model knows the incident yet, the read model is waited for, briefly: the save is on its way, and
 * a page that says where the runbook is is worth a fraction of a second. An alert's incident never
 * waits: ingestion stored the alert before the workflow started.
 */
public class StoredPageFacts implements PageFacts.Source {
  /** How long the first page of a declared incident waits for the read model, at most. */
  public static final Duration READ_MODEL_WAIT = Duration.ofSeconds(1);

  private static final Duration POLL = Duration.ofMillis(50);

  private final IncidentStore incidents;
  private final DirectoryStore directory;
  private final AlertStore alerts;
  private final Duration readModelWait;

  public StoredPageFacts(
      IncidentStore incidents,
      DirectoryStore directory,
      AlertStore alerts,
      Duration readModelWait) {
    this.incidents = incidents;
    this.directory = directory;
    this.alerts = alerts;
    this.readModelWait = readModelWait;
  }

  @Override
  public PageFacts of(long incidentNumber) {
    Optional<AlertStore.Origin> origin = alerts.origin(incidentNumber);
    // An alert's incident needs nothing of the read model: the alert names the service.
    Optional<IncidentSnapshot> incident =
        origin.isPresent()
            ? Optional.empty()
            : incidents.find(incidentNumber).or(() -> awaitReadModel(incidentNumber));
    Optional<String> service =
        origin.map(AlertStore.Origin::serviceId).or(() -> incident.map(IncidentSnapshot::service));
    String runbook =
        service
            .flatMap(id -> directory.find(DirectoryStore.Kind.SERVICE, id))
            .map(ServiceDefinition::runbookUrl)
            .orElse(null);
    // An alert's incident has a description made for the timeline (details, the link, when it
    // started): the alert's own description is what a person wants on a page.
    String description =
        origin.isPresent()
            ? origin.get().description()
            : incident.map(IncidentSnapshot::description).orElse(null);
    return new PageFacts(description, runbook, origin.map(AlertStore.Origin::link).orElse(null));
  }

  private Optional<IncidentSnapshot> awaitReadModel(long incidentNumber) {
    long deadline = System.nanoTime() + readModelWait.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      Optional<IncidentSnapshot> incident = incidents.find(incidentNumber);
      if (incident.isPresent()) {
        return incident;
      }
    }
    return Optional.empty();
  }
}
