package dev.fireline.api.incident;

import dev.fireline.api.problem.ApiProblem;
import dev.fireline.api.security.Actor;
import dev.fireline.api.security.RequestActor;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.incident.Commands;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.incident.IncidentSnapshot.Postmortem;
import dev.fireline.incident.IncidentSnapshot.PostmortemStatus;
import dev.fireline.incident.Role;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import dev.fireline.notify.DeliveryLog;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/incidents")
class IncidentController {
  private static final int MAX_LIST = 500;

  private final Incidents incidents;
  private final DeliveryLog deliveryLog;
  private final DirectoryStore directory;
  private final ResponderInput responderInput;

  IncidentController(Incidents incidents, DeliveryLog deliveryLog, DirectoryStore directory) {
    this.incidents = incidents;
    this.deliveryLog = deliveryLog;
    this.directory = directory;
    this.responderInput = new ResponderInput(directory, incidents);
  }

  @PostMapping
  ResponseEntity<IncidentView> declare(
      @Valid @RequestBody IncidentRequests.Declare request,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    Severity severity = parse(Severity.class, "severity", request.severity(), Severity::parse);
    Incidents.Declared declared =
        incidents.declare(
            request.title(),
            request.service(),
            severity,
            request.description(),
            request.dedupKey(),
            actor.id());
    IncidentSnapshot snapshot = declared.snapshot();
    if (!declared.created()) {
      return ResponseEntity.ok(view(snapshot));
    }
    return ResponseEntity.created(URI.create("/api/incidents/" + snapshot.key()))
        .body(view(snapshot));
  }

  @GetMapping("/{id}")
  IncidentView get(@PathVariable String id) {
    return view(incidents.get(id));
  }

  @GetMapping
  List<IncidentSummary> list(
      @RequestParam(required = false) String stage,
      @RequestParam(required = false) String severity,
      @RequestParam(required = false) String service,
      @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > MAX_LIST) {
      throw ApiProblem.badRequest("limit", "must be between 1 and " + MAX_LIST);
    }
    return incidents
        .list(
            stage == null ? null : parse(Stage.class, "stage", stage, EnumInput::stage),
            severity == null ? null : parse(Severity.class, "severity", severity, Severity::parse),
            blankToNull(service),
            limit)
        .stream()
        .map(IncidentSummary::of)
        .toList();
  }

  @PostMapping("/{id}/acknowledge")
  IncidentView acknowledge(
      @PathVariable String id,
      @Valid @RequestBody(required = false) IncidentRequests.Acknowledge request,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    String by = by(actor, request == null ? null : request.by());
    return view(incidents.update(id, w -> w.acknowledge(new Commands.Acknowledge(by))));
  }

  @PostMapping("/{id}/resolve")
  IncidentView resolve(
      @PathVariable String id,
      @Valid @RequestBody(required = false) IncidentRequests.Resolve request,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    String by = by(actor, request == null ? null : request.by());
    String summary = request == null ? null : blankToNull(request.summary());
    Boolean postmortem = request == null ? null : request.postmortem();
    return view(
        incidents.update(id, w -> w.resolve(new Commands.Resolve(by, summary, postmortem))));
  }

  /** Pages the next escalation level now instead of waiting for its delay. */
  @PostMapping("/{id}/escalate")
  IncidentView escalateNow(
      @PathVariable String id,
      @Valid @RequestBody(required = false) IncidentRequests.Acknowledge request,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    String by = by(actor, request == null ? null : request.by());
    return view(incidents.update(id, w -> w.escalateNow(new Commands.EscalateNow(by))));
  }

  @PostMapping("/{id}/status-updates")
  IncidentView postStatusUpdate(
      @PathVariable String id,
      @Valid @RequestBody IncidentRequests.StatusUpdate request,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    Stage status = parse(Stage.class, "status", request.status(), EnumInput::statusUpdateStage);
    Commands.PostStatusUpdate command =
        new Commands.PostStatusUpdate(
            status,
            request.message().trim(),
            Boolean.TRUE.equals(request.publicUpdate()),
            by(actor, request.by()));
    return view(incidents.update(id, w -> w.postStatusUpdate(command)));
  }

  @PostMapping("/{id}/severity")
  IncidentView changeSeverity(
      @PathVariable String id,
      @Valid @RequestBody IncidentRequests.SeverityChange request,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    Severity severity = parse(Severity.class, "severity", request.severity(), Severity::parse);
    Commands.ChangeSeverity command =
        new Commands.ChangeSeverity(severity, by(actor, request.by()));
    return view(incidents.update(id, w -> w.changeSeverity(command)));
  }

  @PostMapping("/{id}/roles")
  IncidentView assignRole(
      @PathVariable String id,
      @Valid @RequestBody IncidentRequests.RoleAssignment request,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    Role role = parse(Role.class, "role", request.role(), EnumInput::role);
    Commands.AssignRole command =
        new Commands.AssignRole(role, request.person().trim(), by(actor, request.by()));
    return view(incidents.update(id, w -> w.assignRole(command)));
  }

  /** An acknowledged incident rests for a while, then pages again from its first level. */
  @PostMapping("/{id}/snooze")
  IncidentView snooze(
      @PathVariable String id,
      @Valid @RequestBody IncidentRequests.Snooze request,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    Duration duration = ResponderInput.duration(request.duration());
    Commands.Snooze command = new Commands.Snooze(by(actor, request.by()), duration);
    return view(incidents.update(id, w -> w.snooze(command)));
  }

  /** Escalation starts over with someone else: a person, a schedule, a team or a policy. */
  @PostMapping("/{id}/reassign")
  IncidentView reassign(
      @PathVariable String id,
      @Valid @RequestBody IncidentRequests.Reassign request,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    String to = responderInput.target(request.to());
    Commands.Reassign command = new Commands.Reassign(by(actor, request.by()), to);
    return view(incidents.update(id, w -> w.reassign(command)));
  }

  /** Pages more people now, besides the escalation. */
  @PostMapping("/{id}/responders")
  IncidentView addResponders(
      @PathVariable String id,
      @Valid @RequestBody IncidentRequests.Responders request,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    List<String> people = responderInput.people(request.people());
    Commands.AddResponders command =
        new Commands.AddResponders(by(actor, request.by()), people, blankToNull(request.message()));
    return view(incidents.update(id, w -> w.addResponders(command)));
  }

  /**
   * This incident closes into another: its alerts (their dedup keys now find the other), its pages
   * and its timeline go there. Answers once the merge is done.
   */
  @PostMapping("/{id}/merge")
  IncidentView merge(
      @PathVariable String id,
      @Valid @RequestBody IncidentRequests.Merge request,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    String into = responderInput.mergeTarget(id, request.into());
    Commands.MergeInto command = new Commands.MergeInto(by(actor, request.by()), into);
    return view(incidents.update(id, w -> w.mergeInto(command)));
  }

  /** A note on the timeline (what the war room's pushpin does, from a script or the console). */
  @PostMapping("/{id}/notes")
  IncidentView addNote(
      @PathVariable String id,
      @Valid @RequestBody IncidentRequests.Note request,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    Commands.AddNote command =
        new Commands.AddNote(by(actor, request.by()), request.text().strip(), null);
    return view(incidents.update(id, w -> w.addNote(command)));
  }

  @GetMapping("/{id}/postmortem")
  Postmortem postmortem(@PathVariable String id) {
    IncidentSnapshot snapshot = incidents.get(id);
    if (snapshot.postmortem() == null) {
      throw ApiProblem.notFound(
          snapshot.key()
              + " has no postmortem"
              + (snapshot.stage().isOpen() ? " yet: it starts when the incident is resolved" : ""));
    }
    return snapshot.postmortem();
  }

  @PutMapping("/{id}/postmortem")
  Postmortem editPostmortem(
      @PathVariable String id,
      @Valid @RequestBody IncidentRequests.PostmortemEdit request,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    PostmortemStatus status =
        request.status() == null
            ? null
            : parse(PostmortemStatus.class, "status", request.status(), EnumInput::editableStatus);
    Commands.EditPostmortem command =
        new Commands.EditPostmortem(request.content(), status, by(actor, request.by()));
    return incidents.update(id, w -> w.editPostmortem(command)).postmortem();
  }

  @PostMapping("/{id}/postmortem/publish")
  Postmortem publishPostmortem(
      @PathVariable String id,
      @Valid @RequestBody(required = false) IncidentRequests.PostmortemPublish request,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    Commands.PublishPostmortem command =
        new Commands.PublishPostmortem(by(actor, request == null ? null : request.by()));
    return incidents.update(id, w -> w.publishPostmortem(command)).postmortem();
  }

  /** The caller, or the directory person an on-behalf key names in {@code "by"}. */
  private String by(Actor actor, String requested) {
    String by = actor.by(requested);
    if (!by.equals(actor.id())
        && directory.find(DirectoryStore.Kind.PERSON, requested.trim()).isEmpty()) {
      throw ApiProblem.badRequest("by", "no person '" + requested.trim() + "' in the directory");
    }
    return by;
  }

  private IncidentView view(IncidentSnapshot snapshot) {
    return new IncidentView(snapshot, deliveryLog.list(snapshot.number(), 1_000));
  }

  private static <E extends Enum<E>> E parse(
      Class<E> type,
      String field,
      String text,
      java.util.function.Function<String, Optional<E>> parser) {
    return parser
        .apply(text)
        .orElseThrow(
            () ->
                ApiProblem.badRequest(
                    field,
                    "must be one of "
                        + Arrays.stream(type.getEnumConstants())
                            .filter(e -> parser.apply(e.name()).isPresent())
                            .map(e -> e.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", "))));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
