package dev.fireline.api.notification;

import dev.fireline.api.security.Actor;
import dev.fireline.api.security.RequestActor;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.notify.ProviderSettings;
import dev.fireline.notify.ProviderVerification;
import dev.fireline.notify.Reachability;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;

/** "Who can be reached how" in the console: the same report as GET /api/reachability. */
@Controller
class ReachabilityPages {
  private final DirectoryStore store;
  private final ProviderSettings settings;
  private final ProviderVerification verification;

  ReachabilityPages(
      DirectoryStore store, ProviderSettings settings, ProviderVerification verification) {
    this.store = store;
    this.settings = settings;
    this.verification = verification;
  }

  @GetMapping("/console/reachability")
  String reachability(@RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor, Model model) {
    Reachability.Report report =
        Reachability.of(store.list(DirectoryStore.Kind.PERSON), List.of(), settings);
    model.addAttribute("actor", actor);
    model.addAttribute("report", report);
    model.addAttribute("strict", settings.strict());
    model.addAttribute("verified", verification.results());
    return "console/reachability";
  }
}
