package dev.fireline.api.directory;

import dev.fireline.api.problem.ApiProblem;
import dev.fireline.api.security.Actor;
import dev.fireline.api.security.RequestActor;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.EscalationPolicyDefinition;
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
 * The console's on-call page: who is on call now in every schedule and policy level, the next week
 * (or month) of each schedule as it will page (layers and overrides resolved), an override form and
 * a swap form. The form uses the same rules as the REST API: a responder puts only themselves on
 * call.
 */
@Controller
class OnCallPages {
  private static final int MAX_DAYS = 31;
  private final DirectoryService directory;
  private final DirectoryChanges changes;
  private final DirectoryStore store;
  private final ShiftController shifts;

  OnCallPages(
      DirectoryService directory,
      DirectoryChanges changes,
      DirectoryStore store,
      ShiftController shifts) {
    this.directory = directory;
    this.changes = changes;
    this.store = store;
    this.shifts = shifts;
  }

  /** One level of a policy as it would page right now: who each target yields. */
  record LevelNow(int level, String after, List<String> targets) {}

  record PolicyNow(String id, String name, List<LevelNow> levels) {}

  /** One schedule as the page shows it. {@code onCall} null: nobody right now. */
  record ScheduleWeek(
      String id,
      String name,
      String timeZone,
      String onCall,
      List<Shift> week,
      List<Shift> swappable) {}

  @GetMapping("/console/oncall")
  String onCall(
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor,
      @RequestParam(defaultValue = "7") int days,
      Model model) {
    int span = Math.max(1, Math.min(MAX_DAYS, days));
    Instant now = Instant.now();
    Instant end = now.plus(Duration.ofDays(span));
    model.addAttribute("days", span);
    List<ScheduleWeek> schedules =
        changes.schedules().stream()
            .map(
                s ->
                    new ScheduleWeek(
                        s.id(),
                        s.name(),
                        s.timeZone(),
                        OnCallCalculator.onCall(s, null, now).orElse(null),
                        OnCallCalculator.effectiveShifts(s, now, end),
                        // whole shifts of the first layer still to come: what a swap exchanges
                        OnCallCalculator.shifts(s, s.layers().get(0).name(), now, end).stream()
                            .filter(shift -> !shift.start().isBefore(now))
                            .toList()))
            .toList();
    model.addAttribute("actor", actor);
    model.addAttribute("canAct", actor.may(Role.RESPONDER));
    model.addAttribute("schedules", schedules);
    model.addAttribute(
        "policies",
        store.list(DirectoryStore.Kind.ESCALATION_POLICY).stream()
            .map(p -> policyNow(p, now))
            .toList());
    // the form's defaults: the next full hour, for four hours, the signed-in person
    Instant start = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    model.addAttribute("defaultStart", LocalDateTime.ofInstant(start, ZoneOffset.UTC));
    model.addAttribute(
        "defaultEnd", LocalDateTime.ofInstant(start.plus(Duration.ofHours(4)), ZoneOffset.UTC));
    return "console/oncall";
  }

  @PostMapping("/console/overrides")
  String addOverride(
      @RequestParam("schedule") String id,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor,
      @RequestParam String start,
      @RequestParam String end,
      @RequestParam String person,
      RedirectAttributes flash) {
    String who = person.trim();
    if (!actor.may(Role.ADMIN) && !actor.is(who)) {
      throw ApiProblem.forbidden(
          "a responder puts only themselves on call; an admin can put " + "anyone");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("start", utc("start", start).toString());
    body.put("end", utc("end", end).toString());
    body.put("person", who);
    try {
      directory.addOverride(id, body, actor.id());
      flash.addFlashAttribute(
          "done", who + " is on call in " + id + " from " + start + " to " + end + " UTC.");
    } catch (ApiProblem refused) {
      if (refused.status().value() != 400 && refused.status().value() != 409) {
        throw refused;
      }
      flash.addFlashAttribute("problem", refused.getMessage());
    }
    return "redirect:/console/oncall";
  }

  /** Two shifts of a schedule's first layer exchange their people, as POST …/swaps does. */
  @PostMapping("/console/swaps")
  String swap(
      @RequestParam("schedule") String id,
      @RequestParam String first,
      @RequestParam String second,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor,
      RedirectAttributes flash) {
    try {
      shifts.swap(id, new SwapRequest(null, first, second), actor);
      flash.addFlashAttribute(
          "done", "Swapped the shifts starting " + first + " and " + second + ".");
    } catch (ApiProblem refused) {
      if (refused.status().is5xxServerError() || refused.status().value() == 404) {
        throw refused;
      }
      flash.addFlashAttribute("problem", refused.getMessage());
    }
    return "redirect:/console/oncall";
  }

  private PolicyNow policyNow(EscalationPolicyDefinition policy, Instant now) {
    List<LevelNow> levels = new java.util.ArrayList<>();
    // a level's escalate-after is how long it has before the next one is paged
    Duration pagedAfter = Duration.ZERO;
    for (int i = 0; i < policy.levels().size(); i++) {
      EscalationPolicyDefinition.Level level = policy.levels().get(i);
      levels.add(
          new LevelNow(
              i + 1,
              pagedAfter.isZero() ? "at once" : "after " + pagedAfter.toMinutes() + " min",
              level.targets().stream().map(t -> describe(t, now)).toList()));
      pagedAfter = pagedAfter.plus(level.escalateAfter());
    }
    return new PolicyNow(policy.id(), policy.name(), levels);
  }

  /** "alice", "storefront-oncall: bob", "team sre: ann, ben". */
  private String describe(EscalationPolicyDefinition.Target target, Instant now) {
    return switch (target.type()) {
      case PERSON -> target.id();
      case SCHEDULE ->
          target.id()
              + (target.layer() == null ? "" : " (" + target.layer() + ")")
              + ": "
              + store
                  .scheduleWithOverrides(target.id())
                  .flatMap(s -> OnCallCalculator.onCall(s, target.layer(), now))
                  .orElse("nobody");
      case TEAM ->
          "team "
              + target.id()
              + ": "
              + store
                  .find(DirectoryStore.Kind.TEAM, target.id())
                  .map(t -> t.members().isEmpty() ? "nobody" : String.join(", ", t.members()))
                  .orElse("unknown team");
    };
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
