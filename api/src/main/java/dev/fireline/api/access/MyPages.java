package dev.fireline.api.access;

import dev.fireline.api.problem.ApiProblem;
import dev.fireline.api.security.Actor;
import dev.fireline.api.security.RequestActor;
import dev.fireline.api.testpage.TestPages;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.OnCallCalculator;
import dev.fireline.directory.Schedule;
import dev.fireline.directory.Shift;
import dev.fireline.security.ApiKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's "me" page: my next shifts, my contacts and notification rules, a test page to
 * myself, my API tokens (a new token's secret is shown once, on the page that made it).
 */
@Controller
class MyPages {
  private static final Duration AHEAD = Duration.ofDays(14);
  private final DirectoryStore directory;
  private final ApiKeys apiKeys;
  private final TestPages testPages;
  private final AccessController access;

  MyPages(DirectoryStore directory, ApiKeys apiKeys, TestPages testPages, AccessController access) {
    this.directory = directory;
    this.apiKeys = apiKeys;
    this.testPages = testPages;
    this.access = access;
  }

  @GetMapping("/console/me")
  String me(@RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor, Model model) {
    model.addAttribute("actor", actor);
    if (actor.personId() == null) {
      return "console/me";
    }
    Instant now = Instant.now();
    List<Shift> shifts =
        directory.list(DirectoryStore.Kind.SCHEDULE).stream()
            .map(s -> directory.scheduleWithOverrides(s.id()).orElse(s))
            .flatMap(
                (Schedule s) -> OnCallCalculator.effectiveShifts(s, now, now.plus(AHEAD)).stream())
            .filter(shift -> actor.is(shift.person()))
            .sorted(Comparator.comparing(Shift::start))
            .toList();
    model.addAttribute(
        "person", directory.find(DirectoryStore.Kind.PERSON, actor.personId()).orElse(null));
    model.addAttribute("shifts", shifts);
    model.addAttribute(
        "tokens",
        apiKeys.list(actor.personId()).stream().map(c -> CredentialView.of(c, now)).toList());
    return "console/me";
  }

  @PostMapping("/console/me/tokens")
  String makeToken(
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor,
      @RequestParam String name,
      @RequestParam(defaultValue = "90") int days,
      RedirectAttributes flash) {
    if (!name.trim().matches(AccessRequests.NAME)) {
      flash.addFlashAttribute("problem", "name: letters, digits, space, . _ - (at most 100)");
      return "redirect:/console/me";
    }
    try {
      var made = access.makeToken(new AccessRequests.NewToken(name, null, days), actor).getBody();
      flash.addFlashAttribute("secret", made.secret());
      flash.addFlashAttribute(
          "done",
          "Token '" + made.credential().name() + "' made. Copy it now: it is not shown again.");
    } catch (ApiProblem refused) {
      flash.addFlashAttribute("problem", refused.getMessage());
    }
    return "redirect:/console/me";
  }

  @PostMapping("/console/me/tokens/{id}/revoke")
  String revokeToken(
      @PathVariable long id,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor,
      RedirectAttributes flash) {
    access.revokeToken(id, actor);
    flash.addFlashAttribute("done", "Token revoked.");
    return "redirect:/console/me";
  }

  @PostMapping("/console/me/test-page")
  String testPage(
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor, RedirectAttributes flash) {
    if (actor.personId() == null) {
      throw ApiProblem.forbidden("a service key has nobody to page");
    }
    try {
      TestPages.TestPageView sent = testPages.send(actor.personId(), null, actor.id());
      flash.addFlashAttribute("testPage", sent);
      flash.addFlashAttribute(
          "done",
          sent.pending()
              ? "Test page sent; the providers have not all answered yet."
              : "Test page sent: see what each provider answered below.");
    } catch (ApiProblem refused) {
      flash.addFlashAttribute("problem", refused.getMessage());
    }
    return "redirect:/console/me";
  }
}
