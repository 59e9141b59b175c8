package dev.fireline.notify.email;

import dev.fireline.communicate.Announcement;
import dev.fireline.communicate.Announcer;
import dev.fireline.communicate.chat.StakeholderRule;
import dev.fireline.directory.ServiceDefinition;
import dev.fireline.notify.PermanentDeliveryFailure;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * E-mails announcements to the stakeholder list ({@code fireline.email.stakeholders}) — the same
 * announcements chat gets ({@link StakeholderRule}). One message per announcement, the list in Bcc
 * (To: undisclosed-recipients, so nobody replies to all), Message-ID from the announcement's
 * idempotency key.
 *
 * <p>An SMTP 5xx for every address is logged and not retried; addresses refused among accepted ones
 * are logged. No connection or 4xx: thrown, so the announce activity retries.
 */
public class StakeholderEmailAnnouncer implements Announcer {
  public static final String NAME = "stakeholder-email";
  private static final Logger log = LoggerFactory.getLogger(StakeholderEmailAnnouncer.class);
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final Mailer mailer;
  private final List<String> stakeholders;
  private final StakeholderRule rule;

  public StakeholderEmailAnnouncer(Mailer mailer, List<String> stakeholders, StakeholderRule rule) {
    this.mailer = mailer;
    this.stakeholders = List.copyOf(stakeholders);
    this.rule = rule;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean wants(Announcement announcement, ServiceDefinition service) {
    return !stakeholders.isEmpty() && rule.applies(announcement, NAME);
  }

  @Override
  public void announce(Announcement a, ServiceDefinition service) {
    String serviceName = service != null && service.name() != null ? service.name() : a.service();
    String subject = "[" + a.severity() + "] " + a.incidentKey() + " " + verb(a) + ": " + a.title();
    StringBuilder body =
        new StringBuilder()
            .append(a.internalMessage() == null ? "" : a.internalMessage())
            .append("\n\n");
    if (a.publicMessage() != null && !a.publicMessage().isBlank()) {
      body.append("Public status update: ").append(a.publicMessage()).append("\n\n");
    }
    body.append("Incident:  ")
        .append(a.incidentKey())
        .append(" — ")
        .append(a.title())
        .append('\n')
        .append("Service:   ")
        .append(serviceName)
        .append('\n')
        .append("Severity:  ")
        .append(a.severity())
        .append('\n')
        .append("Stage:     ")
        .append(a.stage() == null ? "" : a.stage().name().toLowerCase(Locale.ROOT))
        .append('\n');
    if (a.at() != null) {
      body.append("At:        ").append(WHEN.format(a.at())).append('\n');
    }
    body.append("\nYou receive this as a stakeholder of ")
        .append(a.severity())
        .append(" incidents.");
    EmailTemplates.Content content =
        EmailTemplates.render(subject, body.toString(), List.of(), null);
    try {
      Mailer.Sent sent =
          mailer.send(
              new Mailer.Mail(
                  List.of(),
                  stakeholders,
                  subject,
                  content.text(),
                  content.html(),
                  a.idempotencyKey(),
                  Map.of(
                      "X-Fireline-Incident",
                      a.incidentKey(),
                      "X-Fireline-Kind",
                      "announcement-" + a.kind().name().toLowerCase(Locale.ROOT))));
      if (!sent.rejected().isEmpty()) {
        log.warn("Stakeholder e-mail {} was refused for {}", a.idempotencyKey(), sent.rejected());
      }
    } catch (PermanentDeliveryFailure refused) {
      log.error(
          "Stakeholder e-mail {} refused for good, not retried: {}",
          a.idempotencyKey(),
          refused.getMessage());
    }
  }

  private static String verb(Announcement a) {
    return switch (a.kind()) {
      case DECLARED -> "declared";
      case STATUS_UPDATE ->
          "update (" + (a.stage() == null ? "" : a.stage().name().toLowerCase(Locale.ROOT)) + ")";
      case SEVERITY_CHANGED -> "is now " + a.severity();
      case RESOLVED -> "resolved";
    };
  }

  @Override
  public String toString() {
    return "StakeholderEmailAnnouncer[" + stakeholders.size() + " recipients, " + mailer + "]";
  }
}
