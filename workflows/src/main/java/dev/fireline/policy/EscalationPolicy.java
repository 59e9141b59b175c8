package dev.fireline.policy;

import java.time.Duration;
import java.util.List;

/**
 * Ordered levels; each pages its targets, then waits {@code escalateAfter} for an acknowledgement
 * before the next level. After the last level the policy starts over, {@code repeats} more times.
 */
public record EscalationPolicy(String name, int repeats, List<Level> levels) {

  /**
   * @param targets who to page: person ids (schedules and teams come with the directory)
   */
  public record Level(Duration escalateAfter, List<String> targets) {}
}
