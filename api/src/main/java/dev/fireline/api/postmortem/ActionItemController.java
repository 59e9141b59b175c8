package dev.fireline.api.postmortem;

import dev.fireline.api.incident.Incidents;
import dev.fireline.api.problem.ApiProblem;
import dev.fireline.api.security.RequestActor;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.incident.IncidentKeys;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.postmortem.ActionItems;
import dev.fireline.postmortem.ActionItems.ActionItem;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Postmortem action items: added to an incident, changed one by one, listed across incidents (open,
 * overdue, by owner or service). Owners are people of the directory.
 */
@RestController
class ActionItemController {
  private static final int MAX_LIST = 1_000;

  private final ActionItems items;
  private final Incidents incidents;
  private final DirectoryStore directory;
  private final Clock clock = Clock.systemUTC();

  ActionItemController(ActionItems items, Incidents incidents, DirectoryStore directory) {
    this.items = items;
    this.incidents = incidents;
    this.directory = directory;
  }

  @PostMapping("/api/incidents/{id}/action-items")
  ResponseEntity<ActionItemView> create(
      @PathVariable String id,
      @Valid @RequestBody ActionItemRequests.Create request,
      @RequestAttribute(RequestActor.ACTOR) String actor) {
    String title = request.title().trim();
    String owner = person(request.owner());
    String priority =
        request.priority() == null ? ActionItems.DEFAULT_PRIORITY : priority(request.priority());
    IncidentSnapshot incident = incidents.get(id);
    ActionItem item =
        items.create(
            incident.number(), incident.service(), title, owner, request.due(), priority, actor);
    return ResponseEntity.created(URI.create("/api/action-items/" + item.id()))
        .body(ActionItemView.of(item, today()));
  }

  @GetMapping("/api/incidents/{id}/action-items")
  List<ActionItemView> forIncident(@PathVariable String id) {
    IncidentSnapshot incident = incidents.get(id);
    LocalDate today = today();
    return items.forIncident(incident.number()).stream()
        .map(item -> ActionItemView.of(item, today))
        .toList();
  }

  @GetMapping("/api/action-items/{itemId}")
  ActionItemView get(@PathVariable String itemId) {
    return ActionItemView.of(
        items
            .find(itemId(itemId))
            .orElseThrow(() -> ApiProblem.notFound("No action item " + itemId)),
        today());
  }

  @PatchMapping("/api/action-items/{itemId}")
  ActionItemView patch(
      @PathVariable String itemId, @Valid @RequestBody ActionItemRequests.Patch request) {
    long number = itemId(itemId);
    if (request.title() != null && request.title().isBlank()) {
      throw ApiProblem.badRequest("title", "must not be blank");
    }
    ActionItems.Change change =
        new ActionItems.Change(
            request.title() == null ? null : request.title().trim(),
            request.owner() == null ? null : person(request.owner()),
            request.due(),
            request.priority() == null ? null : priority(request.priority()),
            request.status() == null ? null : status(request.status()));
    return ActionItemView.of(
        items
            .update(number, change)
            .orElseThrow(() -> ApiProblem.notFound("No action item " + itemId)),
        today());
  }

  /**
   * Across incidents. {@code status}: one or more of open, in_progress, done, wont_do (comma
   * separated); {@code overdue=true}: due before today (UTC) and not finished.
   */
  @GetMapping("/api/action-items")
  List<ActionItemView> list(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) Boolean overdue,
      @RequestParam(required = false) String owner,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String incident,
      @RequestParam(defaultValue = "200") int limit) {
    if (limit < 1 || limit > MAX_LIST) {
      throw ApiProblem.badRequest("limit", "must be between 1 and " + MAX_LIST);
    }
    List<String> statuses = new ArrayList<>();
    if (status != null && !status.isBlank()) {
      for (String one : status.split(",")) {
        statuses.add(status(one));
      }
    }
    Long incidentNumber = null;
    if (incident != null && !incident.isBlank()) {
      incidentNumber =
          IncidentKeys.parse(incident).stream()
              .boxed()
              .findFirst()
              .orElseThrow(
                  () ->
                      ApiProblem.badRequest("incident", "must be an incident key such as INC-42"));
    }
    LocalDate today = today();
    return items
        .list(
            new ActionItems.Filter(
                statuses,
                overdue,
                blankToNull(owner),
                blankToNull(service),
                incidentNumber,
                today,
                limit))
        .stream()
        .map(item -> ActionItemView.of(item, today))
        .toList();
  }

  private LocalDate today() {
    return LocalDate.now(clock);
  }

  private String person(String id) {
    String trimmed = id.trim();
    if (trimmed.isEmpty()) {
      throw ApiProblem.badRequest("owner", "must not be blank");
    }
    if (directory.find(DirectoryStore.Kind.PERSON, trimmed).isEmpty()) {
      throw ApiProblem.badRequest("owner", "no person '" + trimmed + "' in the directory");
    }
    return trimmed;
  }

  private static String priority(String text) {
    return ActionItems.parsePriority(text)
        .orElseThrow(
            () ->
                ApiProblem.badRequest(
                    "priority", "must be one of " + String.join(", ", ActionItems.PRIORITIES)));
  }

  private static String status(String text) {
    return ActionItems.parseStatus(text)
        .orElseThrow(
            () ->
                ApiProblem.badRequest(
                    "status", "must be one of " + String.join(", ", ActionItems.STATUSES)));
  }

  private static long itemId(String text) {
    if (text == null || !text.trim().matches("[0-9]{1,18}")) {
      throw ApiProblem.notFound("No action item " + text);
    }
    return Long.parseLong(text.trim());
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
