package dev.fireline.notify.email;

import dev.fireline.directory.Contacts;
import dev.fireline.directory.Person;
import dev.fireline.incident.IncidentKeys;
import dev.fireline.notify.Channel;
import dev.fireline.notify.DeliveryResult;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationKind;
import dev.fireline.notify.PageFacts;
import dev.fireline.notify.PermanentDeliveryFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code email} channel: pages, reminders and handoff summaries by e-mail. A page carries
 * Acknowledge and Resolve links with signed, expiring tokens ({@link LinkTokens}); each opens a
 * confirmation page of the api ({@code GET /links/{token}}), and only its button acts.
 *
 * <p>The provider id in the delivery log is the Message-ID, which is derived from the idempotency
 * key.
 */
public class EmailChannel implements Channel {
  public static final String NAME = "email";

  /** An e-mail says this much of a page's description, at most (alerts can say a lot). */
  private static final int DESCRIPTION_LIMIT = 4000;

  private final Mailer mailer;
  private final Contacts contacts;
  private final LinkTokens tokens;
  private final String publicUrl;

  public EmailChannel(Mailer mailer, Contacts contacts, LinkTokens tokens, String publicUrl) {
    this.mailer = mailer;
    this.contacts = contacts;
    this.tokens = tokens;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Delivery deliver(Notification n) {
    return deliver(n, PageFacts.NONE);
  }

  @Override
  public Delivery deliver(Notification n, PageFacts facts) {
    String to =
        contacts
            .address(n.recipientId(), Person.Channel.EMAIL)
            .filter(address -> !address.isBlank())
            .orElseThrow(
                () ->
                    new PermanentDeliveryFailure(
                        "no e-mail address for " + n.recipientId() + " in the directory"));
    EmailTemplates.Content content = content(n, facts);
    Map<String, String> headers = new LinkedHashMap<>();
    if (n.incidentNumber() > 0) {
      headers.put("X-Fireline-Incident", IncidentKeys.key(n.incidentNumber()));
    }
    headers.put("X-Fireline-Kind", n.kind().name().toLowerCase());
    if (n.kind() == NotificationKind.PAGE) {
      headers.put("Importance", "high");
      headers.put("X-Priority", "1");
    }
    Mailer.Sent sent =
        mailer.send(
            new Mailer.Mail(
                List.of(to),
                List.of(),
                n.subject(),
                content.text(),
                content.html(),
                n.idempotencyKey(),
                headers));
    return new Delivery(
        DeliveryResult.Status.SENT, sent.messageId(), "accepted by the SMTP server for " + to);
  }

  /**
   * The e-mail for a notification: pages of an incident get Acknowledge and Resolve links, and say
   * what {@code facts} know (the description, the runbook, the alert at its source).
   */
  EmailTemplates.Content content(Notification n, PageFacts facts) {
    if (n.kind() != NotificationKind.PAGE || n.incidentNumber() <= 0) {
      return EmailTemplates.render(n.subject(), n.body(), List.of(), null);
    }
    Instant expires = tokens.expiryFromNow();
    List<EmailTemplates.Link> links =
        List.of(
            new EmailTemplates.Link(
                "Acknowledge", link(n, LinkTokens.Action.ACKNOWLEDGE, expires), "#b91c1c"),
            new EmailTemplates.Link(
                "Resolve", link(n, LinkTokens.Action.RESOLVE, expires), "#15803d"));
    return EmailTemplates.render(
        n.subject(), n.body(), about(facts), links, EmailTemplates.linkNote(expires));
  }

  private static EmailTemplates.About about(PageFacts facts) {
    List<EmailTemplates.Reference> references = new ArrayList<>();
    if (facts.runbookUrl() != null) {
      references.add(new EmailTemplates.Reference("Runbook", facts.runbookUrl()));
    }
    if (facts.alertUrl() != null) {
      references.add(new EmailTemplates.Reference("Alert", facts.alertUrl()));
    }
    return new EmailTemplates.About(shortened(facts.description()), references);
  }

  private static String shortened(String description) {
    if (description == null || description.length() <= DESCRIPTION_LIMIT) {
      return description;
    }
    int end = DESCRIPTION_LIMIT - 1;
    if (Character.isHighSurrogate(description.charAt(end - 1))) {
      end--; // never half an emoji
    }
    return description.substring(0, end) + "\u2026";
  }

  private String link(Notification n, LinkTokens.Action action, Instant expires) {
    return publicUrl
        + "/links/"
        + tokens.issue(n.incidentNumber(), action, n.recipientId(), expires);
  }

  @Override
  public String toString() {
    return "EmailChannel[" + mailer + ", links to " + publicUrl + "]";
  }
}
