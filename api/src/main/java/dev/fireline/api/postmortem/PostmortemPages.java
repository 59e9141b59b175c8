package dev.fireline.api.postmortem;

import dev.fireline.api.incident.Incidents;
import dev.fireline.api.problem.ApiProblem;
import dev.fireline.api.security.Actor;
import dev.fireline.api.security.RequestActor;
import dev.fireline.incident.Commands;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.incident.IncidentSnapshot.PostmortemStatus;
import dev.fireline.postmortem.ActionItems;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's postmortem editor: the Markdown beside its rendered preview, saving as draft or in
 * review, publishing, and the incident's action items. The preview escapes any HTML in the text and
 * drops unsafe links: a postmortem is written by many hands and read by everyone.
 */
@Controller
class PostmortemPages {
  private static final List<org.commonmark.Extension> EXTENSIONS =
      List.of(TablesExtension.create());
  private static final Parser MARKDOWN = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer HTML =
      HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).sanitizeUrls(true).build();

  private final Incidents incidents;
  private final ActionItems items;

  PostmortemPages(Incidents incidents, ActionItems items) {
    this.incidents = incidents;
    this.items = items;
  }

  @GetMapping("/console/incidents/{id}/postmortem")
  String editor(
      @PathVariable String id,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor,
      Model model) {
    IncidentSnapshot incident = incidents.get(id);
    String content =
        model.containsAttribute("content")
            ? (String) model.getAttribute("content")
            : PostmortemExportController.document(incident, items.forIncident(incident.number()));
    model.addAttribute("actor", actor);
    model.addAttribute("canAct", actor.may(dev.fireline.security.Role.RESPONDER));
    model.addAttribute("incident", incident);
    model.addAttribute("content", content);
    model.addAttribute("preview", HTML.render(MARKDOWN.parse(content)));
    model.addAttribute("items", items.forIncident(incident.number()));
    model.addAttribute("priorities", ActionItems.PRIORITIES);
    return "console/postmortem";
  }

  /** Save, or only preview: the text comes back to the editor either way. */
  @PostMapping("/console/incidents/{id}/postmortem")
  String save(
      @PathVariable String id,
      @RequestAttribute(RequestActor.ACTOR) String by,
      @RequestParam String content,
      @RequestParam(defaultValue = "draft") String status,
      @RequestParam(defaultValue = "save") String action,
      RedirectAttributes flash) {
    flash.addFlashAttribute("content", content);
    if (action.equals("preview")) {
      flash.addFlashAttribute("done", "Preview below; not saved yet.");
      return "redirect:/console/incidents/" + id + "/postmortem";
    }
    PostmortemStatus parsed =
        status.equals("in_review") ? PostmortemStatus.IN_REVIEW : PostmortemStatus.DRAFT;
    return act(
        id,
        flash,
        "Saved (" + status.replace('_', ' ') + ").",
        () ->
            incidents.update(
                id, w -> w.editPostmortem(new Commands.EditPostmortem(content, parsed, by))));
  }

  @PostMapping("/console/incidents/{id}/postmortem/publish")
  String publish(
      @PathVariable String id,
      @RequestAttribute(RequestActor.ACTOR) String by,
      RedirectAttributes flash) {
    return act(
        id,
        flash,
        "Published.",
        () -> incidents.update(id, w -> w.publishPostmortem(new Commands.PublishPostmortem(by))));
  }

  @PostMapping("/console/incidents/{id}/action-items")
  String addItem(
      @PathVariable String id,
      @RequestAttribute(RequestActor.ACTOR) String by,
      @RequestParam String title,
      @RequestParam String owner,
      @RequestParam(required = false) String due,
      @RequestParam(defaultValue = ActionItems.DEFAULT_PRIORITY) String priority,
      RedirectAttributes flash) {
    return act(
        id,
        flash,
        "Action item added.",
        () -> {
          if (title.isBlank() || owner.isBlank()) {
            throw ApiProblem.badRequest(title.isBlank() ? "title" : "owner", "must not be empty");
          }
          IncidentSnapshot incident = incidents.get(id);
          items.create(
              incident.number(),
              incident.service(),
              title.trim(),
              owner.trim(),
              date(due),
              ActionItems.parsePriority(priority)
                  .orElseThrow(
                      () -> ApiProblem.badRequest("priority", "must be one of P1, P2, P3, P4")),
              by);
          return incident;
        });
  }

  private String act(
      String id,
      RedirectAttributes flash,
      String done,
      java.util.function.Supplier<IncidentSnapshot> work) {
    try {
      work.get();
      flash.addFlashAttribute("done", done);
    } catch (ApiProblem refused) {
      if (refused.status().is5xxServerError() || refused.status().value() == 404) {
        throw refused;
      }
      flash.addFlashAttribute("problem", refused.getMessage());
    }
    return "redirect:/console/incidents/" + id + "/postmortem";
  }

  private static LocalDate date(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest("due", "must be a date like 2026-12-31");
    }
  }
}
