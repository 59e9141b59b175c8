package dev.fireline.api.notification;

import dev.fireline.directory.DirectoryStore;
import dev.fireline.notify.ProviderSettings;
import dev.fireline.notify.ProviderVerification;
import dev.fireline.notify.Reachability;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who can be reached how: every person's notification rules against the channels that have a
 * provider here, the gaps (channels people rely on without one) and what each provider said of our
 * credentials at start (in a process that also sends; the worker's health says it otherwise).
 */
@RestController
class ReachabilityController {
  private final DirectoryStore store;
  private final ProviderSettings settings;
  private final ProviderVerification verification;

  ReachabilityController(
      DirectoryStore store, ProviderSettings settings, ProviderVerification verification) {
    this.store = store;
    this.settings = settings;
    this.verification = verification;
  }

  record ReachabilityView(
      Set<String> providers,
      boolean logOnly,
      boolean strict,
      List<ProviderVerification.Result> verified,
      List<Reachability.Gap> gaps,
      List<Reachability.PersonReach> people) {}

  @GetMapping("/api/reachability")
  ReachabilityView reachability() {
    Reachability.Report report =
        Reachability.of(store.list(DirectoryStore.Kind.PERSON), List.of(), settings);
    return new ReachabilityView(
        report.providers(),
        report.logOnly(),
        settings.strict(),
        verification.results(),
        report.gaps(),
        report.people());
  }
}
