package dev.fireline.incident;

import dev.fireline.incident.IncidentSnapshot.Escalation;
import dev.fireline.policy.Durations;
import dev.fireline.policy.EscalationPolicy.Level;
import dev.fireline.policy.PolicyActivities;
import dev.fireline.policy.Recipient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A level that reached nobody (nobody on call, unknown people, every page failed) is an emergency,
 * not a note: what it decides and what it says (pure; {@link Paging} does it).
 */
final class ReachedNobodyAlarm {
  /**
   * A level that reached nobody.
   *
   * @param level what was paged, e.g. "level 1, pass 1 of policy storefront"
   * @param index the level's index in its policy
   * @param why why nobody was reached
   */
  record Unreached(String level, int index, String why) {}

  private ReachedNobodyAlarm() {}

  /** Whether the level that reached nobody is the policy's last one (then it is not alarmed). */
  static boolean lastLevelFailed(Unreached unreached, List<Level> levels) {
    return unreached.index() >= levels.size() - 1;
  }

  /**
   * Paging never silently stops: an exhausted policy that reached nobody tries its last level again
   * after that level's delay (providers may be back by then). Null without levels.
   */
  static Duration lastLevelAgainAfter(List<Level> levels) {
    return levels.isEmpty() ? null : levels.get(levels.size() - 1).escalateAfter();
  }

  /**
   * The timeline's words for the emergency.
   *
   * @param nextPagedNow the next level is paged now
   * @param pagedAgain there is no next level and the last is paged again after {@code again}
   * @param escalation the escalation after that decision (read only when {@code pagedAgain})
   */
  static String timelineText(
      Unreached unreached,
      boolean nextPagedNow,
      boolean pagedAgain,
      Duration again,
      Escalation escalation,
      boolean lastLevelFailed) {
    return "EMERGENCY: "
        + unreached.level()
        + " reached nobody: "
        + unreached.why()
        + ". "
        + (nextPagedNow
            ? "The next level is paged now; "
            : pagedAgain
                ? "There is no further level: the last level is paged again in "
                    + Durations.human(again)
                    + " (pass "
                    + (escalation.pass() + 1)
                    + "), until someone is reached; "
                : "There is no further level; ")
        + (lastLevelFailed ? "the admins are" : "the policy's last level and the admins are")
        + " paged by every channel";
  }

  /** Who is alarmed: the policy's last level (unless it is the one that failed) and the admins. */
  static List<String> targets(List<Level> levels, boolean lastLevelFailed) {
    List<String> targets = new ArrayList<>();
    if (!levels.isEmpty() && !lastLevelFailed) { // the last level is the one that failed
      targets.addAll(levels.get(levels.size() - 1).targets());
    }
    targets.add(PolicyActivities.ADMINS);
    return targets;
  }

  /** An alarmed person is paged once by every channel their rules name, delays ignored. */
  static List<String> channels(Recipient recipient) {
    return recipient.rules().stream().map(Recipient.Rule::channel).distinct().toList();
  }

  /** What the alarm's lookup and pages are for. */
  static String purpose(Unreached unreached) {
    return "alarm: " + unreached.level() + " reached nobody";
  }
}
