package dev.fireline.api.directory;

import dev.fireline.api.problem.ApiProblem;
import dev.fireline.api.security.Actor;
import dev.fireline.api.security.RequestActor;
import dev.fireline.directory.OnCallCalculator;
import dev.fireline.directory.Shift;
import dev.fireline.security.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's on-call page: who is on call now in every schedule, the next seven days of each
 * schedule as it will page (layers and overrides resolved), and an override form. The form uses
 * the same rules as the REST API: a responder puts only themselves on call.
 */
@Controller
class OnCallPages {
  private static final Duration WEEK = Duration.ofDays(7);
  private final DirectoryService directory;

  OnCallPages(DirectoryService directory) {
    this.directory = directory;
  }

  /** One schedule as the page shows it. {@code onCall} null: nobody right now. */
  record ScheduleWeek(String id, String name, String timeZone, String onCall, List<Shift> week) {}

  @GetMapping("/console/oncall")
  String onCall(@RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor, Model model) {
    Instant now = Instant.now();
    Instant end = now.plus(WEEK);
    List<ScheduleWeek> schedules = directory.schedules().stream()
        .map(s -> new ScheduleWeek(s.id(), s.name(), s.timeZone(),
            OnCallCalculator.onCall(s, null, now).orElse(null),
            OnCallCalculator.effectiveShifts(s, now, end)))
        .toList();
    model.addAttribute("actor", actor);
    model.addAttribute("canAct", actor.may(Role.RESPONDER));
    model.addAttribute("schedules", schedules);
    // the form's defaults: the next full hour, for four hours, the signed-in person
    Instant start = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    model.addAttribute("defaultStart", LocalDateTime.ofInstant(start, ZoneOffset.UTC));
    model.addAttribute("defaultEnd", LocalDateTime.ofInstant(start.plus(Duration.ofHours(4)),
        ZoneOffset.UTC));
    return "console/oncall";
  }

  @PostMapping("/console/overrides")
  String addOverride(@RequestParam("schedule") String id,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor,
      @RequestParam String start, @RequestParam String end, @RequestParam String person,
      RedirectAttributes flash) {
    String who = person.trim();
    if (!actor.may(Role.ADMIN) && !actor.is(who)) {
      throw ApiProblem.forbidden("a responder puts only themselves on call; an admin can put "
          + "anyone");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("start", utc("start", start).toString());
    body.put("end", utc("end", end).toString());
    body.put("person", who);
    try {
      directory.addOverride(id, body, actor.id());
      flash.addFlashAttribute("done", who + " is on call in " + id + " from " + start
          + " to " + end + " UTC.");
    } catch (ApiProblem refused) {
      if (refused.status().value() != 400 && refused.status().value() != 409) {
        throw refused;
      }
      flash.addFlashAttribute("problem", refused.getMessage());
    }
    return "redirect:/console/oncall";
  }

  /** A {@code datetime-local} field's value, read as UTC (the page says so). */
  private static Instant utc(String field, String value) {
    try {
      return LocalDateTime.parse(value.trim()).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(field, "must be a date and time like 2026-12-04T18:00");
    }
  }

}
