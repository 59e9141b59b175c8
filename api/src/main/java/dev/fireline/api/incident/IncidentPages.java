package dev.fireline.api.incident;

import dev.fireline.api.console.ConsoleEvents;
import dev.fireline.api.problem.ApiProblem;
import dev.fireline.api.security.Actor;
import dev.fireline.api.security.RequestActor;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.incident.Commands;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.incident.IncidentStore;
import dev.fireline.incident.IncidentWorkflow;
import dev.fireline.incident.Role;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import dev.fireline.notify.DeliveryLog;
import dev.fireline.policy.Durations;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's incident pages: the list (open ones first, filters) and one incident with its
 * buttons. Every button is a plain form post (works without script) that sends the same Update as
 * the REST API, as the signed-in person, then shows the incident again with what happened.
 */
@Controller
class IncidentPages {
  private static final int LIST = 200;
  private final Incidents incidents;
  private final IncidentStore store;
  private final DeliveryLog deliveryLog;
  private final ConsoleEvents events;

  private final ResponderInput responderInput;

  IncidentPages(
      Incidents incidents,
      IncidentStore store,
      DeliveryLog deliveryLog,
      ConsoleEvents events,
      DirectoryStore directory) {
    this.incidents = incidents;
    this.store = store;
    this.deliveryLog = deliveryLog;
    this.events = events;
    this.responderInput = new ResponderInput(directory, incidents);
  }

  /** What the list's filter form holds; blank fields do not filter. */
  record Filter(String service, String severity, String stage, boolean mine) {}

  @GetMapping("/console")
  String list(
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor,
      Model model,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String severity,
      @RequestParam(required = false) String stage,
      @RequestParam(defaultValue = "false") boolean mine) {
    Severity severityFilter = blank(severity) ? null : Severity.parse(severity).orElse(null);
    Stage stageFilter = blank(stage) ? null : EnumInput.stage(stage).orElse(null);
    String since = events.since(); // before reading: a change in between reloads the page once
    List<IncidentSnapshot> found =
        store
            .list(stageFilter, severityFilter, blank(service) ? null : service.trim(), LIST)
            .stream()
            .filter(i -> !mine || involves(i, actor))
            .sorted(
                Comparator.comparing((IncidentSnapshot i) -> !i.stage().isOpen())
                    .thenComparing(IncidentSnapshot::number, Comparator.reverseOrder()))
            .toList();
    model.addAttribute("actor", actor);
    model.addAttribute("incidents", found);
    model.addAttribute("since", since);
    model.addAttribute("filter", new Filter(service, severity, stage, mine));
    model.addAttribute("severities", Severity.values());
    model.addAttribute("stages", Stage.values());
    return "console/incidents";
  }

  @GetMapping("/console/incidents/{id}")
  String incident(
      @PathVariable String id,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor,
      Model model) {
    String since = events.since();
    IncidentSnapshot incident = incidents.get(id);
    model.addAttribute("since", since);
    model.addAttribute("actor", actor);
    model.addAttribute("canAct", actor.may(dev.fireline.security.Role.RESPONDER));
    model.addAttribute("incident", incident);
    model.addAttribute("pages", deliveryLog.list(incident.number(), 1_000));
    List<IncidentSnapshot.TimelineEvent> newestFirst =
        new java.util.ArrayList<>(incident.timeline());
    java.util.Collections.reverse(newestFirst);
    model.addAttribute("timeline", newestFirst);
    model.addAttribute("severities", Severity.values());
    model.addAttribute("roles", Role.values());
    model.addAttribute("statusStages", Stage.STATUS_UPDATE_STAGES);
    return "console/incident";
  }

  @PostMapping("/console/incidents/{id}/acknowledge")
  String acknowledge(
      @PathVariable String id,
      @RequestAttribute(RequestActor.ACTOR) String by,
      RedirectAttributes flash) {
    return act(
        id,
        flash,
        "Acknowledged: escalation stopped.",
        w -> w.acknowledge(new Commands.Acknowledge(by)));
  }

  @PostMapping("/console/incidents/{id}/escalate")
  String escalate(
      @PathVariable String id,
      @RequestAttribute(RequestActor.ACTOR) String by,
      RedirectAttributes flash) {
    return act(
        id,
        flash,
        "Escalated: the next level is paged now.",
        w -> w.escalateNow(new Commands.EscalateNow(by)));
  }

  @PostMapping("/console/incidents/{id}/resolve")
  String resolve(
      @PathVariable String id,
      @RequestAttribute(RequestActor.ACTOR) String by,
      @RequestParam(required = false) String summary,
      RedirectAttributes flash) {
    return act(
        id,
        flash,
        "Resolved.",
        w -> w.resolve(new Commands.Resolve(by, blank(summary) ? null : summary.trim(), null)));
  }

  @PostMapping("/console/incidents/{id}/severity")
  String severity(
      @PathVariable String id,
      @RequestAttribute(RequestActor.ACTOR) String by,
      @RequestParam String severity,
      RedirectAttributes flash) {
    Severity parsed =
        Severity.parse(severity)
            .orElseThrow(() -> ApiProblem.badRequest("severity", "must be SEV1 to SEV4"));
    return act(
        id,
        flash,
        "Severity is " + parsed + ".",
        w -> w.changeSeverity(new Commands.ChangeSeverity(parsed, by)));
  }

  @PostMapping("/console/incidents/{id}/roles")
  String role(
      @PathVariable String id,
      @RequestAttribute(RequestActor.ACTOR) String by,
      @RequestParam String role,
      @RequestParam String person,
      RedirectAttributes flash) {
    Role parsed =
        EnumInput.role(role)
            .orElseThrow(
                () -> ApiProblem.badRequest("role", "must be commander, scribe, comms or sme"));
    if (blank(person)) {
      throw ApiProblem.badRequest("person", "must name a person");
    }
    return act(
        id,
        flash,
        person.trim() + " is " + parsed.name().toLowerCase(Locale.ROOT) + ".",
        w -> w.assignRole(new Commands.AssignRole(parsed, person.trim(), by)));
  }

  @PostMapping("/console/incidents/{id}/status-updates")
  String statusUpdate(
      @PathVariable String id,
      @RequestAttribute(RequestActor.ACTOR) String by,
      @RequestParam String status,
      @RequestParam String message,
      @RequestParam(name = "public", defaultValue = "false") boolean publicUpdate,
      RedirectAttributes flash) {
    Stage stage =
        EnumInput.statusUpdateStage(status)
            .orElseThrow(
                () ->
                    ApiProblem.badRequest(
                        "status", "must be investigating, identified or monitoring"));
    if (blank(message)) {
      throw ApiProblem.badRequest("message", "must not be empty");
    }
    return act(
        id,
        flash,
        publicUpdate ? "Status update posted, also on the status page." : "Status update posted.",
        w ->
            w.postStatusUpdate(
                new Commands.PostStatusUpdate(stage, message.trim(), publicUpdate, by)));
  }

  @PostMapping("/console/incidents/{id}/snooze")
  String snooze(
      @PathVariable String id,
      @RequestAttribute(RequestActor.ACTOR) String by,
      @RequestParam String duration,
      RedirectAttributes flash) {
    return checked(
        id,
        flash,
        () -> {
          Duration parsed = ResponderInput.duration(duration);
          return act(
              id,
              flash,
              "Snoozed: it pages again in " + Durations.human(parsed) + ".",
              w -> w.snooze(new Commands.Snooze(by, parsed)));
        });
  }

  @PostMapping("/console/incidents/{id}/reassign")
  String reassign(
      @PathVariable String id,
      @RequestAttribute(RequestActor.ACTOR) String by,
      @RequestParam String to,
      RedirectAttributes flash) {
    return checked(
        id,
        flash,
        () -> {
          String target = responderInput.target(to);
          return act(
              id,
              flash,
              "Reassigned to " + target + ": escalation starts over there.",
              w -> w.reassign(new Commands.Reassign(by, target)));
        });
  }

  @PostMapping("/console/incidents/{id}/responders")
  String addResponder(
      @PathVariable String id,
      @RequestAttribute(RequestActor.ACTOR) String by,
      @RequestParam String person,
      @RequestParam(required = false) String message,
      RedirectAttributes flash) {
    return checked(
        id,
        flash,
        () -> {
          List<String> people = responderInput.people(List.of(person));
          return act(
              id,
              flash,
              person.trim() + " is paged as a responder.",
              w ->
                  w.addResponders(
                      new Commands.AddResponders(
                          by, people, blank(message) ? null : message.trim())));
        });
  }

  @PostMapping("/console/incidents/{id}/merge")
  String merge(
      @PathVariable String id,
      @RequestAttribute(RequestActor.ACTOR) String by,
      @RequestParam String into,
      RedirectAttributes flash) {
    return checked(
        id,
        flash,
        () -> {
          String target = responderInput.mergeTarget(id, into);
          return act(
              id,
              flash,
              "Merged into " + target + ".",
              w -> w.mergeInto(new Commands.MergeInto(by, target)));
        });
  }

  /** Bad input (an unknown person, a duration that is none) is shown on the page, not thrown. */
  private String checked(String id, RedirectAttributes flash, Supplier<String> action) {
    try {
      return action.get();
    } catch (ApiProblem refused) {
      if (refused.status().value() != 400) {
        throw refused;
      }
      flash.addFlashAttribute("problem", refused.getMessage());
      return "redirect:/console/incidents/" + id;
    }
  }

  /** Sends the Update; a refusal (409: already resolved, ...) is shown on the page, not thrown. */
  private String act(
      String id,
      RedirectAttributes flash,
      String done,
      Function<IncidentWorkflow, IncidentSnapshot> update) {
    try {
      IncidentSnapshot after = incidents.update(id, update);
      flash.addFlashAttribute("done", done);
      return "redirect:/console/incidents/" + after.key();
    } catch (ApiProblem refused) {
      if (refused.status().is5xxServerError() || refused.status().value() == 404) {
        throw refused;
      }
      flash.addFlashAttribute("problem", refused.getMessage());
      return "redirect:/console/incidents/" + id;
    }
  }

  private static boolean involves(IncidentSnapshot incident, Actor actor) {
    return actor.personId() != null
        && (incident.roles().containsValue(actor.personId())
            || actor.personId().equals(incident.acknowledgedBy())
            || incident.timeline().stream().anyMatch(e -> actor.personId().equals(e.actor())));
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
