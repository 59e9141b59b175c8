package dev.fireline.incident;

import dev.fireline.incident.IncidentSnapshot.Escalation;
import dev.fireline.policy.EscalationPolicy;
import java.time.Instant;

/** How escalation moves through its policy's levels and passes (pure). */
final class Escalations {
  private Escalations() {}

  /** What the current level's pages are for, e.g. "level 2, pass 1 of policy storefront". */
  static String reason(Escalation current, EscalationPolicy policy) {
    return "level "
        + (current.level() + 1)
        + ", pass "
        + (current.pass() + 1)
        + " of policy "
        + policy.name();
  }

  /** A policy without levels: escalation is over before it began. */
  static Escalation withoutLevels(Escalation current) {
    return new Escalation(current.policy(), 0, 0, null, true);
  }

  /**
   * Where escalation stands once the current level is paged: the next level at {@code at}, else the
   * first level of the next pass, else exhausted (nothing further to page).
   */
  static Escalation next(Escalation current, EscalationPolicy policy, Instant at) {
    if (current.level() + 1 < policy.levels().size()) {
      return new Escalation(current.policy(), current.pass(), current.level() + 1, at, false);
    }
    if (current.pass() < policy.repeats()) {
      return new Escalation(current.policy(), current.pass() + 1, 0, at, false);
    }
    return new Escalation(current.policy(), current.pass(), current.level(), null, true);
  }
}
