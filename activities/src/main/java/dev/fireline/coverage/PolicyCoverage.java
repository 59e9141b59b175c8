package dev.fireline.coverage;

import java.util.List;

/**
 * What the check found for one escalation policy: the stretches where a level pages nobody who can
 * be reached.
 *
 * @param timeZone the zone of the local times: that of the first schedule the policy targets (UTC
 *     when it targets none), as a policy has no zone of its own
 */
public record PolicyCoverage(String policyId, String name, String timeZone, List<LevelGap> levels) {

  /**
   * One stretch of one level resolving to nobody reachable.
   *
   * @param variant null for the policy's levels, else the severity whose own levels these are
   * @param level 1 for the first level
   * @param targets the level's targets ({@code schedule:ops/primary}, {@code team:db}, ...)
   * @param reason "pages nobody", or "pages only people who cannot be reached (...)"
   * @param unreachable empty when the targets yield nobody at all; else the people they yield, none
   *     of whom can be reached
   * @param problems targets that can never yield anyone (unknown person, team without members)
   */
  public record LevelGap(
      String variant,
      int level,
      List<String> targets,
      Span gap,
      String reason,
      List<String> unreachable,
      List<String> problems) {

    static LevelGap of(
        String variant,
        int level,
        List<String> targets,
        Span gap,
        List<String> unreachable,
        List<String> problems) {
      String reason =
          unreachable.isEmpty()
              ? "pages nobody"
              : "pages only people who cannot be reached (" + String.join(", ", unreachable) + ")";
      return new LevelGap(variant, level, targets, gap, reason, unreachable, problems);
    }

    /** The same gap, starting where an earlier check found it starting. */
    LevelGap startingAt(Span earlier) {
      return new LevelGap(
          variant, level, targets, gap.from(earlier), reason, unreachable, problems);
    }
  }
}
