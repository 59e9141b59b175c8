package dev.fireline.coverage;

import dev.fireline.directory.DirectoryDocument;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.DirectoryStore.Kind;
import dev.fireline.directory.Schedule;
import dev.fireline.notify.ProviderSettings;
import dev.fireline.notify.Reachability;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The coverage of the directory as it is now, for the daily check and for the API alike: the gaps
 * of the next {@link #WINDOW}, with the starts of gaps under way carried over from the stored
 * check.
 */
public class Coverage {
  public static final Duration WINDOW =
      Duration.ofDays(dev.fireline.coverage.CoverageCheckActivities.DAYS_AHEAD);

  private final DirectoryStore directory;
  private final CoverageStore stored;
  private final ProviderSettings providers;

  public Coverage(DirectoryStore directory, CoverageStore stored, ProviderSettings providers) {
    this.directory = directory;
    this.stored = stored;
    this.providers = providers;
  }

  /** Every schedule and policy over {@code [from, from + WINDOW)}. */
  public CoverageReport compute(Instant from) {
    return compute(directoryNow(), from);
  }

  /** As {@link #compute(Instant)}, over a directory read already. */
  CoverageReport compute(DirectoryDocument now, Instant from) {
    // The directory's people only: the configured fallback people have no contacts to check.
    Reachability.Report reach = Reachability.of(now.people(), List.of(), providers);
    CoverageReport found = CoverageGaps.find(now, reach, from, from.plus(WINDOW));
    return Continuation.of(found, unwrap(stored.schedules()), unwrap(stored.policies()));
  }

  /** The people, teams, schedules (each with every override) and policies, as stored now. */
  DirectoryDocument directoryNow() {
    List<Schedule> schedules =
        directory.list(Kind.SCHEDULE).stream()
            .map(s -> directory.scheduleWithOverrides(s.id()).orElse(s))
            .toList();
    return new DirectoryDocument(
        directory.list(Kind.PERSON),
        directory.list(Kind.TEAM),
        schedules,
        directory.list(Kind.ESCALATION_POLICY),
        directory.list(Kind.SERVICE));
  }

  private static <T> Map<String, T> unwrap(Map<String, CoverageStore.Checked<T>> checked) {
    return checked.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().coverage()));
  }
}
