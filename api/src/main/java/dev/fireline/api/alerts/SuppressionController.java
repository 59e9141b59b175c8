package dev.fireline.api.alerts;

import dev.fireline.alerts.AlertStore;
import dev.fireline.alerts.Silence;
import dev.fireline.api.problem.ApiProblem;
import dev.fireline.api.security.RequestActor;
import dev.fireline.directory.DirectoryStore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.PatternSyntaxException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Maintenance windows and silences: alerts are recorded, nobody is paged. Those the config file
 * declares are changed there: the API does not delete them.
 */
@RestController
class SuppressionController {
  private final AlertStore store;
  private final DirectoryStore directory;

  SuppressionController(AlertStore store, DirectoryStore directory) {
    this.store = store;
    this.directory = directory;
  }

  record NewMaintenance(
      @NotBlank String service, String start, @NotBlank String end, String reason) {}

  record NewSilence(
      String service,
      List<Silence.Matcher> matchers,
      String start,
      @NotBlank String end,
      String comment) {}

  @PostMapping("/api/maintenance-windows")
  ResponseEntity<AlertStore.MaintenanceWindow> maintenance(
      @Valid @RequestBody NewMaintenance request,
      @RequestAttribute(RequestActor.ACTOR) String actor) {
    knownService(request.service());
    Instant start = request.start() == null ? Instant.now() : instant("start", request.start());
    Instant end = instant("end", request.end());
    if (!end.isAfter(start)) {
      throw ApiProblem.badRequest("end", "must be after start");
    }
    AlertStore.MaintenanceWindow window =
        new AlertStore.MaintenanceWindow(
            "mw-" + UUID.randomUUID().toString().substring(0, 8),
            request.service(),
            start,
            end,
            request.reason(),
            actor);
    store.addMaintenance(window);
    return ResponseEntity.created(URI.create("/api/maintenance-windows/" + window.id()))
        .body(window);
  }

  @GetMapping("/api/maintenance-windows")
  List<AlertStore.MaintenanceWindow> maintenanceWindows() {
    return store.maintenance();
  }

  @DeleteMapping("/api/maintenance-windows/{id}")
  ResponseEntity<Void> endMaintenance(@PathVariable String id) {
    notFileManaged("maintenance window", id, store.maintenanceManagedBy(id));
    if (!store.deleteMaintenance(id)) {
      throw ApiProblem.notFound("No maintenance window " + id);
    }
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/api/silences")
  ResponseEntity<Silence> silence(
      @Valid @RequestBody NewSilence request, @RequestAttribute(RequestActor.ACTOR) String actor) {
    if (request.service() != null) {
      knownService(request.service());
    }
    if (request.matchers() == null || request.matchers().isEmpty()) {
      throw ApiProblem.badRequest(
          "matchers", "at least one matcher {label, op, value} is required");
    }
    List<Silence.Matcher> matchers = new ArrayList<>();
    for (int i = 0; i < request.matchers().size(); i++) {
      Silence.Matcher m = request.matchers().get(i);
      String field = "matchers[" + i + "]";
      if (m == null || m.label() == null || m.label().isBlank() || m.value() == null) {
        throw ApiProblem.badRequest(field, "needs label, op and value");
      }
      String op = m.op() == null ? "=" : m.op();
      if (!Silence.Matcher.OPS.contains(op)) {
        throw ApiProblem.badRequest(field + ".op", "must be one of " + Silence.Matcher.OPS);
      }
      if (op.contains("~")) {
        try {
          java.util.regex.Pattern.compile(m.value());
        } catch (PatternSyntaxException e) {
          throw ApiProblem.badRequest(field + ".value", "is not a valid regular expression");
        }
      }
      matchers.add(new Silence.Matcher(m.label(), op, m.value()));
    }
    Instant start = request.start() == null ? Instant.now() : instant("start", request.start());
    Instant end = instant("end", request.end());
    if (!end.isAfter(start)) {
      throw ApiProblem.badRequest("end", "must be after start");
    }
    Silence silence =
        new Silence(
            "silence-" + UUID.randomUUID().toString().substring(0, 8),
            request.service(),
            matchers,
            start,
            end,
            request.comment());
    store.addSilence(silence, actor);
    return ResponseEntity.created(URI.create("/api/silences/" + silence.id())).body(silence);
  }

  @GetMapping("/api/silences")
  List<Silence> silences() {
    return store.silences();
  }

  @DeleteMapping("/api/silences/{id}")
  ResponseEntity<Void> expire(@PathVariable String id) {
    notFileManaged("silence", id, store.silenceManagedBy(id));
    if (!store.deleteSilence(id)) {
      throw ApiProblem.notFound("No silence " + id);
    }
    return ResponseEntity.noContent().build();
  }

  static void notFileManaged(String kind, String id, java.util.Optional<String> managedBy) {
    if (managedBy.isPresent() && managedBy.get().equals(DirectoryStore.FILE)) {
      throw ApiProblem.conflict(
          kind + " " + id + " is managed by the config file (FIRELINE_CONFIG); change it there");
    }
  }

  private void knownService(String service) {
    if (directory.find(DirectoryStore.Kind.SERVICE, service).isEmpty()) {
      throw ApiProblem.badRequest("service", "unknown service '" + service + "'");
    }
  }

  private static Instant instant(String field, String text) {
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(field, "must be an ISO-8601 instant like 2026-11-22T10:00:00Z");
    }
  }
}
