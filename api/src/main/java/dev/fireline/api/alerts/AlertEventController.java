package dev.fireline.api.alerts;

import dev.fireline.alerts.AlertStore;
import dev.fireline.api.problem.ApiProblem;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Every accepted alert event and what became of it (opened, repeated, suppressed, ...). */
@RestController
class AlertEventController {
  private final AlertStore store;

  AlertEventController(AlertStore store) {
    this.store = store;
  }

  /** Counts by outcome, for accounting after a storm: {@code after} is an event id. */
  @GetMapping("/api/alert-events/counts")
  java.util.Map<String, Object> counts(
      @RequestParam(required = false) String service,
      @RequestParam(defaultValue = "0") long after) {
    return java.util.Map.of("lastId", store.lastId(), "outcomes", store.counts(service, after));
  }

  @GetMapping("/api/alert-events")
  List<AlertStore.Stored> recent(
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String outcome,
      @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1_000) {
      throw ApiProblem.badRequest("limit", "must be between 1 and 1000");
    }
    return store.recent(service, outcome, limit);
  }
}
