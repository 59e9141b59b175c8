package dev.fireline.incident;

import dev.fireline.incident.IncidentSnapshot.Escalation;
import dev.fireline.notify.Notification;

/** What the timeline and the delivery log say when a send fails (pure). */
final class SendFailures {
  private SendFailures() {}

  /** Why a notification is sent, naming the channel whose failure it falls back from (or null). */
  static String reason(String why, String failedBefore) {
    return failedBefore == null ? why : why + ", fallback after " + failedBefore + " failed";
  }

  /** The delivery log's detail for a send that ran out of retries. */
  static String givenUp(String error, boolean fallsBack) {
    return "given up after retrying: "
        + error
        + (fallsBack ? "; sent by " + Pages.FALLBACK_CHANNEL + " instead" : "");
  }

  /**
   * Every channel of a page failed; says what escalation does about it.
   *
   * @param failedBefore the channel tried before this one, or null
   * @param levelHopesOnIt the level paged last still hopes on this page (it is followed)
   */
  static String unreachable(
      Notification page,
      String reason,
      String failedBefore,
      Escalation escalation,
      boolean levelHopesOnIt) {
    String channels =
        failedBefore == null ? page.channel() : failedBefore + " or " + page.channel();
    String next =
        escalation == null || escalation.exhausted()
            ? "escalation is exhausted: nobody else will be paged"
            : levelHopesOnIt
                ? "if nobody of this level is reached, the next level is paged at once"
                : "the next level is paged on schedule";
    return page.recipientName()
        + " could not be reached by "
        + channels
        + " ("
        + reason
        + "); "
        + next;
  }
}
