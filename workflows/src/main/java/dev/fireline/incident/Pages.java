package dev.fireline.incident;

import dev.fireline.incident.IncidentSnapshot.Escalation;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationKind;
import dev.fireline.policy.Recipient;
import java.time.Instant;

/**
 * Every notification an incident sends, and its idempotency key (pure). The key is the delivery
 * log's unique key and what a provider retry is recognised by: changing how one is built would page
 * people twice for incidents that are running when the change is deployed.
 */
final class Pages {
  /** Channel a failed page falls back to. */
  static final String FALLBACK_CHANNEL = "email";

  private Pages() {}

  /** An escalation page: one per pass, level, person, channel and delay of the person's rule. */
  static Notification page(
      Incident incident, Recipient to, Recipient.Rule rule, Escalation at, String reason) {
    IncidentDeclaration d = incident.declaration();
    long afterMinutes = rule.after() == null ? 0 : rule.after().toMinutes();
    // a later round (snooze ended, acknowledgement timeout, reassigned) pages anew: its own keys
    int round = incident.responding().retriggers();
    String key =
        incident.key()
            + "/page/"
            + (round == 0 ? "" : "r" + (round + 1) + "/")
            + "p"
            + (at.pass() + 1)
            + "/l"
            + (at.level() + 1)
            + "/"
            + to.id()
            + "/"
            + rule.channel()
            + "+"
            + afterMinutes
            + "m";
    String subject =
        "[" + incident.severity() + "] " + incident.key() + " " + d.service() + ": " + d.title();
    String body = subject + "\nYou are paged (" + reason + "). Acknowledge to stop the escalation.";
    return new Notification(
        key, d.number(), NotificationKind.PAGE, to.id(), to.name(), rule.channel(), subject, body);
  }

  /** The same message by {@link #FALLBACK_CHANNEL}, saying which channel could not reach them. */
  static Notification fallback(Notification failed) {
    return new Notification(
        failed.idempotencyKey() + "/fallback-" + FALLBACK_CHANNEL,
        failed.incidentNumber(),
        failed.kind(),
        failed.recipientId(),
        failed.recipientName(),
        FALLBACK_CHANNEL,
        failed.subject(),
        failed.body() + "\n(" + failed.channel() + " could not reach you.)");
  }

  /** A page to a person added as a responder: one per request (its instant), person, channel. */
  static Notification responder(
      Incident incident, Instant at, Recipient to, String channel, String by, String message) {
    IncidentDeclaration d = incident.declaration();
    String subject =
        "[" + incident.severity() + "] " + incident.key() + " " + d.service() + ": " + d.title();
    return new Notification(
        incident.key() + "/responder/" + at.toEpochMilli() + "/" + to.id() + "/" + channel,
        d.number(),
        NotificationKind.PAGE,
        to.id(),
        to.name(),
        channel,
        subject,
        subject
            + "\n"
            + by
            + " added you as a responder"
            + (message == null || message.isBlank() ? "." : ": " + message.strip())
            + (incident.stage() == Stage.TRIGGERED ? " Acknowledge to take it." : ""));
  }

  /** The subject of the reached-nobody alarm (fixed before its recipients are looked up). */
  static String alarmSubject(Incident incident) {
    return "["
        + incident.severity()
        + "] "
        + incident.key()
        + " "
        + incident.declaration().service()
        + ": paging reached nobody";
  }

  /**
   * The alarm page of a level that reached nobody: one per alarm (its instant), person and channel.
   *
   * @param level what reached nobody, e.g. "level 1, pass 1 of policy storefront"
   */
  static Notification alarm(
      Incident incident,
      String subject,
      Instant at,
      Recipient recipient,
      String channel,
      String level) {
    IncidentDeclaration d = incident.declaration();
    return new Notification(
        incident.key()
            + "/reached-nobody/"
            + at.toEpochMilli()
            + "/"
            + recipient.id()
            + "/"
            + channel,
        d.number(),
        NotificationKind.PAGE,
        recipient.id(),
        recipient.name(),
        channel,
        subject,
        subject
            + ": "
            + d.title()
            + "\n"
            + level
            + " reached nobody. You are paged as "
            + (recipient.reason() == null ? "the last level or an admin" : recipient.reason())
            + ". Acknowledge to take it.");
  }

  /**
   * A reminder or notice to one person: one per step (e.g. "resolution-target"), person, channel.
   */
  static Notification notice(
      Incident incident,
      String step,
      NotificationKind kind,
      Recipient recipient,
      String channel,
      String subject,
      String body) {
    return new Notification(
        incident.key() + "/" + step + "/" + recipient.id() + "/" + channel,
        incident.declaration().number(),
        kind,
        recipient.id(),
        recipient.name(),
        channel,
        subject,
        body);
  }

  /** "Page to Alice via sms": the activity's summary and the timeline's name for a send. */
  static String describe(Notification n) {
    String what = n.kind() == NotificationKind.PAGE ? "Page" : "Notification";
    return what + " to " + n.recipientName() + " via " + n.channel();
  }
}
