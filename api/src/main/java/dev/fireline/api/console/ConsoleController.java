package dev.fireline.api.console;

import dev.fireline.api.security.Actor;
import dev.fireline.api.security.RequestActor;
import dev.fireline.incident.IncidentStore;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;

/** The console's first page: who you are and the incidents, open ones first. */
@Controller
class ConsoleController {
  private final IncidentStore incidents;

  ConsoleController(IncidentStore incidents) {
    this.incidents = incidents;
  }

  @GetMapping("/console")
  String home(@RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor, Model model) {
    model.addAttribute("actor", actor);
    model.addAttribute("incidents", incidents.list(null, null, null, 50).stream()
        .sorted(java.util.Comparator.comparing((dev.fireline.incident.IncidentSnapshot s) ->
            !s.stage().isOpen())).toList());
    return "console/home";
  }
}
