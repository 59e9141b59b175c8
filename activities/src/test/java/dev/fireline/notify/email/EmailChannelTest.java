package dev.fireline.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.fireline.directory.Contacts;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.Person;
import dev.fireline.notify.DeliveryLog;
import dev.fireline.notify.DeliveryResult;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationKind;
import dev.fireline.notify.Notifier;
import dev.fireline.notify.PageFacts;
import dev.fireline.notify.PermanentDeliveryFailure;
import dev.fireline.support.Postgres;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The e-mail channel against GreenMail, a real SMTP server on loopback. */
class EmailChannelTest {
  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final DataSource db = Postgres.migrated();
  private static final AtomicLong incidents =
      new AtomicLong(System.nanoTime() % 1_000_000 + 10_000);
  static final String PUBLIC_URL = "https://fireline.example.test";
  private static final Pattern LINK =
      Pattern.compile(Pattern.quote(PUBLIC_URL) + "/links/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");

  private final DirectoryStore directory = new DirectoryStore(db);
  private final LinkTokens tokens =
      new LinkTokens(
          "email-test-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8),
          Duration.ofHours(24),
          Clock.systemUTC());
  private long incident;

  @BeforeEach
  void people() {
    incident = incidents.incrementAndGet();
    directory.put(
        DirectoryStore.Kind.PERSON,
        "em-alice",
        new Person(
            "em-alice",
            "Alice Adams",
            List.of(new Person.ContactMethod(Person.Channel.EMAIL, "alice@example.test")),
            List.of(),
            "UTC",
            null),
        DirectoryStore.API);
    directory.put(
        DirectoryStore.Kind.PERSON,
        "em-nomail",
        new Person(
            "em-nomail",
            "No Mail",
            List.of(new Person.ContactMethod(Person.Channel.SMS, "+15550100001")),
            List.of(),
            "UTC",
            null),
        DirectoryStore.API);
  }

  static EmailSettings.Smtp server(int port) {
    return new EmailSettings.Smtp(
        "127.0.0.1", port, null, null, false, false, Duration.ofSeconds(5));
  }

  private EmailChannel channel(int port) {
    return new EmailChannel(
        new Mailer(server(port), "Fireline <fireline@example.test>"),
        new Contacts(directory),
        tokens,
        PUBLIC_URL + "/");
  }

  private Notification page(String person) {
    return new Notification(
        "INC-" + incident + "/page/p1/l1/" + person + "/email+0m",
        incident,
        NotificationKind.PAGE,
        person,
        "Alice Adams",
        "email",
        "[SEV1] INC-" + incident + " checkout: Checkout returns 500",
        "[SEV1] INC-"
            + incident
            + " checkout: Checkout returns 500\n"
            + "You are paged (escalation level 1). Acknowledge to stop the escalation.");
  }

  @Test
  void aPageArrivesWithTextAndHtmlPartsAndSignedAcknowledgeAndResolveLinks() throws Exception {
    Notification page = page("em-alice");
    EmailChannel channel = channel(smtp.getSmtp().getPort());

    var delivery = channel.deliver(page);

    MimeMessage mail = single(smtp.getReceivedMessages());
    assertThat(mail.getSubject()).isEqualTo(page.subject());
    assertThat(mail.getRecipients(Message.RecipientType.TO))
        .extracting(Object::toString)
        .containsExactly("alice@example.test");
    assertThat(mail.getFrom()[0].toString()).isEqualTo("Fireline <fireline@example.test>");
    assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    assertThat(mail.getHeader("X-Fireline-Incident")).containsExactly("INC-" + incident);
    // the provider id is the Message-ID, derived from the idempotency key
    assertThat(delivery.status()).isEqualTo(DeliveryResult.Status.SENT);
    assertThat(delivery.providerId())
        .isEqualTo(mail.getMessageID())
        .isEqualTo(new Mailer(server(1), "fireline@example.test").messageId(page.idempotencyKey()))
        .endsWith("@example.test>");

    MimeMultipart alternative = (MimeMultipart) mail.getContent();
    assertThat(alternative.getContentType()).startsWith("multipart/alternative");
    assertThat(alternative.getCount()).isEqualTo(2);
    assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
    String text = (String) alternative.getBodyPart(0).getContent();
    String html = (String) alternative.getBodyPart(1).getContent();
    assertThat(text)
        .contains("You are paged")
        .contains("Acknowledge: " + PUBLIC_URL + "/links/")
        .contains("Resolve:     " + PUBLIC_URL + "/links/")
        .contains("asks you to confirm");
    assertThat(html)
        .contains("You are paged")
        .contains(">Acknowledge</a>")
        .contains(">Resolve</a>");

    List<String> textLinks = links(text);
    assertThat(textLinks).hasSize(2);
    assertThat(links(html)).isEqualTo(textLinks);
    LinkTokens.Claims acknowledge = tokens.verify(textLinks.get(0), LinkTokens.Action.ACKNOWLEDGE);
    assertThat(acknowledge.incidentNumber()).isEqualTo(incident);
    assertThat(acknowledge.personId()).isEqualTo("em-alice");
    LinkTokens.Claims resolve = tokens.verify(textLinks.get(1), LinkTokens.Action.RESOLVE);
    assertThat(resolve.incidentNumber()).isEqualTo(incident);
    assertThat(resolve.expiresAt()).isAfter(java.time.Instant.now().plus(Duration.ofHours(23)));
  }

  @Test
  void aPageCarriesTheRunbookTheAlertLinkAndTheDescriptionInBothParts() throws Exception {
    String runbook = "https://runbooks.example.com/checkout?section=5xx&lang=en";
    String alert = "http://prometheus.example.com:9090/graph?g0.expr=rate(x%5B5m%5D)&g0.tab=1";
    channel(smtp.getSmtp().getPort())
        .deliver(
            page("em-alice"),
            new PageFacts(
                "Error rate above 5% on <checkout-api> & cart\nsince 10:02", runbook, alert));

    MimeMultipart alternative = (MimeMultipart) single(smtp.getReceivedMessages()).getContent();
    // SMTP carries lines as CRLF
    String text = ((String) alternative.getBodyPart(0).getContent()).replace("\r\n", "\n");
    String html = ((String) alternative.getBodyPart(1).getContent()).replace("\r\n", "\n");
    assertThat(text)
        .contains(
            "Error rate above 5% on <checkout-api> & cart\nsince 10:02\n\n"
                + "Runbook: "
                + runbook
                + "\nAlert:   "
                + alert
                + "\n");
    assertThat(text.indexOf("You are paged")).isLessThan(text.indexOf("Error rate"));
    assertThat(text.indexOf("Runbook:")).isLessThan(text.indexOf("Acknowledge:"));
    String runbookHref = runbook.replace("&", "&amp;");
    String alertHref = alert.replace("&", "&amp;");
    assertThat(html)
        .contains(
            "<a href=\"" + runbookHref + "\"",
            ">" + runbookHref + "</a>",
            "<a href=\"" + alertHref + "\"",
            ">" + alertHref + "</a>",
            "Error rate above 5% on &lt;checkout-api&gt; &amp; cart\nsince 10:02")
        .doesNotContain("<checkout-api>");
    assertThat(links(html)).as("the action links are still the two").hasSize(2);
  }

  @Test
  void aPageWithoutFactsSaysNoRunbookAndAReminderNeverDoes() throws Exception {
    channel(smtp.getSmtp().getPort()).deliver(page("em-alice"), PageFacts.NONE);
    Notification reminder =
        new Notification(
            "INC-" + incident + "/reminder/em-alice/email",
            incident,
            NotificationKind.STATUS_UPDATE_REMINDER,
            "em-alice",
            "Alice Adams",
            "email",
            "INC-" + incident + ": a status update is due",
            "Post one.");
    channel(smtp.getSmtp().getPort())
        .deliver(reminder, new PageFacts("d", "https://runbooks.example.com/x", null));

    for (MimeMessage mail : smtp.getReceivedMessages()) {
      MimeMultipart alternative = (MimeMultipart) mail.getContent();
      assertThat((String) alternative.getBodyPart(0).getContent()).doesNotContain("Runbook");
      assertThat((String) alternative.getBodyPart(1).getContent()).doesNotContain("Runbook");
    }
  }

  @Test
  void htmlFromIncidentTextIsEscaped() throws Exception {
    Notification page = page("em-alice");
    Notification nasty =
        new Notification(
            page.idempotencyKey(),
            page.incidentNumber(),
            page.kind(),
            page.recipientId(),
            page.recipientName(),
            page.channel(),
            "<b>x</b>",
            "<script>alert(1)</script> & \"quotes\"");
    channel(smtp.getSmtp().getPort()).deliver(nasty);

    MimeMultipart alternative = (MimeMultipart) single(smtp.getReceivedMessages()).getContent();
    String html = (String) alternative.getBodyPart(1).getContent();
    assertThat(html)
        .doesNotContain("<script>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;")
        .doesNotContain("<b>x</b>");
  }

  @Test
  void aRetriedSendThroughTheNotifierDeliversOneMail() throws Exception {
    Notifier notifier =
        new Notifier(
            new DeliveryLog(db),
            List.of(channel(smtp.getSmtp().getPort())),
            java.util.Optional.empty());
    Notification page = page("em-alice");

    DeliveryResult first = notifier.send(page);
    DeliveryResult retried = notifier.send(page);

    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(retried).isEqualTo(first);
    assertThat(first.providerId()).isEqualTo(smtp.getReceivedMessages()[0].getMessageID());
    assertThat(new DeliveryLog(db).find(page.idempotencyKey()))
        .get()
        .satisfies(e -> assertThat(e.attempts()).isEqualTo(2))
        .satisfies(e -> assertThat(e.status()).isEqualTo(DeliveryResult.Status.SENT));
  }

  @Test
  void anUnreachableServerIsRetryableAndTheRetryDeliversOnce() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    DeliveryLog log = new DeliveryLog(db);
    Notification page = page("em-alice");

    assertThatThrownBy(() -> channel(closedPort).deliver(page))
        .isInstanceOf(EmailDeliveryException.class)
        .isNotInstanceOf(PermanentDeliveryFailure.class)
        .hasMessageContaining("cannot connect to SMTP server 127.0.0.1:" + closedPort);

    // through the Notifier: the activity fails (Temporal retries), the log row stays pending
    Notifier down = new Notifier(log, List.of(channel(closedPort)), java.util.Optional.empty());
    assertThatThrownBy(() -> down.send(page)).isInstanceOf(EmailDeliveryException.class);
    assertThat(log.find(page.idempotencyKey()))
        .get()
        .satisfies(e -> assertThat(e.status()).isNull())
        .satisfies(e -> assertThat(e.detail()).contains("cannot connect"));

    // the retry, with the server back, sends it once
    Notifier up =
        new Notifier(log, List.of(channel(smtp.getSmtp().getPort())), java.util.Optional.empty());
    assertThat(up.send(page).status()).isEqualTo(DeliveryResult.Status.SENT);
    assertThat(up.send(page).status()).isEqualTo(DeliveryResult.Status.SENT);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }

  @Test
  void mailboxUnavailableIsPermanentAndTryLaterIsRetryable() throws Exception {
    try (ScriptedSmtpServer refusing = new ScriptedSmtpServer("550 5.1.1 mailbox unavailable");
        ScriptedSmtpServer busy = new ScriptedSmtpServer("451 4.3.0 try again later")) {
      assertThatThrownBy(() -> channel(refusing.port()).deliver(page("em-alice")))
          .isInstanceOf(PermanentDeliveryFailure.class)
          .hasMessageContaining("SMTP 550")
          .hasMessageContaining("mailbox unavailable");
      assertThatThrownBy(() -> channel(busy.port()).deliver(page("em-alice")))
          .isInstanceOf(EmailDeliveryException.class)
          .hasMessageContaining("SMTP 451");
      assertThat(refusing.messagesTaken).hasValue(0);

      // the Notifier records the permanent failure and never tries that key again
      DeliveryLog log = new DeliveryLog(db);
      Notifier notifier =
          new Notifier(log, List.of(channel(refusing.port())), java.util.Optional.empty());
      Notification page = page("em-alice");
      assertThat(notifier.send(page).status()).isEqualTo(DeliveryResult.Status.FAILED);
      assertThat(log.find(page.idempotencyKey()).orElseThrow().detail()).contains("550");
    }
  }

  @Test
  void someoneWithoutAnAddressIsAPermanentFailure() {
    assertThatThrownBy(() -> channel(smtp.getSmtp().getPort()).deliver(page("em-nomail")))
        .isInstanceOf(PermanentDeliveryFailure.class)
        .hasMessageContaining("no e-mail address for em-nomail");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void remindersAndHandoffsHaveNoLinks() throws Exception {
    EmailChannel channel = channel(smtp.getSmtp().getPort());
    channel.deliver(
        new Notification(
            "INC-" + incident + "/status-reminder/1/em-alice/email",
            incident,
            NotificationKind.STATUS_UPDATE_REMINDER,
            "em-alice",
            "Alice Adams",
            "email",
            "INC-" + incident + ": a status update is due",
            "No status update was posted."));
    channel.deliver(
        new Notification(
            "handoff/ops/1/em-alice/email",
            0,
            NotificationKind.HANDOFF,
            "em-alice",
            "Alice Adams",
            "email",
            "On-call handoff ops: ann → ben (0 open)",
            "Handoff of ops\n\nOpen incidents (0):\n  none"));

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(2);
    for (MimeMessage mail : received) {
      String text = (String) ((MimeMultipart) mail.getContent()).getBodyPart(0).getContent();
      assertThat(links(text)).isEmpty();
    }
    assertThat(received[1].getHeader("X-Fireline-Incident")).isNull();
    assertThat(
            ((String) ((MimeMultipart) received[1].getContent()).getBodyPart(0).getContent())
                .replace("\r\n", "\n"))
        .contains("Open incidents (0):\n  none");
  }

  @Test
  void thePasswordIsNeverShown() {
    EmailSettings.Smtp withPassword =
        new EmailSettings.Smtp(
            "smtp.example.test", 587, "fireline", "hunter2-secret", true, false, null);
    assertThat(withPassword.toString()).doesNotContain("hunter2").contains("****");
    assertThat(withPassword.describe()).doesNotContain("hunter2");
    assertThat(new Mailer(withPassword, "fireline@example.test").toString())
        .doesNotContain("hunter2");
  }

  static List<String> links(String content) {
    List<String> found = new ArrayList<>();
    Matcher m = LINK.matcher(content);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static MimeMessage single(MimeMessage[] received) {
    assertThat(received).hasSize(1);
    return received[0];
  }
}
