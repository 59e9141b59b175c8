package dev.fireline.communicate.statuspage;

import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.ServiceDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The built-in public status page as data: the components of the directory's services with their
 * state, the open incidents and the recently resolved ones, each with its public updates. The JSON
 * of {@code GET /api/status} is this, and {@code GET /status} renders it.
 */
public class StatusPage {
  private final StatusPageStore store;
  private final DirectoryStore directory;
  private final String title;
  private final int historyDays;
  private final Clock clock;

  public StatusPage(
      StatusPageStore store, DirectoryStore directory, String title, int historyDays, Clock clock) {
    this.store = store;
    this.directory = directory;
    this.title = title == null || title.isBlank() ? "Service status" : title.strip();
    this.historyDays = Math.max(0, historyDays);
    this.clock = clock;
  }

  /**
   * @param status the worst component state ({@link ComponentStatus} code)
   * @param history incidents resolved in the last {@code historyDays}, most recently resolved first
   */
  public record View(
      String title,
      String status,
      Instant generatedAt,
      int historyDays,
      List<Component> components,
      List<Incident> incidents,
      List<Incident> history) {}

  public record Component(String name, String status) {}

  /**
   * @param id random, not the Fireline incident number
   * @param updates newest first
   */
  public record Incident(
      String id,
      String name,
      String status,
      List<String> components,
      Instant startedAt,
      Instant resolvedAt,
      List<Update> updates) {}

  public record Update(String status, String message, Instant at) {}

  public View view() {
    Instant now = clock.instant();
    List<StatusPageStore.StoredIncident> open = store.open();
    List<StatusPageStore.StoredIncident> resolved =
        store.resolvedSince(now.minus(Duration.ofDays(historyDays)));
    Map<String, List<StatusPageStore.StoredUpdate>> updates =
        store
            .updates(
                Stream.concat(open.stream(), resolved.stream())
                    .map(StatusPageStore.StoredIncident::incidentKey)
                    .toList())
            .stream()
            .collect(
                Collectors.groupingBy(
                    StatusPageStore.StoredUpdate::incidentKey,
                    LinkedHashMap::new,
                    Collectors.toList()));

    // Every component of the directory's services, and any an open incident is on (its service
    // may have been changed since).
    Map<String, List<ComponentStatus>> states = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (ServiceDefinition service : directory.list(DirectoryStore.Kind.SERVICE)) {
      String component = BuiltInStatusPage.component(service);
      if (component != null) {
        states.computeIfAbsent(component, c -> new ArrayList<>());
      }
    }
    for (StatusPageStore.StoredIncident incident : open) {
      states.computeIfAbsent(incident.component(), c -> new ArrayList<>()).add(incident.impact());
    }
    List<Component> components =
        states.entrySet().stream()
            .map(e -> new Component(e.getKey(), ComponentStatus.worst(e.getValue()).code()))
            .toList();
    ComponentStatus overall =
        ComponentStatus.worst(states.values().stream().flatMap(List::stream).toList());

    return new View(
        title,
        overall.code(),
        now,
        historyDays,
        components,
        open.stream().map(i -> incident(i, updates)).toList(),
        resolved.stream().map(i -> incident(i, updates)).toList());
  }

  private static Incident incident(
      StatusPageStore.StoredIncident stored,
      Map<String, List<StatusPageStore.StoredUpdate>> updates) {
    List<StatusPageStore.StoredUpdate> own = updates.getOrDefault(stored.incidentKey(), List.of());
    IncidentStatus status;
    if (stored.resolvedAt() != null) {
      status = IncidentStatus.RESOLVED;
    } else {
      // the newest update that does not resolve (an open incident is not resolved)
      status =
          own.stream()
              .map(StatusPageStore.StoredUpdate::status)
              .filter(s -> s != IncidentStatus.RESOLVED)
              .findFirst()
              .orElse(IncidentStatus.INVESTIGATING);
    }
    return new Incident(
        stored.publicId(),
        stored.name(),
        status.code(),
        List.of(stored.component()),
        stored.startedAt(),
        stored.resolvedAt(),
        own.stream().map(u -> new Update(u.status().code(), u.message(), u.at())).toList());
  }
}
